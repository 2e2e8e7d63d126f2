import { describe, expect, it } from 'vitest';
import { buildGraph, GraphBuilder, listColumns, lowerBound, outResumePositions } from '../graph.ts';
import { DAY, graphOf, tx } from './fixtures.ts';

describe('buildGraph', () => {
  const g = graphOf([
    tx('b', 'c', 300, 3, 'x3'),
    tx('a', 'b', 100, 1, 'x1'),
    tx('a', 'c', 200, 2, 'x2'),
    tx('a', 'b', 150, 4, 'x4'),
    tx('c', 'c', 999, 5, 'self'),
  ]);

  it('interns accounts and drops self-transfers', () => {
    expect(g.nodeCount).toBe(3);
    expect(g.edgeCount).toBe(4);
    expect(g.txnIds.toArray()).not.toContain('self');
  });

  it('orders edges by time and keeps ids, amounts and times together', () => {
    expect(g.txnIds.toArray()).toEqual(['x1', 'x2', 'x3', 'x4']);
    expect(Array.from(g.amount)).toEqual([100, 200, 300, 150]);
    expect(Array.from(g.time)).toEqual([1, 2, 3, 4].map((d) => d * DAY));
  });

  it('lists each account\'s outgoing and incoming edges in time order (CSR)', () => {
    const a = g.nodeIndex.get('a')!, b = g.nodeIndex.get('b')!;
    const out = Array.from(g.outEdges.subarray(g.outOffsets[a], g.outOffsets[a + 1])).map((e) => g.txnIds.get(e));
    expect(out).toEqual(['x1', 'x2', 'x4']);
    const inc = Array.from(g.inEdges.subarray(g.inOffsets[b], g.inOffsets[b + 1])).map((e) => g.txnIds.get(e));
    expect(inc).toEqual(['x1', 'x4']);
    expect(g.outOffsets[g.nodeCount]).toBe(4);
  });

  it('counts repeats of each payer→payee pair', () => {
    const byId = Object.fromEntries(g.txnIds.toArray().map((id, e) => [id, g.pairCount[e]]));
    expect(byId).toEqual({ x1: 2, x2: 1, x3: 1, x4: 2 });
  });

  it('finds the first edge at or after a time', () => {
    const a = g.nodeIndex.get('a')!;
    const i = lowerBound(listColumns(g).outTime, g.outOffsets[a], g.outOffsets[a + 1], 2 * DAY);
    expect(g.txnIds.get(g.outEdges[i])).toBe('x2');
  });
});

describe('GraphBuilder', () => {
  const rows = [tx('b', 'c', 300, 3, 'x3'), tx('a', 'b', 100, 1, 'x1'), tx('c', 'c', 999, 5, 'self'), tx('a', 'c', 200, 2, 'x2')];

  it('builds, one transfer at a time, the graph buildGraph builds', () => {
    const b = new GraphBuilder();
    for (const r of rows) b.add({ ...r });
    const g = b.build(), h = buildGraph(rows);
    expect(g.txnIds.toArray()).toEqual(['x1', 'x2', 'x3']);
    expect(g.nodeIds).toEqual(h.nodeIds);
    for (const k of ['src', 'dst', 'amount', 'time', 'pairCount', 'outOffsets', 'outEdges', 'inOffsets', 'inEdges'] as const) {
      expect(Array.from(g[k])).toEqual(Array.from(h[k]));
    }
  });

  it('refuses rows after the build and a second build', () => {
    const b = new GraphBuilder();
    b.add(rows[0]);
    b.build();
    expect(() => b.add(rows[1])).toThrow(/after build/);
    expect(() => b.build()).toThrow(/twice/);
  });
});

describe('outResumePositions', () => {
  it('gives, for every transfer, the first transfer of its payee at or after its time (ties included)', () => {
    let x = 7;
    const rnd = (k: number) => { x = (x * 1103515245 + 12345) & 0x7fffffff; return x % k; };
    // 40 accounts, 2,000 transfers on 30 distinct days: many equal times, long and empty lists.
    const g = buildGraph(Array.from({ length: 2_000 }, (_, i) => tx(`a${rnd(40)}`, `a${rnd(i % 3 === 0 ? 5 : 40)}`, 100, rnd(30), `t${i}`)));
    const { outTime, outDst } = listColumns(g);
    const resume = outResumePositions(g);
    for (let i = 0; i < g.edgeCount; i++) {
      const y = outDst[i];
      expect(resume[i]).toBe(lowerBound(outTime, g.outOffsets[y], g.outOffsets[y + 1], outTime[i]));
    }
    expect(outResumePositions(g)).toBe(resume);
  });
});

describe('sortByTime', () => {
  it('is a stable sort for integer times beyond 16 bits and for fractional times', async () => {
    const { sortByTime } = await import('../graph.ts');
    const times = [5 * DAY, 1, 5 * DAY, 70_000, 3, 1];
    expect(Array.from(sortByTime(Float64Array.from(times)))).toEqual([1, 5, 4, 3, 0, 2]);
    expect(Array.from(sortByTime(Float64Array.from([2.5, 1.5, 2.5, 0.1])))).toEqual([3, 1, 0, 2]);
  });
});
