import type { TxnGraph } from './graph.ts';
import type { Candidate, Reason, Typology } from './finding.ts';
import type { DetectorParams } from './params.schema.ts';
import { candidateFeatures, candidateFeaturesInto, oneOffShares, probability, rank, RANK_FEATURE_LABELS, RANK_FEATURES, type RankContext, type RankModel } from './ranker.ts';
import { DEFAULT_FAN_RANK_MODELS, DEFAULT_RANK_MODEL } from './ranker.model.ts';

/** `order` is the candidate's position in detector output: a deterministic tie-break. */
/** `source`: the detector's candidate before core trimming, when known (what a finding's context is worked out from). */
export interface Scored { candidate: Candidate; score: number; explain: () => Reason[]; order: number; source?: Candidate }

const r = (code: string, points: number, zh: string, en: string): Reason => ({
  code, points: Math.round(points * 10) / 10, text: { 'zh-CN': zh, en },
});

/** Structure points (0–40) before rounding: how far the shape goes beyond the bare minimum of its typology. */
function structureRaw(c: Candidate): number {
  const f = c.facts;
  switch (c.typology) {
    case 'fan_out':
    case 'fan_in':
      return Math.min(40, 6 * f.degree);
    case 'cycle':
      return Math.min(40, 20 + 3 * f.length);
    case 'bipartite':
      return Math.min(40, 4 * f.sources * f.targets * f.density);
    case 'scatter_gather':
    case 'gather_scatter':
    case 'stack':
      return Math.min(40, 8 * f.middles + 4 * (f.layers - 2));
    case 'shared_identifier':
      return Math.min(40, 8 * f.accounts + 4 * f.internalTransfers);
  }
}

/** structure(c).points without the texts (the scorer needs the number for every candidate, the text for the kept). */
const structurePoints = (c: Candidate): number => Math.round(structureRaw(c) * 10) / 10;

/** Structure points (0–40) with their reason text. */
function structure(c: Candidate): Reason {
  const f = c.facts, pts = structureRaw(c);
  switch (c.typology) {
    case 'fan_out':
      return r('fan_out', pts, `单一账户在${f.spanDays.toFixed(0)}天内向${f.degree}个新交易对手转出`,
        `one account paid ${f.degree} new counterparties within ${f.spanDays.toFixed(0)} days`);
    case 'fan_in':
      return r('fan_in', pts, `单一账户在${f.spanDays.toFixed(0)}天内收到${f.degree}个新交易对手转入`,
        `one account received from ${f.degree} new counterparties within ${f.spanDays.toFixed(0)} days`);
    case 'cycle':
      return r('cycle', pts, `资金经${f.length}个账户按时间顺序回流至起点`,
        `money returned to its origin through ${f.length} accounts in time order`);
    case 'bipartite':
      return r('bipartite', pts,
        `${f.sources}个付款账户向同一组${f.targets}个收款账户交叉转账（密度${f.density}）`,
        `${f.sources} payers all paid the same ${f.targets} payees (density ${f.density})`);
    case 'scatter_gather':
    case 'gather_scatter':
    case 'stack':
      return r(c.typology, pts,
        `${f.middles}个中间账户将收到资金的${Math.round(f.forwardRatio * 100)}%转出，共${f.layers}层`,
        `${f.middles} middle accounts forwarded ${Math.round(f.forwardRatio * 100)}% of what they received, over ${f.layers} layers`);
    case 'shared_identifier':
      return r('shared_identifier', pts,
        `${f.accounts}个账户共用${f.identifiers}个设备/电话/IP/地址标识`,
        `${f.accounts} accounts share ${f.identifiers} device/phone/IP/address identifiers`);
  }
}

/** Share of a typology's places chosen by its ring-place model (scoring.fanRingShare, gatherScatterRingShare; mine.ts). */
export function ringPlaceShare(w: Pick<DetectorParams['scoring'], 'fanRingShare' | 'gatherScatterRingShare'>, t: string): number {
  return t === 'fan_in' || t === 'fan_out' ? w.fanRingShare : t === 'gather_scatter' ? w.gatherScatterRingShare : 0;
}

/**
 * How many candidates hold each node (`count`), and its reach R = Σ over the candidates holding it
 * of the candidate's mean log(membership count).
 */
export function participation(g: TxnGraph, cands: Candidate[]): { count: Int32Array; reach: Float64Array } {
  const count = new Int32Array(g.nodeCount);
  for (const c of cands) for (const n of c.roles.keys()) count[n]++;
  const base = cands.map((c) => {
    let s = 0;
    for (const n of c.roles.keys()) s += Math.log(count[n]);
    return c.roles.size ? s / c.roles.size : 0;
  });
  const reach = new Float64Array(g.nodeCount);
  cands.forEach((c, i) => { for (const n of c.roles.keys()) reach[n] += base[i]; });
  return { count, reach };
}

