import type { Finding, Typology } from '../src/graph/finding.ts';
import type { EvalRow } from './datasets.ts';
import { confusion, prAuc, prf, type Prf } from './metrics.ts';

export interface TruthRing { id: string; typology: Typology | 'mixed'; accounts: Set<string> }

/** For each graph node, the indexes (into `rings`) of the labelled rings holding its account. */
export function ringsByNode(g: { nodeIndex: Map<string, number> }, rings: readonly TruthRing[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  rings.forEach((r, i) => {
    for (const a of r.accounts) {
      const n = g.nodeIndex.get(a);
      if (n === undefined) continue;
      const l = out.get(n);
      if (l) l.push(i);
      else out.set(n, [i]);
    }
  });
  return out;
}

/**
 * The labelled rings inside a split: rows carry their ring id (AMLGentex patternID; AMLSim: the
 * component of laundering transfers over the whole run, eval/amlsim.ts); suspicious rows without
 * one are grouped into weakly connected components of the split.
 * Members are the accounts of the ring's transactions inside the split (what a miner of that
 * window can see).
 */
export function truthRings(rows: EvalRow[], ringTypology: Map<string, Typology | 'mixed'>): TruthRing[] {
  const byRing = new Map<string, Set<string>>();
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) { const p = parent.get(parent.get(x)!)!; parent.set(x, p); x = p; }
    return x;
  };
  for (const r of rows) {
    if (!r.sar) continue;
    if (r.ring !== null) {
      let s = byRing.get(r.ring);
      if (!s) byRing.set(r.ring, (s = new Set()));
      s.add(r.src).add(r.dst);
    } else {
      for (const a of [r.src, r.dst]) if (!parent.has(a)) parent.set(a, a);
      const a = find(r.src), b = find(r.dst);
      if (a !== b) parent.set(a, b);
    }
  }
  for (const a of parent.keys()) {
    const root = `c${find(a)}`;
    let s = byRing.get(root);
    if (!s) byRing.set(root, (s = new Set()));
    s.add(a);
  }
  return [...byRing].map(([id, accounts]) => ({
    id, accounts, typology: ringTypology.get(id) ?? ringTypology.get('*') ?? 'mixed',
  }));
}

export interface SplitReport {
  rings: number;
  /** Accounts per truth ring: median and largest. */
  ringSize: { median: number; max: number };
  recallByTypology: Record<string, { rings: number; found: number; recall: number }>;
  findings: number;
  findingPrecision: number;
  findingsByTypology: Record<string, { findings: number; true: number }>;
  findingsPer10k: number;
  txn: Prf & { prAuc: number; positives: number; predicted: number };
}

const typologyMatches = (ring: TruthRing, t: Typology) =>
  ring.typology === t || (ring.typology === 'mixed' && (t === 'fan_in' || t === 'cycle'));

/**
 * Scores findings against the truth: a ring is found when one finding of its typology holds at
 * least half its accounts; a finding is true when at least half its accounts belong to one ring.
 * `all` are every finding mined (for the PR curve); `kept` those selected (score cut, capacity).
 */
export function evaluateSplit(
  rows: EvalRow[], rings: TruthRing[], all: Finding[], kept: Finding[], accountCount: number,
): SplitReport {
  const keptKeys = new Set(kept.map((f) => f.key));
  const memberSets = kept.map((f) => new Set(f.members.map((m) => m.account)));
  const recallByTypology: SplitReport['recallByTypology'] = {};
  for (const ring of rings) {
    const need = ring.accounts.size / 2;
    const found = kept.some((f, i) => {
      if (!typologyMatches(ring, f.typology)) return false;
      let hit = 0;
      for (const a of ring.accounts) if (memberSets[i].has(a)) hit++;
      return hit >= need;
    });
    const r = (recallByTypology[ring.typology] ??= { rings: 0, found: 0, recall: 0 });
    r.rings++;
    if (found) r.found++;
  }
  for (const r of Object.values(recallByTypology)) r.recall = r.rings ? r.found / r.rings : 0;
  const findingsByTypology: SplitReport['findingsByTypology'] = {};
  let trueFindings = 0;
  kept.forEach((f, i) => {
    const size = memberSets[i].size;
    const ok = rings.some((ring) => {
      let hit = 0;
      for (const a of memberSets[i]) if (ring.accounts.has(a)) hit++;
      return hit >= size / 2;
    });
    const t = (findingsByTypology[f.typology] ??= { findings: 0, true: 0 });
    t.findings++;
    if (ok) { t.true++; trueFindings++; }
  });
  const index = new Map(rows.map((r, i) => [r.txnId, i]));
  const labels = new Uint8Array(rows.length);
  rows.forEach((r, i) => { labels[i] = r.sar ? 1 : 0; });
  const scores = new Float64Array(rows.length);
  const predicted = new Uint8Array(rows.length);
  for (const f of all) {
    for (const t of f.transactions) {
      // The findings' own transfers: those of their context (accounts trimmed from the structure) are shown, not flagged.
      if (t.context) continue;
      const i = index.get(t.txnId);
      if (i === undefined) continue;
      // +1 so a finding scored 0 still ranks above transactions in no finding.
      if (f.score + 1 > scores[i]) scores[i] = f.score + 1;
      if (keptKeys.has(f.key)) predicted[i] = 1;
    }
  }
  const c = confusion(labels, predicted);
  const sizes = rings.map((r) => r.accounts.size).sort((a, b) => a - b);
  return {
    rings: rings.length,
    ringSize: { median: sizes.length ? sizes[sizes.length >> 1] : 0, max: sizes.length ? sizes[sizes.length - 1] : 0 },
    recallByTypology,
    findings: kept.length,
    findingPrecision: kept.length ? trueFindings / kept.length : 0,
    findingsByTypology,
    findingsPer10k: (kept.length / accountCount) * 10_000,
    txn: { ...prf(c), prAuc: prAuc(labels, scores), positives: c.tp + c.fn, predicted: c.tp + c.fp },
  };
}
