import { describe, expect, it } from 'vitest';
import { mine, selectByTypology } from '../mine.ts';
import { findingKey } from '../finding.ts';
import { findingSubgraph } from '../subgraph.ts';
import { accountFeatures } from '../features.ts';
import { background, DAY, graphOf, params, tx } from './fixtures.ts';

const planted = [
  // cycle a→b→c→d→a
  tx('a', 'b', 900, 1), tx('b', 'c', 850, 3), tx('c', 'd', 800, 4), tx('d', 'a', 760, 6),
  // fan-out from hub (the hub also starts the cycle's neighbourhood: shared member b)
  ...['b', 'm2', 'm3', 'm4', 'm5'].map((m, i) => tx('hub', m, 500, 10 + i)),
  // scatter-gather src → m1..m3 → snk
  ...['s1', 's2', 's3'].flatMap((m, i) => [tx('src', m, 1000 + 100 * i, 20), tx(m, 'snk', Math.round((1000 + 100 * i) * 0.9), 22)]),
];

describe('mine', () => {
  const p = params({ maxFindingsPer10k: 0 });
  const run = () => mine({ graph: graphOf([...background(40, 60), ...planted]), params: p });

  it('reports each planted structure with its typology, members, ordered transactions and reasons', () => {
    const { findings } = run();
    const by = (t: string) => findings.filter((f) => f.typology === t);
    expect(by('cycle').map((f) => f.members.map((m) => m.account).sort())).toEqual([['a', 'b', 'c', 'd']]);
    const fan = by('fan_out')[0];
    expect(fan.members.find((m) => m.account === 'hub')!.role).toBe('source');
    expect(fan.transactions.map((t) => t.time)).toEqual([...fan.transactions.map((t) => t.time)].sort((x, y) => x - y));
    expect(fan.totalAmount).toBe(2500);
    expect(fan.lastAt! - fan.firstAt!).toBe(4 * DAY);
    const sg = by('scatter_gather')[0];
    expect(sg.members.find((m) => m.account === 'snk')!.role).toBe('sink');
    for (const f of findings) {
      expect(f.score).toBeGreaterThan(0);
      expect(f.reasons.length).toBeGreaterThan(0);
      for (const r of f.reasons) { expect(r.text['zh-CN']).toBeTruthy(); expect(r.text.en).toBeTruthy(); }
    }
  });

  it('gives the same keys when run again over the same window (no duplicates on re-run)', () => {
    const a = run().findings.map((f) => f.key).sort();
    const b = run().findings.map((f) => f.key).sort();
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    const cycle = run().findings.find((f) => f.typology === 'cycle')!;
    expect(cycle.key).toBe(findingKey('cycle', ['d', 'c', 'b', 'a']));
  });

  it('groups findings that share accounts into one ring', () => {
    const { findings, rings } = run();
    const cycle = findings.find((f) => f.typology === 'cycle')!;
    const fan = findings.find((f) => f.typology === 'fan_out')!;
    expect(cycle.ringId).toBeDefined();
    expect(rings.some((r) => r.findingKeys.includes(cycle.key))).toBe(true);
    expect(rings.reduce((s, r) => s + r.findingKeys.length, 0)).toBe(findings.length);
    expect(fan.ringId).toBeDefined();
  });

  it('caps the findings to the analysts\' capacity, spread across typologies', () => {
    const g = graphOf([...background(40, 60), ...planted]);
    const capped = mine({ graph: g, params: params({ maxFindingsPer10k: 10_000 * 3 / g.nodeCount, minCapacity: 0 }) }).findings;
    expect(capped).toHaveLength(3);
    expect(new Set(capped.map((f) => f.typology)).size).toBe(3);
  });
});

describe('selectByTypology with a second ordering', () => {
  // Two typologies, 10 items each; fans carry a second score (alt) that reverses their order.
  const items = [
    ...Array.from({ length: 10 }, (_, i) => ({ t: 'fan_in', score: 90 - i, alt: i as number | undefined })),
    ...Array.from({ length: 10 }, (_, i) => ({ t: 'cycle', score: 80 - i, alt: undefined as number | undefined })),
  ];
  const pick = (share: number) => selectByTypology(items, 10_000 * 8 / 100, 100, 0, (x) => x.t, (a, b) => b.score - a.score, 0,
    { alt: (x) => x.alt, altShare: share });

  it("gives the last share of a list's places to its best remaining items by the second ordering", () => {
    const fans = pick(0.5).filter((x) => x.t === 'fan_in').map((x) => x.score).sort((a, b) => b - a);
    // 4 places: the two best by score, then the two best by alt among the other eight (alt 9, 8 = scores 81, 82).
    expect(fans).toEqual([90, 89, 82, 81]);
  });

  it('leaves lists without a second ordering, and every list at share 0, in score order', () => {
    expect(pick(0.5).filter((x) => x.t === 'cycle').map((x) => x.score)).toEqual([80, 79, 78, 77]);
    expect(pick(0).filter((x) => x.t === 'fan_in').map((x) => x.score)).toEqual([90, 89, 88, 87]);
    expect(pick(0.5)).toHaveLength(8);
  });

  it('with an extra share, adds the best remaining items by the second ordering in place of the weakest overall', () => {
    // Gather-scatter keeps its 4 places by score (70–67); 2 more join by alt (alt 9, 8 = scores 61, 62)
    // and the 2 weakest of the selection (gather-scatter's own 68, 67) leave: the total stays 8.
    const gs = items.map((x) => (x.t === 'fan_in' ? { ...x, t: 'gather_scatter', score: x.score - 20 } : x));
    const sel = (extra: number) => selectByTypology(gs, 10_000 * 8 / 100, 100, 0, (x) => x.t, (a, b) => b.score - a.score, 0,
      { alt: (x) => x.alt, altShare: 0, extraShare: (t) => (t === 'gather_scatter' ? extra : 0) });
    expect(sel(0.5).map((x) => x.score)).toEqual([80, 79, 78, 77, 70, 69, 62, 61]);
    expect(sel(0).map((x) => x.score)).toEqual([80, 79, 78, 77, 70, 69, 68, 67]);
  });
});

