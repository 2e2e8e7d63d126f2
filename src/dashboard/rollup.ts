/** Pure part of the dashboard rollups: folding log rows into per-day, per-branch increments. */

const DAY_MS = 86_400_000;

export type RollupKind = 'occurred' | 'ingested';

export interface LogRowForRollup {
  seq: number;
  branchId: string | null;
  occurredAt: number;
  ingestedAt: number;
  decision: string;
  /** The stored hits JSON (array of ScenarioHit). */
  hits: string;
}

export interface TxnIncrement { kind: RollupKind; day: number; branchId: string; decision: string; count: number }
export interface ScenarioIncrement { day: number; branchId: string; scenarioId: string; typology: string; severity: string; hits: number }
/** A scenario that fired on the transaction at a log position. */
export interface HitEntry { scenarioId: string; seq: number }

interface HitLike { scenarioId?: unknown; typology?: unknown; severity?: unknown }

/** Business day number: days since 1970-01-01 in the zone `offsetMs` east of UTC. */
export const businessDayNumber = (t: number, offsetMs: number) => Math.floor((t + offsetMs) / DAY_MS);

/**
 * The scenarios of one stored hit list, each once (a transaction counts once per scenario however
 * many times it is listed); malformed lists count nothing.
 */
export function scenariosOf(hitsJson: string): Array<{ scenarioId: string; typology: string; severity: string }> {
  if (hitsJson === '[]') return [];
  let hits: unknown;
  try {
    hits = JSON.parse(hitsJson);
  } catch {
    return [];
  }
  if (!Array.isArray(hits)) return [];
  const out = new Map<string, { scenarioId: string; typology: string; severity: string }>();
  for (const h of hits as HitLike[]) {
    if (typeof h?.scenarioId !== 'string' || out.has(h.scenarioId)) continue;
    out.set(h.scenarioId, {
      scenarioId: h.scenarioId,
      typology: typeof h.typology === 'string' ? h.typology : '',
      severity: typeof h.severity === 'string' ? h.severity : '',
    });
  }
  return [...out.values()];
}

/**
 * Sums rows into increments: decisions by transaction day and by ingest day, scenario hits by
 * transaction day; and lists which scenario fired at which log position.
 */
export function foldRows(rows: Iterable<LogRowForRollup>, offsetMs: number): { txns: TxnIncrement[]; scenarios: ScenarioIncrement[]; hits: HitEntry[] } {
  const hits: HitEntry[] = [];
  const txns = new Map<string, TxnIncrement>();
  const scenarios = new Map<string, ScenarioIncrement>();
  const addTxn = (kind: RollupKind, day: number, branchId: string, decision: string) => {
    const k = `${kind}|${day}|${branchId}|${decision}`;
    const e = txns.get(k);
    if (e) e.count++;
    else txns.set(k, { kind, day, branchId, decision, count: 1 });
  };
  for (const r of rows) {
    const branchId = r.branchId ?? '';
    const day = businessDayNumber(r.occurredAt, offsetMs);
    addTxn('occurred', day, branchId, r.decision);
    addTxn('ingested', businessDayNumber(r.ingestedAt, offsetMs), branchId, r.decision);
    for (const s of scenariosOf(r.hits)) {
      hits.push({ scenarioId: s.scenarioId, seq: r.seq });
      const k = `${day}|${branchId}|${s.scenarioId}`;
      const e = scenarios.get(k);
      if (e) {
        e.hits++;
        e.typology = s.typology;
        e.severity = s.severity;
      } else {
        scenarios.set(k, { day, branchId, ...s, hits: 1 });
      }
    }
  }
  return { txns: [...txns.values()], scenarios: [...scenarios.values()], hits };
}
