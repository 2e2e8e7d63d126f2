import { describe, expect, it } from 'vitest';
import { lowerBoundTime } from '../graph.ts';
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
    const i = lowerBoundTime(g, g.outEdges, g.outOffsets[a], g.outOffsets[a + 1], 2 * DAY);
    expect(g.txnIds.get(g.outEdges[i])).toBe('x2');
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