describe('findingSubgraph', () => {
  it('returns the accounts two transfers out with hops, roles and finding edges marked', () => {
    const g = graphOf([tx('a', 'b', 900, 1), tx('b', 'a', 800, 2), tx('x', 'a', 5, 3), tx('y', 'x', 5, 4), tx('z', 'y', 5, 5)]);
    const f = mine({ graph: g, params: params({ maxFindingsPer10k: 0, cycle: { minLength: 2 } }) }).findings.find((x) => x.typology === 'cycle')!;
    const sg = findingSubgraph(g, f, 2);
    expect(sg.nodes.map((n) => [n.id, n.hop, n.role])).toEqual([['a', 0, 'source'], ['b', 0, 'mule'], ['x', 1, null], ['y', 2, null]]);
    expect(sg.edges.filter((e) => e.inFinding).map((e) => e.id).length).toBe(2);
    expect(sg.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['a>b', 'b>a', 'x>a', 'y>x']);
    expect(sg.truncated).toBe(false);
  });
});

describe('accountFeatures', () => {
  it('computes windowed degrees, counterparties, 2-hop paths, cycles, community risk and distance to bad', () => {
    const edges = [...planted, tx('snk', 'q', 5, 12), tx('snk', 'q', 5, 25), tx('far', 'a', 10, 30)];
    const g = graphOf(edges);
    const p = params({ maxFindingsPer10k: 0 });
    const { findings } = mine({ graph: g, params: p });
    const f = accountFeatures(g, { params: p, windowsMs: [7 * DAY, 40 * DAY], knownBad: ['snk'], findings });
    const v = (name: string, acc: string) => f.values[name][g.nodeIndex.get(acc)!];
    expect(v('out_degree_40d', 'snk')).toBe(2);
    expect(v('out_counterparties_40d', 'snk')).toBe(1);
    expect(v('out_degree_7d', 'snk')).toBe(1);
    expect(v('in_degree_7d', 'a')).toBe(1);
    expect(v('in_degree_7d', 'b')).toBe(0);
    expect(v('fan_out_max', 'hub')).toBe(5);
    expect(v('two_hop_paths_through', 'b')).toBe(2 * 1);
    expect(v('cycle_count', 'c')).toBe(1);
    expect(v('community_risk', 'c')).toBeGreaterThan(0);
    expect(v('distance_to_bad', 'snk')).toBe(0);
    expect(v('distance_to_bad', 's1')).toBe(1);
    expect(v('distance_to_bad', 'src')).toBe(2);
    expect(v('distance_to_bad', 'q')).toBe(1);
    expect(v('distance_to_bad', 'a')).toBe(5);
  });

  it('takes the fan maxima of the mining run (no second fan detection) with the same result, and detects a direction the run left out', () => {
    const g = graphOf([...background(40, 60), ...planted, ...['x1', 'x2', 'x3', 'x4', 'x5'].map((m, i) => tx(m, 'collector', 300, 30 + i))]);
    const p = params({ maxFindingsPer10k: 0 });
    const run = mine({ graph: g, params: p });
    const fresh = accountFeatures(g, { params: p, windowsMs: [], findings: run.findings });
    const reused = accountFeatures(g, { params: p, windowsMs: [], findings: run.findings, fanMax: run.fanMax });
    expect(reused.values).toEqual(fresh.values);
    expect(fresh.values.fan_in_max[g.nodeIndex.get('collector')!]).toBe(5);
    expect(fresh.values.fan_out_max[g.nodeIndex.get('hub')!]).toBe(5);
    // a run without the fan-in detector: the feature is still computed (here, by detecting)
    const noFanIn = params({ maxFindingsPer10k: 0, fanIn: { enabled: false } });
    const partial = mine({ graph: g, params: noFanIn });
    expect(partial.fanMax.in).toBeUndefined();
    expect(accountFeatures(g, { params: noFanIn, windowsMs: [], findings: partial.findings, fanMax: partial.fanMax }).values.fan_in_max)
      .toEqual(fresh.values.fan_in_max);
  });
});
