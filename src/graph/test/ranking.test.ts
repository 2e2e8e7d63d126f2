import { describe, expect, it } from 'vitest';
import { contextOf, findingKey, materialise, usableEdges, type Candidate, type Role } from '../finding.ts';
import { flowEvents } from '../detectors/flow.ts';
import { candidateFeatures, oneOffShares, rank, RANK_FEATURES, type RankContext } from '../ranker.ts';
import { participation, scoreCandidates } from '../score.ts';
import { suppressAcrossTypologies } from '../merge.ts';
import { graphOf, params, tx } from './fixtures.ts';
import type { TxnGraph } from '../graph.ts';

const P = params();
const cand = (g: TxnGraph, typology: Candidate['typology'], roles: [string, Role][], edges: number[] = []): Candidate => ({
  typology, roles: new Map(roles.map(([a, r]) => [g.nodeIndex.get(a)!, r])), edges, facts: { degree: roles.length - 1, spanDays: 1 },
});

describe('pass-through matching', () => {
  it('explains a forward by the receipt it matches best, not by an earlier coincidental batch', () => {
    // m receives 500 + 500 from unrelated payers on day 1, then the mule payment 1000 on day 5, and
    // forwards 900 on day 6: both the batch and the single receipt sum to 1000, the single receipt
    // (fewest transfers, shortest delay) is the pass-through.
    const g = graphOf([tx('u1', 'm', 500, 1), tx('u2', 'm', 500, 1), tx('src', 'm', 1000, 5), tx('m', 'snk', 900, 6)]);
    const fa = flowEvents(g, usableEdges(g, 1, 0), P.flow);
    expect(fa.events).toHaveLength(1);
    expect(fa.events[0].ins.map((e) => g.nodeIds[g.src[e]])).toEqual(['src']);
    expect(fa.events[0].forwarded / fa.events[0].received).toBeCloseTo(0.9);
  });

  it('lets each transfer belong to one pass-through only', () => {
    const g = graphOf([tx('a', 'm', 1000, 1), tx('b', 'm', 1000, 2), tx('m', 'x', 900, 3), tx('m', 'y', 900, 4)]);
    const fa = flowEvents(g, usableEdges(g, 1, 0), P.flow);
    const ins = fa.events.flatMap((ev) => ev.ins), outs = fa.events.flatMap((ev) => ev.outs);
    expect(new Set(ins).size).toBe(ins.length);
    expect(new Set(outs).size).toBe(outs.length);
    expect(fa.events).toHaveLength(2);
  });
});

describe('candidate features and the learned ranker', () => {
  it('measures amount coherence, amounts just below round numbers and time span', () => {
    const g = graphOf([tx('h', 'a', 99_000, 1), tx('h', 'b', 98_000, 2), tx('h', 'c', 99_500, 3), tx('h', 'd', 40_000, 3)]);
    const ok = usableEdges(g, 1, 0);
    const c = cand(g, 'fan_out', [['h', 'source'], ['a', 'mule'], ['b', 'mule'], ['c', 'mule'], ['d', 'mule']], [0, 1, 2, 3]);
    const { count, reach } = participation(g, [c]);
    const ctx: RankContext = { count, reach, passThrough: new Uint8Array(g.nodeCount), oneOff: oneOffShares(g, ok) };
    const f = candidateFeatures(g, c, ctx);
    const at = (name: (typeof RANK_FEATURES)[number]) => f[RANK_FEATURES.indexOf(name)];
    expect(f).toHaveLength(RANK_FEATURES.length);
    expect(at('is_fan_out')).toBe(1);
    expect(at('near_equal_share')).toBe(0.75);
    expect(at('below_round_share')).toBe(0.75);
    expect(at('log_span_days')).toBeCloseTo(Math.log(3));
    expect(at('one_off_share')).toBe(1);
  });

  it('turns weights into a probability with per-feature contributions', () => {
    const k = RANK_FEATURES.length;
    const model = { mean: new Array(k).fill(0), std: new Array(k).fill(1), weights: [0, ...new Array(k).fill(0)] };
    model.weights[1 + RANK_FEATURES.indexOf('participation')] = 2;
    const x = new Array(k).fill(0);
    expect(rank(model, x).p).toBeCloseTo(0.5);
    x[RANK_FEATURES.indexOf('participation')] = 1;
    const r = rank(model, x);
    expect(r.p).toBeCloseTo(1 / (1 + Math.exp(-2)));
    expect(r.contributions[RANK_FEATURES.indexOf('participation')]).toBe(2);
  });

  it('adds learned points with a bilingual reason when learnedWeight > 0', () => {
    const g = graphOf(['a', 'b', 'c', 'd', 'e'].map((m, i) => tx('h', m, 500, 1 + i)));
    const ok = usableEdges(g, 1, 0);
    const c = cand(g, 'fan_out', [['h', 'source'], ...['a', 'b', 'c', 'd', 'e'].map((m) => [m, 'mule'] as [string, Role])], [0, 1, 2, 3, 4]);
    const k = RANK_FEATURES.length;
    const even = { mean: new Array(k).fill(0), std: new Array(k).fill(1), weights: new Array(k + 1).fill(0) };
    // A toy fan is wholly exclusive (its members have no other transfers): no exclusivity points, or the score caps at 100.
    const off = scoreCandidates(g, [c], new Set(), ok, { ...P.scoring, exclusiveWeight: 0, learnedWeight: 0 })[0];
    const on = scoreCandidates(g, [c], new Set(), ok, { ...P.scoring, exclusiveWeight: 0, learnedWeight: 30 }, undefined, even)[0];
    expect(on.score - off.score).toBeCloseTo(15, 0);
    const reason = on.explain().find((r) => r.code === 'learned')!;
    expect(reason.points).toBeCloseTo(on.score - off.score, 0);
    expect(reason.text['zh-CN']).toContain('排序模型');
    expect(off.explain().some((r) => r.code === 'learned')).toBe(false);
    // the features that raised the probability are named in the reader's words, not as model columns
    const weights = new Array(k + 1).fill(0);
    weights[1 + RANK_FEATURES.indexOf('is_fan_out')] = 0.5;
    const named = scoreCandidates(g, [c], new Set(), ok, { ...P.scoring, exclusiveWeight: 0, learnedWeight: 30 }, undefined, { ...even, weights })[0]
      .explain().find((r) => r.code === 'learned')!;
    expect(named.text['zh-CN']).toContain('主要依据：一对多转出结构');
    expect(named.text.en).toContain('mainly: a fan-out');
    expect(named.text['zh-CN']).not.toMatch(/is_fan_out/);
  });
});

