import { describe, expect, it } from 'vitest';
import { usableEdges, type Candidate } from '../finding.ts';
import { detectFan } from '../detectors/fan.ts';
import { detectCycles } from '../detectors/cycle.ts';
import { detectBipartite } from '../detectors/bipartite.ts';
import { detectFlowTypologies, flowEvents } from '../detectors/flow.ts';
import { detectSharedIdentifiers } from '../detectors/shared-identifier.ts';
import { background, graphOf, params, tx } from './fixtures.ts';
import type { GraphEdgeInput, TxnGraph } from '../graph.ts';

const P = params();
const members = (g: TxnGraph, c: Candidate) => Object.fromEntries([...c.roles].map(([n, r]) => [g.nodeIds[n], r]));
const setup = (edges: GraphEdgeInput[]) => {
  const g = graphOf([...background(40, 60), ...edges]);
  return { g, ok: usableEdges(g, P.maxPairRepeats, P.minAmount) };
};

describe('fan-out / fan-in', () => {
  it('finds one account paying five new counterparties within the window, with roles', () => {
    const { g, ok } = setup(['m1', 'm2', 'm3', 'm4', 'm5'].map((m, i) => tx('hub', m, 500, 10 + i * 3)));
    const found = detectFan(g, ok, P.fanOut, 'out').filter((c) => g.nodeIds[[...c.roles.keys()][0]] === 'hub');
    expect(found).toHaveLength(1);
    expect(members(g, found[0])).toEqual({ hub: 'source', m1: 'mule', m2: 'mule', m3: 'mule', m4: 'mule', m5: 'mule' });
    expect(found[0].edges).toHaveLength(5);
  });

  it('ignores counterparties spread wider than the window and recurring payees', () => {
    const spread = ['m1', 'm2', 'm3', 'm4', 'm5'].map((m, i) => tx('hub', m, 500, i * 30));
    const recurring = ['r1', 'r2', 'r3', 'r4'].flatMap((m) => [tx('hub2', m, 500, 1), tx('hub2', m, 500, 8)]);
    const { g, ok } = setup([...spread, ...recurring, tx('hub2', 'r5', 100, 3)]);
    expect(detectFan(g, ok, P.fanOut, 'out')).toEqual([]);
  });

  it('finds fan-in with the collecting account as sink', () => {
    const { g, ok } = setup(['s1', 's2', 's3', 's4', 's5', 's6'].map((s, i) => tx(s, 'col', 400, 5 + i)));
    const [c] = detectFan(g, ok, P.fanIn, 'in');
    expect(members(g, c).col).toBe('sink');
    expect(c.facts.degree).toBe(6);
  });
});