/**
 * Exclusivity: the mean over the candidate's members of the share of the member's transfers in the
 * window that belong to this candidate. Purpose-built structures (fresh mule accounts, one-shot
 * counterparties) are mostly made of their own transfers; a busy account's normal fan or loop is a
 * small part of its activity. Members with more than `maxDegree` transfers in the window (merchants,
 * utilities a mule also paid once) are left out of the mean. `touch` is a zeroed scratch array (one
 * slot per node), left zeroed.
 */
export function exclusiveShare(g: TxnGraph, c: Candidate, touch: Int32Array, maxDegree = Infinity): number {
  for (const e of c.edges) { touch[g.src[e]]++; touch[g.dst[e]]++; }
  let s = 0, k = 0;
  for (const n of c.roles.keys()) {
    const deg = g.outOffsets[n + 1] - g.outOffsets[n] + g.inOffsets[n + 1] - g.inOffsets[n];
    if (deg > maxDegree) continue;
    k++;
    if (deg > 0) s += touch[n] / deg;
  }
  for (const e of c.edges) { touch[g.src[e]] = 0; touch[g.dst[e]] = 0; }
  return k ? s / k : 0;
}

const DAY = 86_400_000;

/**
 * Forwarding shape: the share of the candidate's inner members (paid and paying inside it) that pass
 * on, within 2 days, between 90% and 100% of an amount they received inside it (a launderer's
 * few-percent cut hop by hop). A loop's first payer pays before it is paid, so a cycle's
 * denominator leaves one member out.
 */
export function forwardShare(g: TxnGraph, c: Candidate): number {
  const m = c.edges.length;
  let mids = 0, good = 0;
  for (const n of c.roles.keys()) {
    let hasIn = false, hasOut = false, ok = false;
    for (let i = 0; i < m && !ok; i++) {
      const a = c.edges[i];
      if (g.dst[a] !== n) { if (g.src[a] === n) hasOut = true; continue; }
      hasIn = true;
      for (let j = 0; j < m; j++) {
        const b = c.edges[j];
        if (g.src[b] !== n) continue;
        hasOut = true;
        const dt = g.time[b] - g.time[a];
        if (dt >= 0 && dt <= 2 * DAY && g.amount[b] <= g.amount[a] && g.amount[b] >= 0.9 * g.amount[a]) { ok = true; break; }
      }
    }
    if (hasIn && hasOut) mids++;
    if (ok) good++;
  }
  const need = c.typology === 'cycle' ? mids - 1 : mids;
  return need > 0 ? Math.min(1, good / need) : 0;
}

/** payerInflowBalance at or below this costs a fan-in the full scoring.fanInSpenderPenalty; at or above the next, nothing. */
export const SPENDER_BALANCE = -1.5;
export const FUNNEL_BALANCE = 0;

/**
 * Payers' inflow balance: the mean, over the accounts that pay inside the candidate, of
 * log((1 + transfers received) / (1 + transfers paid)) over the whole window. Around 0 or above
 * for accounts that are paid into about as often as they pay (mules, collection accounts feeding a
 * collector); about −1.2 for the payers of an ordinary busy account (people who spend far more
 * often than they are paid). `touch` is a zeroed scratch array (one slot per node), left zeroed.
 */
export function payerInflowBalance(g: TxnGraph, c: Candidate, touch: Int32Array, nodeBalance = inflowBalances(g)): number {
  let s = 0, k = 0;
  for (const e of c.edges) {
    const n = g.src[e];
    if (touch[n]) continue;
    touch[n] = 1;
    s += nodeBalance[n];
    k++;
  }
  for (const e of c.edges) touch[g.src[e]] = 0;
  return k ? s / k : 0;
}

/** Per node: log((1 + transfers received) / (1 + transfers paid)) in the window. */
export function inflowBalances(g: TxnGraph): Float64Array {
  const out = new Float64Array(g.nodeCount);
  for (let n = 0; n < g.nodeCount; n++) {
    out[n] = Math.log((1 + g.inOffsets[n + 1] - g.inOffsets[n]) / (1 + g.outOffsets[n + 1] - g.outOffsets[n]));
  }
  return out;
}

