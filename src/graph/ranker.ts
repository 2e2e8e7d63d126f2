import { listMask, type TxnGraph } from './graph.ts';
import type { Candidate, Typology } from './finding.ts';

/**
 * A learned ranking of candidate structures: a logistic regression over features a bank has
 * (the transfers' amounts and times, the accounts' activity in the window, how the structure's
 * members recur in other structures). It orders candidates before the analysts' capacity cut.
 *
 * Written by hand: no machine-learning library is among the project's dependencies, and a
 * logistic regression over ~20 features (fit by Newton's method in eval/train-ranker.ts, applied
 * here as a dot product) is too small to justify one.
 */

export const RANK_TYPOLOGIES: readonly Typology[] = [
  'fan_out', 'fan_in', 'cycle', 'scatter_gather', 'gather_scatter', 'bipartite', 'stack',
];

/** Feature names, in the order of `candidateFeatures` columns and of the model's weights. */
export const RANK_FEATURES = [
  ...RANK_TYPOLOGIES.map((t) => `is_${t}`),
  'log_members',
  'participation',
  'shared_share',
  'amount_cv',
  'log_span_days',
  'member_log_degree',
  'max_log_degree',
  'one_off_share',
  'pass_through_share',
  'edges_per_member',
  'near_equal_share',
  'below_round_share',
  'exact_cut_share',
] as const;
export type RankFeature = (typeof RANK_FEATURES)[number];

/** What each feature measures, for the reasons analysts read (score.ts "learned"). */
export const RANK_FEATURE_LABELS: Readonly<Record<RankFeature, { 'zh-CN': string; en: string }>> = {
  is_fan_out: { 'zh-CN': '一对多转出结构', en: 'a fan-out' },
  is_fan_in: { 'zh-CN': '多对一汇入结构', en: 'a fan-in' },
  is_cycle: { 'zh-CN': '资金回流结构', en: 'a cycle' },
  is_scatter_gather: { 'zh-CN': '分散-归集结构', en: 'a scatter-gather' },
  is_gather_scatter: { 'zh-CN': '归集-分散结构', en: 'a gather-scatter' },
  is_bipartite: { 'zh-CN': '二分结构', en: 'a bipartite block' },
  is_stack: { 'zh-CN': '多层过渡结构', en: 'stacked layers' },
  log_members: { 'zh-CN': '成员数', en: 'member count' },
  participation: { 'zh-CN': '成员在其他可疑结构中反复出现', en: 'members recurring in other suspicious structures' },
  shared_share: { 'zh-CN': '同时属于其他结构的成员比例', en: 'share of members in other structures too' },
  amount_cv: { 'zh-CN': '金额离散程度', en: 'spread of the amounts' },
  log_span_days: { 'zh-CN': '时间跨度', en: 'time span' },
  member_log_degree: { 'zh-CN': '成员交易活跃度', en: 'members\' activity' },
  max_log_degree: { 'zh-CN': '最活跃成员的交易量', en: 'the busiest member\'s activity' },
  one_off_share: { 'zh-CN': '与新对手单次转账比例', en: 'share of one-off transfers to new counterparties' },
  pass_through_share: { 'zh-CN': '过渡账户比例', en: 'share of pass-through accounts' },
  edges_per_member: { 'zh-CN': '人均交易笔数', en: 'transfers per member' },
  near_equal_share: { 'zh-CN': '金额相近交易比例', en: 'share of near-equal amounts' },
  below_round_share: { 'zh-CN': '略低于整数金额比例', en: 'share of amounts just below round figures' },
  exact_cut_share: { 'zh-CN': '逐跳按固定比例扣留', en: 'a fixed cut kept at each hop' },
};

export interface RankModel {
  /** Per feature: mean and standard deviation used to standardise it (from the training data). */
  mean: number[];
  std: number[];
  /** Intercept, then one weight per feature (standardised scale). */
  weights: number[];
}

export interface RankContext {
  /** How many candidates hold each node. */
  count: Int32Array;
  /** Participation reach per node (see score.ts). */
  reach: Float64Array;
  /** Node is the middle of at least one pass-through event. */
  passThrough: Uint8Array;
  /** Share of each node's transfers in the window that are usable (one-off pairs). */
  oneOff: Float64Array;
}

/** Per-node share of transfers that are usable (one-off pairs): O(edges), once per run. */
export function oneOffShares(g: TxnGraph, ok: Uint8Array): Float64Array {
  // Counted per node over its lists (graph.ts listMask: the mask in list order, read in order).
  const { out: outOk, in: inOk } = listMask(g, ok);
  const share = new Float64Array(g.nodeCount);
  for (let n = 0; n < g.nodeCount; n++) {
    const o0 = g.outOffsets[n], o1 = g.outOffsets[n + 1], i0 = g.inOffsets[n], i1 = g.inOffsets[n + 1];
    let use = 0;
    for (let i = o0; i < o1; i++) if (outOk[i]) use++;
    for (let i = i0; i < i1; i++) if (inOk[i]) use++;
    const all = o1 - o0 + i1 - i0;
    share[n] = all ? use / all : 0;
  }
  return share;
}