describe('cycle', () => {
  it('finds a time-ordered loop and reports it once', () => {
    const { g, ok } = setup([tx('a', 'b', 900, 1), tx('b', 'c', 850, 3), tx('c', 'd', 800, 4), tx('d', 'a', 760, 6)]);
    const found = detectCycles(g, ok, P.cycle);
    expect(found).toHaveLength(1);
    expect(Object.keys(members(g, found[0])).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(members(g, found[0]).a).toBe('source');
  });

  it('does not report a loop whose transfers go back in time or exceed the length bound', () => {
    const backwards = [tx('a', 'b', 900, 5), tx('b', 'c', 850, 3), tx('c', 'a', 800, 1)];
    const long = Array.from({ length: 12 }, (_, i) => tx(`l${i}`, `l${(i + 1) % 12}`, 100, i + 1));
    const { g, ok } = setup([...backwards, ...long]);
    expect(detectCycles(g, ok, P.cycle)).toEqual([]);
    expect(detectCycles(g, ok, { ...P.cycle, maxLength: 12 })).toHaveLength(1);
  });
});

describe('bipartite', () => {
  it('finds a block of payers all paying the same payees', () => {
    const edges = ['p1', 'p2', 'p3'].flatMap((p, i) => ['q1', 'q2', 'q3'].map((q) => tx(p, q, 500, 10 + i)));
    const { g, ok } = setup(edges);
    const [c, ...rest] = detectBipartite(g, ok, P.bipartite);
    expect(rest).toEqual([]);
    expect(members(g, c)).toEqual({ p1: 'source', p2: 'source', p3: 'source', q1: 'sink', q2: 'sink', q3: 'sink' });
    expect(c.facts.density).toBe(1);
  });
});

describe('pass-through flows', () => {
  const fwd = (a: number) => Math.round(a * 0.9);
  it('classifies scatter-gather: one source, three forwarding middles, one sink', () => {
    const mids = ['m1', 'm2', 'm3'];
    const edges = mids.flatMap((m, i) => [tx('src', m, 1000 + i * 100, 10), tx(m, 'snk', fwd(1000 + i * 100), 12)]);
    const { g } = setup(edges);
    const ok = usableEdges(g, 1, 0);
    const found = detectFlowTypologies(g, flowEvents(g, ok, P.flow), P);
    expect(found.map((c) => c.typology)).toEqual(['scatter_gather']);
    expect(members(g, found[0])).toEqual({ src: 'source', m1: 'mule', m2: 'mule', m3: 'mule', snk: 'sink' });
  });

  it('classifies gather-scatter: many payers into one hub that spreads 90% onward', () => {
    const edges = [tx('s1', 'hub', 1000, 5), tx('s2', 'hub', 1000, 6), tx('s3', 'hub', 1000, 6),
      tx('hub', 'k1', 900, 8), tx('hub', 'k2', 900, 9), tx('hub', 'k3', 900, 9)];
    const { g } = setup(edges);
    const ok = usableEdges(g, 1, 0);
    const found = detectFlowTypologies(g, flowEvents(g, ok, P.flow), P);
    expect(found.map((c) => c.typology)).toEqual(['gather_scatter']);
    expect(members(g, found[0]).hub).toBe('mule');
  });

  it('classifies a chain of forwarding accounts as a stack and ignores accounts that keep the money', () => {
    const chain = [tx('x0', 'x1', 2000, 1), tx('x1', 'x2', 1800, 2), tx('x2', 'x3', 1620, 4), tx('x3', 'x4', 1458, 5)];
    const keeper = [tx('y0', 'y1', 2000, 1), tx('y1', 'y2', 500, 2), tx('y2', 'y3', 100, 3)];
    const { g } = setup([...chain, ...keeper]);
    const ok = usableEdges(g, 1, 0);
    const found = detectFlowTypologies(g, flowEvents(g, ok, P.flow), P);
    const stacks = found.filter((c) => c.typology === 'stack');
    expect(stacks).toHaveLength(1);
    expect(Object.keys(members(g, stacks[0])).sort()).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expect(stacks[0].facts.layers).toBe(5);
  });
});

describe('exact cuts over interleaved transfers', () => {
  // The mule's ring receipts (p1, p2) and forwards (k1, k2) are interleaved with other transfers
  // (q1 in, z1 out), so no run of consecutive transfers is in the band; the ring's forwards are
  // exactly 90% of its receipts.
  const interleaved = (k2: number) => [tx('p1', 'mu', 70_000, 5), tx('q1', 'mu', 33_333, 6), tx('p2', 'mu', 50_000, 7),
    tx('mu', 'k1', 60_000, 15), tx('mu', 'z1', 12_345, 16), tx('mu', 'k2', k2, 18)];
  const eventsAt = (g: TxnGraph, ok: Uint8Array, p: typeof P, node: string) =>
    flowEvents(g, ok, p.flow).events.filter((ev) => g.nodeIds[ev.mid] === node);
  const ends = (g: TxnGraph, es: number[]) => es.map((e) => `${g.nodeIds[g.src[e]]}>${g.nodeIds[g.dst[e]]}`);

  it('pairs the ring receipts with the ring forwards and builds a gather-scatter around them', () => {
    const { g, ok } = setup(interleaved(48_000));
    const [ev, ...rest] = eventsAt(g, ok, P, 'mu');
    expect(rest).toEqual([]);
    expect(ev.exact).toBe(true);
    expect(ends(g, ev.ins)).toEqual(['p1>mu', 'p2>mu']);
    expect(ends(g, ev.outs)).toEqual(['mu>k1', 'mu>k2']);
    const gs = detectFlowTypologies(g, flowEvents(g, ok, P.flow), P).filter((c) => c.typology === 'gather_scatter');
    expect(gs).toHaveLength(1);
    expect(members(g, gs[0])).toEqual({ p1: 'source', p2: 'source', mu: 'mule', k1: 'sink', k2: 'sink' });
    expect(gs[0].facts.exactShare).toBe(1);
  });

  it('does not pair a cut that is only near 90%, and is off at tolerance 0', () => {
    const near = setup(interleaved(49_200)); // 91%: inside the band but not exact
    expect(eventsAt(near.g, near.ok, P, 'mu')).toEqual([]);
    const off = setup(interleaved(48_000));
    expect(eventsAt(off.g, off.ok, params({ flow: { interleavedTolerance: 0 } }), 'mu')).toEqual([]);
  });
});

describe('shared identifiers', () => {
  it('clusters accounts tied by devices and phones, ignoring over-shared identifiers', () => {
    const g = graphOf([tx('a1', 'a2', 100, 1), tx('z', 'a3', 100, 1)]);
    const ids = [
      { account: 'a1', identifiers: [{ kind: 'device' as const, value: 'D1' }] },
      { account: 'a2', identifiers: [{ kind: 'device' as const, value: 'd1 ' }, { kind: 'phone' as const, value: '138' }] },
      { account: 'a3', identifiers: [{ kind: 'phone' as const, value: '138' }] },
      { account: 'off-graph', identifiers: [{ kind: 'phone' as const, value: '138' }] },
      ...Array.from({ length: 30 }, (_, i) => ({ account: `n${i}`, identifiers: [{ kind: 'ip' as const, value: '10.0.0.1' }] })),
    ];
    const found = detectSharedIdentifiers(g, ids, P.sharedIdentifier);
    expect(found).toHaveLength(1);
    const accounts = [...found[0].roles.keys()].map((n) => g.nodeIds[n]).concat([...found[0].extraMembers!.keys()]).sort();
    expect(accounts).toEqual(['a1', 'a2', 'a3', 'off-graph']);
    expect(found[0].identifiers).toEqual(['device:d1', 'phone:138']);
    expect(found[0].edges).toHaveLength(1);
  });
});
