import type { TxnGraph } from './graph.ts';
import { materialise, usableEdges, type Candidate, type Finding, type Typology } from './finding.ts';
import type { DetectorParams } from './params.schema.ts';
import { detectFan } from './detectors/fan.ts';
import { detectCycles, memberKey } from './detectors/cycle.ts';
import { detectFlowTypologies, flowEvents } from './detectors/flow.ts';
import { detectBipartite } from './detectors/bipartite.ts';
import { detectSharedIdentifiers, type AccountIdentifiers } from './detectors/shared-identifier.ts';
import { forwardShare, scoreCandidates, type Scored } from './score.ts';
import type { RankModel } from './ranker.ts';
import { suppressAcrossTypologies, suppressOverlapping } from './merge.ts';
import { assignRings, type Ring } from './communities.ts';
import { fanMaxima, type FanMaxima } from './features.ts';

export interface MineInput {
  graph: TxnGraph;
  params: DetectorParams;
  /** Identifiers per account for the shared-identifier detector (optional). */
  identifiers?: Iterable<AccountIdentifiers>;
  /** Accounts already confirmed bad (earlier STRs, police lists): raises scores nearby. */
  knownBad?: Iterable<string>;
  /** Ranking model for scoring.learnedWeight (default: DEFAULT_RANK_MODEL). */
  rankModel?: RankModel;
  /**
   * Ring-place models per typology for scoring.fanRingShare (fan-in, fan-out) and
   * scoring.gatherScatterRingShare (default: DEFAULT_FAN_RANK_MODELS).
   */
  fanRankModels?: Partial<Record<Typology, RankModel>>;
  /** Called after each step, for progress bars. */
  onStep?: (step: MineStep, done: number, total: number) => void;
}

export type MineStep = Typology | 'flow' | 'score' | 'communities';

export interface MineResult {
  findings: Finding[];
  rings: Ring[];
  /** Largest fan per hub, per enabled fan detector, for accountFeatures (no second fan detection). */
  fanMax: FanMaxima;
  /** Milliseconds per step, for the benchmark and the job log. */
  timings: Partial<Record<MineStep, number>>;
}

/**
 * Cycles over one-off pairs, plus, with cycle.maxPairRepeats above maxPairRepeats, cycles whose
 * transfers repeat a pair up to that many times (a loop run twice) when every member passes on
 * 90–100% of what it received within 2 days (forwardShare 1, which also prunes the search): a
 * periodic payment loop does not.
 */