const DAY = 86_400_000;

/** Just below a round number: within 5% under a multiple of 1,000 or 10,000 major units (×100 minor). */
const ROUND_UNITS = [100_000, 1_000_000];
function belowRound(amountMinor: number): boolean {
  for (const unit of ROUND_UNITS) {
    const next = Math.ceil(amountMinor / unit) * unit;
    if (next > 0 && amountMinor < next && amountMinor >= 0.95 * next) return true;
  }
  return false;
}

// Amounts of the candidate being featurised (sorted for the median); reused: the scorer runs this for every candidate.
let amountScratch = new Float64Array(256);

/** Feature vector of one candidate (length RANK_FEATURES.length). */
export function candidateFeatures(g: TxnGraph, c: Candidate, ctx: RankContext): number[] {
  return Array.from(candidateFeaturesInto(g, c, ctx, new Float64Array(RANK_FEATURES.length)));
}

/**
 * candidateFeatures written into `f` (length RANK_FEATURES.length, returned): the scorer reuses one
 * buffer for every candidate instead of an array per candidate.
 */
export function candidateFeaturesInto(g: TxnGraph, c: Candidate, ctx: RankContext, f: Float64Array): Float64Array {
  for (let t = 0; t < RANK_TYPOLOGIES.length; t++) f[t] = RANK_TYPOLOGIES[t] === c.typology ? 1 : 0;
  const size = Math.max(1, c.roles.size);
  let part = 0, shared = 0, logDeg = 0, maxDeg = 0, oneOff = 0, pass = 0;
  for (const n of c.roles.keys()) {
    part += Math.log(1 + ctx.reach[n]);
    if (ctx.count[n] >= 2) shared++;
    const outDeg = g.outOffsets[n + 1] - g.outOffsets[n], inDeg = g.inOffsets[n + 1] - g.inOffsets[n];
    const ld = Math.log(1 + outDeg + inDeg);
    logDeg += ld;
    if (ld > maxDeg) maxDeg = ld;
    oneOff += ctx.oneOff[n];
    pass += ctx.passThrough[n];
  }
  const m = c.edges.length;
  let sum = 0, sq = 0, tMin = Infinity, tMax = -Infinity, round = 0;
  if (amountScratch.length < m) amountScratch = new Float64Array(Math.max(m, 2 * amountScratch.length));
  const amounts = amountScratch.subarray(0, m);
  for (let i = 0; i < m; i++) {
    const e = c.edges[i];
    const a = g.amount[e];
    sum += a;
    sq += a * a;
    amounts[i] = a;
    if (g.time[e] < tMin) tMin = g.time[e];
    if (g.time[e] > tMax) tMax = g.time[e];
    if (belowRound(a)) round++;
  }
  const mean = m ? sum / m : 0;
  const cv = m > 1 && mean > 0 ? Math.sqrt(Math.max(0, sq / m - mean * mean)) / mean : 0;
  amounts.sort();
  const median = m ? amounts[m >> 1] : 0;
  let nearEqual = 0;
  for (const a of amounts) if (median > 0 && Math.abs(a - median) <= 0.1 * median) nearEqual++;
  const n0 = RANK_TYPOLOGIES.length;
  f[n0 + 0] = Math.log(1 + size);
  f[n0 + 1] = part / size;
  f[n0 + 2] = shared / size;
  f[n0 + 3] = Math.min(2, cv);
  f[n0 + 4] = m ? Math.log(1 + (tMax - tMin) / DAY) : 0;
  f[n0 + 5] = logDeg / size;
  f[n0 + 6] = maxDeg;
  f[n0 + 7] = oneOff / size;
  f[n0 + 8] = pass / size;
  f[n0 + 9] = m / size;
  f[n0 + 10] = m ? nearEqual / m : 0;
  f[n0 + 11] = m ? round / m : 0;
  // Share of a flow structure's pass-throughs whose forwards keep the cut exactly (detectors/flow-interleaved.ts).
  f[n0 + 12] = c.facts.exactShare ?? 0;
  return f;
}

/** Probability (0–1) that the candidate is a ring: `rank(model, x).p` without the contributions. */
export function probability(model: RankModel, x: ArrayLike<number>): number {
  let z = model.weights[0];
  for (let i = 0; i < x.length; i++) {
    const s = model.std[i] > 0 ? (x[i] - model.mean[i]) / model.std[i] : 0;
    z += model.weights[i + 1] * s;
  }
  return 1 / (1 + Math.exp(-z));
}

/** Probability (0–1) that the candidate is a ring, and each feature's contribution (log-odds). */
export function rank(model: RankModel, x: number[]): { p: number; contributions: number[] } {
  let z = model.weights[0];
  const contributions = x.map((v, i) => {
    const s = model.std[i] > 0 ? (v - model.mean[i]) / model.std[i] : 0;
    const c = model.weights[i + 1] * s;
    z += c;
    return c;
  });
  return { p: 1 / (1 + Math.exp(-z)), contributions };
}