/** The q-quantile of reach over the nodes held by at least one candidate. */
function reachQuantile(reach: Float64Array, count: Int32Array, q: number): number {
  const xs: number[] = [];
  for (let n = 0; n < reach.length; n++) if (count[n] > 0) xs.push(reach[n]);
  if (xs.length === 0) return 0;
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Scores candidates 0–100 with the reasons that produced the score:
 *  - participation (≤60) or exclusivity (≤80), whichever is larger. Exclusivity: the members'
 *    transfers in the window are mostly this structure's (exclusiveShare), or, for a cycle, money is
 *    passed on hop by hop minus a few percent (forwardShare); points rise linearly from
 *    scoring.exclusiveFrom to 1. Participation alone ranked the demo bank's planted rings (fresh
 *    accounts) last; exclusivity is above 0.5 for almost no AMLGentex candidate.
 *  - participation: members that also belong to other suspicious structures. Each account
 *    gets R = Σ over the structures holding it of the structure's mean log(membership count); a
 *    candidate's participation is the mean of log(1 + R) over its members. Rings reuse their
 *    mules across patterns, and on the AMLGentex train split this ranks true findings best
 *    (average precision 0.66 against 0.04 for structure size alone).
 *  - structure (≤25): how far the shape goes beyond its typology's minimum;
 *  - one-off share (≤15): members' transfers in the window that are one-off;
 *  - closeness to known bad accounts (≤30), when a list is given;
 *  - minus up to scoring.fanInSpenderPenalty for a (non-exclusive) fan-in whose payers are ordinary
 *    spenders rather than accounts paid into as often as they pay (payerInflowBalance).
 * With scoring.fanRingShare (gatherScatterRingShare) > 0, fans (gather-scatter candidates) also get
 * `facts.fanRing`: the probability of their typology's ring-place model (`fanModels`), which
 * chooses that list's ring places (mine.ts), not the score.
 */