function cycles(g: TxnGraph, ok: Uint8Array, p: DetectorParams): Candidate[] {
  const out = detectCycles(g, ok, p.cycle);
  if (p.cycle.maxPairRepeats <= p.maxPairRepeats) return out;
  const seen = new Set(out.map((c) => memberKey(c.roles.keys())));
  const wide = usableEdges(g, p.cycle.maxPairRepeats, p.minAmount);
  for (const c of detectCycles(g, wide, p.cycle, true)) {
    if (c.edges.every((e) => ok[e])) continue;
    const key = memberKey(c.roles.keys());
    if (seen.has(key) || forwardShare(g, c) < 1) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/** Candidates of every enabled detector, with the nodes that pass money through (flow middles). */
export function detectCandidates(
  g: TxnGraph, ok: Uint8Array, p: DetectorParams, identifiers?: Iterable<AccountIdentifiers>,
  onStep?: (step: MineStep, ms: number) => void,
): { candidates: Candidate[]; passThrough: Uint8Array } {
  const passThrough = new Uint8Array(g.nodeCount);
  const flow = () => {
    const fa = flowEvents(g, ok, p.flow);
    for (const ev of fa.events) passThrough[ev.mid] = 1;
    return detectFlowTypologies(g, fa, p);
  };
  const steps: [MineStep, () => Candidate[]][] = [
    ['fan_out', () => detectFan(g, ok, p.fanOut, 'out')],
    ['fan_in', () => detectFan(g, ok, p.fanIn, 'in')],
    ['cycle', () => cycles(g, ok, p)],
    ['bipartite', () => detectBipartite(g, ok, p.bipartite)],
    ['flow', flow],
    ['shared_identifier', () => (identifiers ? detectSharedIdentifiers(g, identifiers, p.sharedIdentifier) : [])],
  ];
  const candidates: Candidate[] = [];
  for (const [name, run] of steps) {
    const t0 = performance.now();
    for (const c of run()) candidates.push(c); // not push(...): millions of arguments overflow the stack
    onStep?.(name, performance.now() - t0);
  }
  return { candidates, passThrough };
}

/** Runs every enabled detector over the graph, scores, deduplicates by key and groups into rings. */
export function mine(input: MineInput): MineResult {
  const { graph: g, params: p } = input;
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const timings: MineResult['timings'] = {};
  const total = 8;
  let done = 0;
  const { candidates, passThrough } = detectCandidates(g, ok, p, input.identifiers, (name, ms) => {
    timings[name] = ms;
    input.onStep?.(name, ++done, total);
  });
  let t0 = performance.now();
  const knownBad = new Set<number>();
  for (const a of input.knownBad ?? []) {
    const n = g.nodeIndex.get(a);
    if (n !== undefined) knownBad.add(n);
  }
  const fanMax = fanMaxima(g, candidates, { out: p.fanOut.enabled, in: p.fanIn.enabled });
  const scored = rankCandidates(g, ok, p, candidates, passThrough, knownBad, input.rankModel, input.fanRankModels);
  // Select before resolving ids: only the findings an analyst will see are materialised.
  const chosen = selectScored(scored, p, g.nodeCount);
  const byKey = new Map<string, Finding>();
  for (const s of chosen) {
    const f = materialise(g, s.candidate, s.score, s.explain(), s.source);
    if (!byKey.has(f.key)) byKey.set(f.key, f);
  }
  const findings = [...byKey.values()].sort(byScoreThenKey);
  timings.score = performance.now() - t0;
  input.onStep?.('score', ++done, total);
  t0 = performance.now();
  const rings = p.community.enabled ? assignRings(findings, p.community.resolution) : [];
  timings.communities = performance.now() - t0;
  input.onStep?.('communities', done + 1, total);
  return { findings, rings, fanMax, timings };
}

/** Scores the candidates and suppresses repeated views of one structure (within and, optionally, across typologies). */
export function rankCandidates(
  g: TxnGraph, ok: Uint8Array, p: DetectorParams, candidates: Candidate[], passThrough: Uint8Array,
  knownBad: Set<number> = new Set(), rankModel?: RankModel, fanRankModels?: Partial<Record<Typology, RankModel>>,
): Scored[] {
  return suppressAcrossTypologies(
    suppressOverlapping(scoreCandidates(g, candidates, knownBad, ok, p.scoring, passThrough, rankModel, fanRankModels)), p.crossTypologyOverlap);
}

/** Score cut and the analysts' capacity over scored candidates (best first within each typology). */
export function selectScored(scored: Scored[], p: DetectorParams, accounts: number): Scored[] {
  return selectByTypology(scored.filter((x) => x.score >= p.minScore), p.maxFindingsPer10k, accounts, p.minCapacity,
    (x) => x.candidate.typology, (a, b) => b.score - a.score || a.order - b.order, p.capacityShareExponent,
    fanOptions(p, (x) => x.candidate.facts.fanRing));
}

/**
 * The ring places ordered by the ring-place models (facts.fanRing, score.ts): the last
 * scoring.fanRingShare of the fan lists' places; scoring.gatherScatterRingShare of the
 * gather-scatter list's places, added in place of the weakest findings overall.
 */
function fanOptions<T>(p: Pick<DetectorParams, 'scoring'>, fanRing: (x: T) => number | undefined): SelectOptions<T> {
  return {
    alt: fanRing,
    altShare: (t) => (t === 'fan_in' || t === 'fan_out' ? p.scoring.fanRingShare : 0),
    extraShare: (t) => (t === 'gather_scatter' ? p.scoring.gatherScatterRingShare : 0),
  };
}

export interface SelectOptions<T> {
  /** Second ordering (higher first) for a typology's ring places; undefined = none for that item. */
  alt?: (x: T) => number | undefined;
  /** Share of a typology's places (a number: of every typology's) that go to its best remaining items by `alt`. */
  altShare?: number | ((typology: string) => number);
  /**
   * The same share, but the typology keeps its places by score and the items chosen by `alt` are
   * added instead of the weakest items of the whole selection (the total stays the capacity).
   */
  extraShare?: (typology: string) => number;
}

const byScoreThenKey = (a: Finding, b: Finding) => b.score - a.score || (a.key < b.key ? -1 : 1);

/**
 * The analysts' capacity (maxPer10k findings per 10,000 accounts of the window, at least
 * minCapacity) shared across typologies, best first within each, so one typology with many
 * candidates cannot crowd out the others. Typology t's share is proportional to
 * (its candidates)^shareExponent: 0 = equal shares (round-robin), 1 = proportional to how many
 * candidates it produced. A typology with fewer candidates than its share leaves the rest to the
 * others. 0 = no cap.
 */
export function selectByTypology<T>(
  items: T[], maxPer10k: number, accounts: number, minCapacity: number, typology: (x: T) => string, better: (a: T, b: T) => number,
  shareExponent = 0, options: SelectOptions<T> = {},
): T[] {
  const sorted = [...items].sort(better);
  if (maxPer10k <= 0) return sorted;
  const cap = Math.max(minCapacity, Math.floor((accounts * maxPer10k) / 10_000));
  const queues = new Map<string, T[]>();
  for (const x of sorted) {
    const q = queues.get(typology(x));
    if (q) q.push(x);
    else queues.set(typology(x), [x]);
  }
  const lists = [...queues.values()];
  const weight = lists.map((l) => l.length ** shareExponent);
  const taken = lists.map(() => 0);
  const out: T[] = [];
  // Each slot goes to the typology furthest below its share (fewest taken per unit of weight);
  // ties go to the better next item.
  while (out.length < cap) {
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      if (taken[i] >= lists[i].length) continue;
      if (pick < 0) { pick = i; continue; }
      const a = (taken[i] + 1) / weight[i], b = (taken[pick] + 1) / weight[pick];
      if (a < b - 1e-12 || (Math.abs(a - b) <= 1e-12 && better(lists[i][taken[i]], lists[pick][taken[pick]]) < 0)) pick = i;
    }
    if (pick < 0) break;
    out.push(lists[pick][taken[pick]++]);
  }
  const altShare = options.altShare ?? 0;
  const shareOf = (t: string) => (typeof altShare === 'number' ? altShare : altShare(t));
  const extraOf = (t: string) => options.extraShare?.(t) ?? 0;
  if (options.alt && lists.some((l) => shareOf(typology(l[0])) > 0 || extraOf(typology(l[0])) > 0)) {
    const alt = options.alt;
    const key = (x: T) => alt(x) ?? -Infinity;
    out.length = 0;
    const extra: T[] = [];
    lists.forEach((l, i) => {
      const t = typology(l[0]);
      const modelled = l.some((x) => alt(x) !== undefined);
      // The last `share` of a list's places go to the best of its remaining items by the second ordering…
      const m = modelled ? Math.round(shareOf(t) * taken[i]) : 0;
      for (let j = 0; j < taken[i] - m; j++) out.push(l[j]);
      const best = (from: number, n: number) => topN(l, from, n, (a, b) => key(b) - key(a) || better(a, b));
      out.push(...best(taken[i] - m, m));
      // …or, with extraShare, as many of the best items beyond its places join in place of the weakest overall.
      extra.push(...best(taken[i], modelled ? Math.round(extraOf(t) * taken[i]) : 0));
    });
    if (extra.length > 0) {
      out.sort(better);
      out.length = Math.max(0, out.length - extra.length);
      out.push(...extra);
    }
  }
  return out.sort(better);
}

/**
 * The first `n` of `items[from..]` in `order` (a total order), as sorting the whole rest and taking
 * `n` would give: a sorted run of the best so far, binary insertion (the fan lists hold hundreds
 * of thousands of candidates and take a few hundred ring places).
 */
export function topN<T>(items: readonly T[], from: number, n: number, order: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (n <= 0) return top;
  for (let i = from; i < items.length; i++) {
    const x = items[i];
    if (top.length === n && order(x, top[n - 1]) >= 0) continue;
    let lo = 0, hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(top[mid], x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > n) top.pop();
  }
  return top;
}

/** Score cut and capacity over materialised findings (used by the evaluation on a full run). */
export function selectFindings(
  findings: Finding[],
  p: Pick<DetectorParams, 'minScore' | 'maxFindingsPer10k' | 'minCapacity' | 'capacityShareExponent' | 'scoring'>,
  accounts: number,
): Finding[] {
  return selectByTypology(findings.filter((f) => f.score >= p.minScore), p.maxFindingsPer10k, accounts, p.minCapacity,
    (f) => f.typology, byScoreThenKey, p.capacityShareExponent, fanOptions(p, (f) => f.facts.fanRing));
}