describe('fan-ring probability', () => {
  it('sets facts.fanRing on fans with a model when fanRingShare > 0, without changing the score', () => {
    const g = graphOf([...['a', 'b', 'c', 'd', 'e'].map((m, i) => tx('h', m, 500, 1 + i)), tx('x', 'y', 500, 1), tx('y', 'z', 450, 2)]);
    const ok = usableEdges(g, 1, 0);
    const fan = cand(g, 'fan_out', [['h', 'source'], ...['a', 'b', 'c', 'd', 'e'].map((m) => [m, 'mule'] as [string, Role])], [0, 1, 2, 3, 4]);
    const other = cand(g, 'stack', [['x', 'source'], ['y', 'mule'], ['z', 'sink']], [5, 6]);
    const k = RANK_FEATURES.length;
    const even = { mean: new Array(k).fill(0), std: new Array(k).fill(1), weights: [1, ...new Array(k).fill(0)] };
    const w = { ...P.scoring, coreReachQuantile: 0 };
    const on = scoreCandidates(g, [fan, other], new Set(), ok, { ...w, fanRingShare: 0.2 }, undefined, even, { fan_out: even });
    const off = scoreCandidates(g, [fan, other], new Set(), ok, { ...w, fanRingShare: 0 }, undefined, even, { fan_out: even });
    expect(on[0].candidate.facts.fanRing).toBeCloseTo(1 / (1 + Math.exp(-1)));
    expect(on[1].candidate.facts.fanRing).toBeUndefined();
    expect(off[0].candidate.facts.fanRing).toBeUndefined();
    expect(on.map((x) => x.score)).toEqual(off.map((x) => x.score));
    expect(fan.facts.fanRing).toBeUndefined();
  });

  it('sets it on gather-scatter candidates only when gatherScatterRingShare > 0', () => {
    const g = graphOf([tx('a', 'm', 500, 1), tx('b', 'm', 500, 2), tx('m', 'c', 450, 3), tx('m', 'd', 450, 4)]);
    const ok = usableEdges(g, 1, 0);
    const gs = cand(g, 'gather_scatter', [['a', 'source'], ['b', 'source'], ['m', 'mule'], ['c', 'sink'], ['d', 'sink']], [0, 1, 2, 3]);
    const k = RANK_FEATURES.length;
    const even = { mean: new Array(k).fill(0), std: new Array(k).fill(1), weights: [1, ...new Array(k).fill(0)] };
    const w = { ...P.scoring, coreReachQuantile: 0, fanRingShare: 0.2 };
    const on = scoreCandidates(g, [gs], new Set(), ok, { ...w, gatherScatterRingShare: 0.2 }, undefined, even, { gather_scatter: even });
    const off = scoreCandidates(g, [gs], new Set(), ok, { ...w, gatherScatterRingShare: 0 }, undefined, even, { gather_scatter: even });
    expect(on[0].candidate.facts.fanRing).toBeCloseTo(1 / (1 + Math.exp(-1)));
    expect(off[0].candidate.facts.fanRing).toBeUndefined();
    expect(on[0].score).toBe(off[0].score);
  });
});