export function scoreCandidates(
  g: TxnGraph, cands: Candidate[], knownBad: Set<number>, ok: Uint8Array, w: DetectorParams['scoring'],
  passThrough: Uint8Array = new Uint8Array(g.nodeCount), model: RankModel = DEFAULT_RANK_MODEL,
  fanModels: Partial<Record<Typology, RankModel>> = DEFAULT_FAN_RANK_MODELS,
): Scored[] {
  const { count, reach } = participation(g, cands);
  const touch = new Int32Array(g.nodeCount);
  let nodeBalance: Float64Array | undefined; // inflowBalances, computed at the first fan-in judged
  const minReach = w.coreReachQuantile > 0 ? reachQuantile(reach, count, w.coreReachQuantile) : 0;
  const ctx: RankContext | null = w.learnedWeight > 0 || w.fanRingShare > 0 || w.gatherScatterRingShare > 0
    ? { count, reach, passThrough, oneOff: oneOffShares(g, ok) }
    : null;
  const oneOff = (n: number): number => {
    let all = 0, use = 0;
    for (let i = g.outOffsets[n]; i < g.outOffsets[n + 1]; i++) { all++; use += ok[g.outEdges[i]]; }
    for (let i = g.inOffsets[n]; i < g.inOffsets[n + 1]; i++) { all++; use += ok[g.inEdges[i]]; }
    return all ? use / all : 0;
  };
  // 2 for a known bad account, 1 for an account that paid or was paid by one, 0 otherwise: marked
  // once from the bad accounts' own transfers. (Scanning every member's transfers for each candidate
  // holding it took 35 of 39 s of scoring a 1,000,000-transfer demo bank with 16 bad accounts.)
  const badNear = new Uint8Array(knownBad.size > 0 ? g.nodeCount : 0);
  for (const b of knownBad) {
    for (let i = g.outOffsets[b]; i < g.outOffsets[b + 1]; i++) badNear[g.dst[g.outEdges[i]]] = 1;
    for (let i = g.inOffsets[b]; i < g.inOffsets[b + 1]; i++) badNear[g.src[g.inEdges[i]]] = 1;
  }
  for (const b of knownBad) badNear[b] = 2;
  const nearBad = (n: number): number => badNear[n];
  const shapePoints = (c: Candidate): number => {
    if (w.exclusiveWeight <= 0) return 0;
    const x = Math.max(exclusiveShare(g, c, touch, w.exclusiveMaxDegree), w.forwardShape && c.typology === 'cycle' ? forwardShare(g, c) : 0);
    return w.exclusiveWeight * Math.min(1, Math.max(0, (x - w.exclusiveFrom) / (1 - w.exclusiveFrom)));
  };
  // Everything the score and the reasons are made of, for one candidate: one object, refilled per
  // candidate. The reasons are only wanted for the few findings kept, so a Scored holds its
  // candidate and score, and explain() judges the candidate again (same inputs, same numbers)
  // instead of every candidate keeping a closure over a dozen boxed numbers.
  const j: Judgement = {
    c: cands[0], score: 0, learnedP: null, learnedPts: 0, structPts: 0, partPts0: 0, exclPts: 0, partPts: 0,
    oneOffShare: 0, spenderPts: 0, balance: 0, badPts: 0, bad: 0, near: 0, size: 0,
  };
  const x = new Float64Array(RANK_FEATURES.length);
  const core = (n: number) => count[n] >= w.coreMinStructures && reach[n] >= minReach;
  const judge = (c0: Candidate): Judgement => {
    let c = c0;
    // A structure made mostly of its members' own transfers keeps all of them: trimming removes the
    // ordinary counterparties of busy accounts, and an exclusive structure has none.
    const shape0 = shapePoints(c0);
    if ((w.coreMinStructures > 1 || minReach > 0) && c.typology !== 'shared_identifier' && shape0 === 0) {
      let kept = 0;
      for (const n of c.roles.keys()) if (core(n)) kept++;
      // The trimmed copy only when trimming leaves a structure and removes someone (most candidates: neither).
      const roles = kept >= 2 && kept < c.roles.size ? new Map([...c.roles].filter(([n]) => core(n))) : c.roles;
      if (roles !== c.roles) {
        const edges = c.edges.filter((e) => roles.has(g.src[e]) && roles.has(g.dst[e]));
        c = { ...c, roles, edges, facts: { ...c.facts, trimmed: c.roles.size - roles.size } };
        if (c.typology === 'fan_out' || c.typology === 'fan_in') c.facts.degree = roles.size - 1;
      }
    }
    const size = Math.max(1, c.roles.size);
    const structPts = w.structureWeight > 0 ? (structurePoints(c) * w.structureWeight) / 40 : 0;
    let part = 0, oneOffSum = 0, bad = 0, near = 0;
    for (const n of c.roles.keys()) {
      part += Math.log(1 + reach[n]);
      if (w.oneOffWeight > 0) oneOffSum += oneOff(n);
      if (knownBad.size > 0) { const b = nearBad(n); if (b === 2) bad++; else if (b === 1) near++; }
    }
    part /= size;
    const partPts0 = w.participationWeight * (1 - Math.exp(-part / 4));
    const exclPts = c === c0 ? shape0 : shapePoints(c);
    const partPts = Math.max(partPts0, exclPts);
    const oneOffShare = oneOffSum / size;
    const badPts = bad + near > 0 ? Math.min(30, (30 * (bad + 0.5 * near)) / size) : 0;
    const featured = ctx !== null && c.typology !== 'shared_identifier';
    if (featured) candidateFeaturesInto(g, c, ctx, x);
    const learnedP = featured && w.learnedWeight > 0 ? probability(model, x) : null;
    const learnedPts = learnedP !== null ? w.learnedWeight * learnedP : 0;
    // Ring-place probability: chooses only the ring places of its typology's list (mine.ts), not the score.
    const fanModel = ringPlaceShare(w, c.typology) > 0 ? fanModels[c.typology] : undefined;
    if (fanModel && featured) c = { ...c, facts: { ...c.facts, fanRing: probability(fanModel, x) } };
    // Fan-in payers that are ordinary spenders: points off (see payerInflowBalance). Not for an
    // exclusive structure (as trimming): its one-shot payers have no other activity to judge.
    const judged = c.typology === 'fan_in' && w.fanInSpenderPenalty > 0 && shape0 === 0;
    if (judged && !nodeBalance) nodeBalance = inflowBalances(g);
    const balance = judged ? payerInflowBalance(g, c, touch, nodeBalance) : 0;
    const spenderPts = judged
      ? w.fanInSpenderPenalty * Math.min(1, Math.max(0, (FUNNEL_BALANCE - balance) / (FUNNEL_BALANCE - SPENDER_BALANCE)))
      : 0;
    const raw = structPts + partPts + w.oneOffWeight * oneOffShare + badPts + learnedPts - spenderPts;
    j.c = c;
    j.score = Math.max(0, Math.min(100, Math.round(raw * 10) / 10));
    j.learnedP = learnedP; j.learnedPts = learnedPts; j.structPts = structPts; j.partPts0 = partPts0; j.exclPts = exclPts;
    j.partPts = partPts; j.oneOffShare = oneOffShare; j.spenderPts = spenderPts; j.balance = balance; j.badPts = badPts;
    j.bad = bad; j.near = near; j.size = size;
    return j;
  };
  // Text (and the model's per-feature contributions) only for the findings that are kept, not for every candidate.
  const reasons = (source: Candidate, c: Candidate): Reason[] => {
    const { learnedP, learnedPts, structPts, partPts0, exclPts, partPts, oneOffShare, spenderPts, balance, badPts, bad, near, size } = judge(source);
    const nodes = [...c.roles.keys()];
    const learned = learnedP !== null ? rank(model, candidateFeatures(g, c, ctx!)) : null;
    const st = structure(c);
    const reasons = [{ ...st, points: Math.round(structPts * 10) / 10 }];
    const shared = nodes.filter((n) => count[n] >= 2).length;
    if (exclPts > partPts0) {
      reasons.push(r('exclusive', partPts, '成员在窗口内的交易主要就是该结构本身（新开或一次性账户），或资金逐跳扣留少量后转出',
        "the members' transfers in the window are mostly this structure itself (new or one-off accounts), or money is passed on hop by hop minus a small cut"));
    } else if (partPts > 0) {
      reasons.push(r('participation', partPts, `${shared}/${size}个成员同时出现在其他可疑结构中`,
        `${shared} of ${size} members also appear in other suspicious structures`));
    }
    if (w.oneOffWeight > 0) {
      reasons.push(r('one_off', w.oneOffWeight * oneOffShare, `成员交易中${Math.round(oneOffShare * 100)}%为与新对手的单次转账`,
        `${Math.round(oneOffShare * 100)}% of members' transfers are one-off transfers to new counterparties`));
    }
    if (learned) {
      const top = learned.contributions.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 3)
        .filter(([v]) => v > 0).map(([, i]) => RANK_FEATURE_LABELS[RANK_FEATURES[i]]);
      reasons.push(r('learned', learnedPts, `排序模型估计为团伙的概率${Math.round(learned.p * 100)}%（主要依据：${top.map((l) => l['zh-CN']).join('、') || '无'}）`,
        `ranking model: ${Math.round(learned.p * 100)}% likely a ring (mainly: ${top.map((l) => l.en).join(', ') || 'none'})`));
    }
    if (spenderPts > 0) {
      const ratio = Math.exp(-balance).toFixed(1);
      reasons.push(r('spender_payers', -spenderPts, `付款账户多为普通消费账户（付款笔数约为收款的${ratio}倍），不像为归集账户供款的过渡账户`,
        `the payers are mostly ordinary spenders (about ${ratio} times as many payments as receipts), not pass-through accounts feeding a collector`));
    }
    if (badPts > 0) {
      // Say only what holds: "2 members are on the known-bad list", "1 member transacted with a listed account directly".
      const zh = [bad > 0 ? `${bad}个成员在已知涉案账户名单上` : '', near > 0 ? `${near}个成员与名单上的账户直接往来` : ''].filter(Boolean).join('，');
      const en = [bad > 0 ? `${bad} ${bad === 1 ? 'member is' : 'members are'} on the known-bad list` : '',
        near > 0 ? `${near} ${near === 1 ? 'member' : 'members'} transacted with a listed account directly` : ''].filter(Boolean).join('; ');
      reasons.push(r('known_bad', badPts, zh, en));
    }
    return reasons;
  };
  const run: ScoringRun = { reasons };
  const out: Scored[] = new Array(cands.length);
  for (let order = 0; order < cands.length; order++) {
    const c0 = cands[order];
    const { c, score } = judge(c0);
    const s: JudgedScored = { candidate: c, score, explain: explainJudged, order, source: c0, run };
    out[order] = s;
  }
  return out;
}

/** The numbers one candidate's score and reasons are made of (scoreCandidates). */
interface Judgement {
  /** The candidate as scored (trimmed, with its ring-place probability). */
  c: Candidate;
  score: number;
  learnedP: number | null;
  learnedPts: number;
  structPts: number;
  partPts0: number;
  exclPts: number;
  partPts: number;
  oneOffShare: number;
  spenderPts: number;
  balance: number;
  badPts: number;
  bad: number;
  near: number;
  size: number;
}

interface ScoringRun { reasons: (source: Candidate, c: Candidate) => Reason[] }
/** A Scored from scoreCandidates: `source` is the detector's candidate, judged again by explain(). */
interface JudgedScored extends Scored { source: Candidate; run: ScoringRun }

// One function for every Scored (a method through `this`, not a closure per candidate).
function explainJudged(this: JudgedScored): Reason[] {
  return this.run.reasons(this.source, this.candidate);
}
