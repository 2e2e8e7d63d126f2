import type { Clock } from '../domain/clock.ts';
import type { Scope } from '../domain/scope.ts';
import type { DashboardRepository } from './dashboard.repository.ts';
import type { DashboardSummary, DecisionCounts, ScenarioHitDays } from './dashboard.schema.ts';

const DAY_MS = 86_400_000;
export const DASHBOARD_DAYS = 30;
const TOP_SCENARIOS = 10;


export interface SummaryAccess {
  transactions: boolean;
  quarantine: boolean;
  dataQuality: boolean;
  rings: boolean;
}

interface HitLike { scenarioId?: unknown; typology?: unknown; severity?: unknown }

const emptyCounts = (): DecisionCounts => ({ total: 0, allow: 0, review: 0, block: 0 });

function addDecision(c: DecisionCounts, decision: string, n: number): void {
  c.total += n;
  if (decision === 'allow' || decision === 'review' || decision === 'block') c[decision] += n;
}

const isoDay = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/**
 * The dashboard's figures. Days are business days in a fixed zone (`offsetMs` east of UTC, the same
 * day boundary as the data-quality counters), each with its [from, to) range in epoch ms so the web
 * app can link a figure to the transaction list behind it.
 */
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly clock: Clock,
    private readonly offsetMs: number,
  ) {}

  /** Transactions per business day on which the scenario fired, over the last `days` days. */
  async scenarioHits(scope: Scope, scenarioId: string, days: number): Promise<ScenarioHitDays> {
    const { firstNumber, from, to, dayStart } = this.window(days);
    const out = Array.from({ length: days }, (_, i) => ({ day: isoDay(firstNumber + i), from: dayStart(firstNumber + i), to: dayStart(firstNumber + i + 1), hits: 0 }));
    for (const r of await this.repo.hitsOfScenario(scope, scenarioId, from, to)) {
      if (!countScenarios([r.hits]).some((s) => s.scenarioId === scenarioId)) continue;
      const d = out[Math.floor((r.occurredAt + this.offsetMs) / DAY_MS) - firstNumber];
      if (d) d.hits++;
    }
    return { scenarioId, from, to, days: out };
  }

  private window(days: number) {
    const todayNumber = Math.floor((this.clock.now() + this.offsetMs) / DAY_MS);
    const firstNumber = todayNumber - (days - 1);
    const dayStart = (n: number) => n * DAY_MS - this.offsetMs;
    return { todayNumber, firstNumber, from: dayStart(firstNumber), to: dayStart(todayNumber + 1), dayStart };
  }

  async summary(scope: Scope, access: SummaryAccess): Promise<DashboardSummary> {
    const now = this.clock.now();
    const { firstNumber, from, to, dayStart } = this.window(DASHBOARD_DAYS);

    const summary: DashboardSummary = {
      asOf: now,
      utcOffsetMinutes: this.offsetMs / 60_000,
      transactions: null,
      topScenarios: null,
      rings: null,
      dataQuality: null,
      quarantine: null,
    };

    if (access.transactions) {
      const days = Array.from({ length: DASHBOARD_DAYS }, (_, i) => ({
        day: isoDay(firstNumber + i), from: dayStart(firstNumber + i), to: dayStart(firstNumber + i + 1), ...emptyCounts(),
      }));
      const last30 = emptyCounts();
      for (const r of await this.repo.countByDayAndDecision(scope, from, to, this.offsetMs)) {
        const d = days[r.day - firstNumber];
        if (!d) continue;
        addDecision(d, r.decision, r.count);
        addDecision(last30, r.decision, r.count);
      }
      const today = days[days.length - 1];
      summary.transactions = {
        today: { ...today, ingested: await this.repo.countIngestedSince(scope, today.from) },
        last30Days: { from, to, ...last30 },
        days,
      };
      summary.topScenarios = { from, to, items: countScenarios(await this.repo.hitLists(scope, from, to)) };
    }
    if (access.quarantine) summary.quarantine = { open: await this.repo.openQuarantine(scope.institutionId) };
    if (access.dataQuality) {
      const rows = await this.repo.recordCounts(scope.institutionId, isoDay(firstNumber));
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) latest.set(r.source, r); // rows are ordered by day: the last one wins
      summary.dataQuality = [...latest.values()].map((r) => {
        const validity = r.records === 0 ? 1 : r.accepted / r.records;
        return { source: r.source, day: r.day, records: r.records, rejected: r.rejected, validity, status: dqStatus(validity) };
      });
    }
    if (access.rings) summary.rings = { byTypology: await this.repo.ringCounts(scope.institutionId) };
    return summary;
  }
}

/** Share of accepted records: ≥ 99 % ok, ≥ 95 % warning, below that failing. */
export function dqStatus(validity: number): 'ok' | 'warning' | 'failing' {
  if (validity >= 0.99) return 'ok';
  if (validity >= 0.95) return 'warning';
  return 'failing';
}

/** Counts, per scenario, the transactions on which it fired; most frequent first. */
export function countScenarios(hitLists: readonly string[]): NonNullable<DashboardSummary['topScenarios']>['items'] {
  const counts = new Map<string, { scenarioId: string; typology: string; severity: string; hits: number }>();
  for (const text of hitLists) {
    let hits: unknown;
    try {
      hits = JSON.parse(text);
    } catch {
      continue;
    }
    if (!Array.isArray(hits)) continue;
    const seen = new Set<string>();
    for (const h of hits as HitLike[]) {
      if (typeof h?.scenarioId !== 'string' || seen.has(h.scenarioId)) continue;
      seen.add(h.scenarioId);
      const c = counts.get(h.scenarioId);
      if (c) c.hits++;
      else counts.set(h.scenarioId, {
        scenarioId: h.scenarioId,
        typology: typeof h.typology === 'string' ? h.typology : '',
        severity: typeof h.severity === 'string' ? h.severity : '',
        hits: 1,
      });
    }
  }
  return [...counts.values()].sort((a, b) => b.hits - a.hits || a.scenarioId.localeCompare(b.scenarioId)).slice(0, TOP_SCENARIOS);
}