describe('core trimming and cross-typology suppression', () => {
  it('trims a hub\'s counterparties that recur in no other structure', () => {
    const g = graphOf([
      ...['m1', 'm2', 'n1', 'n2', 'n3'].map((m, i) => tx('hub', m, 500, 1 + i)),
      tx('m1', 'm2', 300, 8), tx('m2', 'x', 300, 9), tx('x', 'm1', 300, 10),
    ]);
    const ok = usableEdges(g, 1, 0);
    const fan = cand(g, 'fan_out', [['hub', 'source'], ...['m1', 'm2', 'n1', 'n2', 'n3'].map((m) => [m, 'mule'] as [string, Role])], [0, 1, 2, 3, 4]);
    const cyc = cand(g, 'cycle', [['m1', 'source'], ['m2', 'mule'], ['x', 'mule']], [5, 6, 7]);
    const other = cand(g, 'fan_in', [['hub', 'sink'], ['m1', 'mule'], ['m2', 'mule']], []);
    // exclusiveWeight 0: an exclusive structure is not trimmed, and every toy structure is exclusive.
    const w = { ...P.scoring, learnedWeight: 0, coreReachQuantile: 0.5, exclusiveWeight: 0 };
    const [trimmed] = scoreCandidates(g, [fan, cyc, other], new Set(), ok, w);
    expect([...trimmed.candidate.roles.keys()].map((n) => g.nodeIds[n]).sort()).toEqual(['hub', 'm1', 'm2']);
    expect(trimmed.candidate.facts.trimmed).toBe(3);
    // What trimming took out stays with the finding as its context: the accounts and their transfers.
    const context = contextOf(trimmed.candidate, trimmed.source);
    expect([...context.roles].map(([n, r]) => [g.nodeIds[n], r]).sort()).toEqual([['n1', 'mule'], ['n2', 'mule'], ['n3', 'mule']]);
    expect(context.edges.sort()).toEqual([2, 3, 4]);
    const f = materialise(g, trimmed.candidate, trimmed.score, [], trimmed.source);
    expect(f.members.map((m) => m.account)).toEqual(['hub', 'm1', 'm2']);
    expect(f.context.map((m) => m.account)).toEqual(['n1', 'n2', 'n3']);
    expect(f.transactions.map((t) => [t.dst, t.context === true])).toEqual([['m1', false], ['m2', false], ['n1', true], ['n2', true], ['n3', true]]);
    expect(f.totalAmount).toBe(2_500);
    // The key is the members': the same core found with other trimmed accounts is the same finding.
    expect(f.key).toBe(findingKey('fan_out', ['hub', 'm1', 'm2']));
    const [untrimmed] = scoreCandidates(g, [fan, cyc, other], new Set(), ok, { ...w, coreReachQuantile: 0 });
    expect(untrimmed.candidate.roles.size).toBe(6);
    expect(contextOf(untrimmed.candidate, untrimmed.source).roles.size).toBe(0);
    expect(materialise(g, untrimmed.candidate, untrimmed.score, [], untrimmed.source).context).toEqual([]);
  });

  it('drops a fan that is a partial view of a better bipartite block, keeps unrelated ones', () => {
    const g = graphOf([tx('p1', 'q1', 1, 1), tx('p2', 'q1', 1, 1), tx('p1', 'q2', 1, 1), tx('z1', 'z2', 1, 1), tx('z3', 'z2', 1, 1)]);
    const s = (c: Candidate, score: number, order: number) => ({ candidate: c, score, explain: () => [], order });
    const block = s(cand(g, 'bipartite', [['p1', 'source'], ['p2', 'source'], ['q1', 'sink'], ['q2', 'sink']]), 60, 0);
    const view = s(cand(g, 'fan_in', [['q1', 'sink'], ['p1', 'mule'], ['p2', 'mule']]), 55, 1);
    const alone = s(cand(g, 'fan_in', [['z2', 'sink'], ['z1', 'mule'], ['z3', 'mule']]), 40, 2);
    expect(suppressAcrossTypologies([block, view, alone], 0.5).map((x) => x.order).sort()).toEqual([0, 2]);
    expect(suppressAcrossTypologies([block, view, alone], 0)).toHaveLength(3);
  });
});
