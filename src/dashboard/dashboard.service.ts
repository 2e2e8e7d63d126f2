import type { Clock } from '../domain/clock.ts';
import type { Scope } from '../domain/scope.ts';
import type { DashboardRepository } from './dashboard.repository.ts';
import type { RollupRepository } from './rollup.repository.ts';
import type { RollupService } from './rollup.service.ts';
import { businessDayNumber } from './rollup.ts';
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
    private readonly d: { repo: DashboardRepository; rollups: RollupRepository; rollup: RollupService; clock: Clock; offsetMs: number },
  ) {}

  /** Transactions per business day on which the scenario fired, over the last `days` days. */
  async scenarioHits(scope: Scope, scenarioId: string, days: number): Promise<ScenarioHitDays> {
    const { firstNumber, todayNumber, from, to, dayStart } = this.window(days);
    const out = Array.from({ length: days }, (_, i) => ({ day: isoDay(firstNumber + i), from: dayStart(firstNumber + i), to: dayStart(firstNumber + i + 1), hits: 0 }));
    await this.d.rollup.catchUp(scope.institutionId);
    for (const r of await this.d.rollups.scenarioCounts(scope, firstNumber, todayNumber, scenarioId)) {
      const d = out[r.day - firstNumber];
      if (d) d.hits += r.hits;
    }
    return { scenarioId, from, to, days: out };
  }

  private window(days: number) {
    const todayNumber = businessDayNumber(this.d.clock.now(), this.d.offsetMs);
    const firstNumber = todayNumber - (days - 1);
    const dayStart = (n: number) => n * DAY_MS - this.d.offsetMs;
    return { todayNumber, firstNumber, from: dayStart(firstNumber), to: dayStart(todayNumber + 1), dayStart };
  }

  async summary(scope: Scope, access: SummaryAccess): Promise<DashboardSummary> {
    const now = this.d.clock.now();
    const { firstNumber, todayNumber, from, to, dayStart } = this.window(DASHBOARD_DAYS);

    const summary: DashboardSummary = {
      asOf: now,
      utcOffsetMinutes: this.d.offsetMs / 60_000,
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
      await this.d.rollup.catchUp(scope.institutionId);
      for (const r of await this.d.rollups.txnCounts(scope, 'occurred', firstNumber, todayNumber)) {
        const d = days[r.day - firstNumber];
        if (!d) continue;
        addDecision(d, r.decision, r.count);
        addDecision(last30, r.decision, r.count);
      }
      const today = days[days.length - 1];
      const ingested = (await this.d.rollups.txnCounts(scope, 'ingested', todayNumber, todayNumber)).reduce((n, r) => n + r.count, 0);
      summary.transactions = {
        today: { ...today, ingested },
        last30Days: { from, to, ...last30 },
        days,
      };
      summary.topScenarios = { from, to, items: topScenarios(await this.d.rollups.scenarioCounts(scope, firstNumber, todayNumber)) };
    }
    if (access.quarantine) summary.quarantine = { open: await this.d.repo.openQuarantine(scope.institutionId) };
    if (access.dataQuality) {
      const rows = await this.d.repo.recordCounts(scope.institutionId, isoDay(firstNumber));
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) latest.set(r.source, r); // rows are ordered by day: the last one wins
      summary.dataQuality = [...latest.values()].map((r) => {
        const validity = r.records === 0 ? 1 : r.accepted / r.records;
        return { source: r.source, day: r.day, records: r.records, rejected: r.rejected, validity, status: dqStatus(validity) };
      });
    }
    if (access.rings) summary.rings = { byTypology: await this.d.repo.ringCounts(scope.institutionId) };
    return summary;
  }
}

/** Share of accepted records: ≥ 99 % ok, ≥ 95 % warning, below that failing. */
export function dqStatus(validity: number): 'ok' | 'warning' | 'failing' {
  if (validity >= 0.99) return 'ok';
  if (validity >= 0.95) return 'warning';
  return 'failing';
}

/** Hits per scenario over the days given (rows per day and scenario); most frequent first. */
export function topScenarios(rows: ReadonlyArray<{ scenarioId: string; typology: string; severity: string; hits: number }>): NonNullable<DashboardSummary['topScenarios']>['items'] {
  const counts = new Map<string, { scenarioId: string; typology: string; severity: string; hits: number }>();
  for (const r of rows) {
    const c = counts.get(r.scenarioId);
    if (c) c.hits += r.hits;
    else counts.set(r.scenarioId, { scenarioId: r.scenarioId, typology: r.typology, severity: r.severity, hits: r.hits });
  }
  return [...counts.values()].sort((a, b) => b.hits - a.hits || a.scenarioId.localeCompare(b.scenarioId)).slice(0, TOP_SCENARIOS);
}
