import { describe, expect, it } from 'vitest';
import { usableEdges, type Candidate, type Role } from '../finding.ts';
import { exclusiveShare, forwardShare, scoreCandidates } from '../score.ts';
import { graphOf, params, tx } from './fixtures.ts';
import type { TxnGraph } from '../graph.ts';

const cand = (g: TxnGraph, typology: Candidate['typology'], roles: [string, Role][], edges: number[]): Candidate => ({
  typology, roles: new Map(roles.map(([a, r]) => [g.nodeIndex.get(a)!, r])), edges, facts: { degree: roles.length - 1, spanDays: 1, length: roles.length },
});

describe('exclusivity and forwarding shape', () => {
  // a→b→c→a: a loop passing 1000 on minus 1–2% per hop within hours; b also pays 3 others on other days.
  const g = graphOf([
    tx('a', 'b', 1000, 1), tx('b', 'c', 990, 1.1), tx('c', 'a', 975, 1.2),
    tx('b', 'x', 50, 5), tx('b', 'y', 60, 6), tx('b', 'z', 70, 7),
  ]);
  const loop = cand(g, 'cycle', [['a', 'source'], ['b', 'mule'], ['c', 'mule']], [0, 1, 2]);

  it('exclusiveShare is the mean share of each member\'s transfers that belong to the structure', () => {
    // a 2/2, b 2/5, c 2/2
    expect(exclusiveShare(g, loop, new Int32Array(g.nodeCount))).toBeCloseTo((1 + 0.4 + 1) / 3, 6);
  });

  it('forwardShare counts members that pass on 90–100% within 2 days; a loop\'s first payer is left out', () => {
    expect(forwardShare(g, loop)).toBe(1);
    const g2 = graphOf([tx('a', 'b', 1000, 1), tx('b', 'c', 500, 1.1), tx('c', 'a', 490, 1.2)]);
    expect(forwardShare(g2, cand(g2, 'cycle', [['a', 'source'], ['b', 'mule'], ['c', 'mule']], [0, 1, 2]))).toBe(0.5);
  });

  it('scores an exclusive structure by its exclusivity when that beats participation, with its own reason', () => {
    const p = params();
    const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
    const on = scoreCandidates(g, [loop], new Set(), ok, p.scoring)[0];
    const off = scoreCandidates(g, [loop], new Set(), ok, { ...p.scoring, exclusiveWeight: 0 })[0];
    expect(on.score).toBeGreaterThan(off.score + 50);
    expect(on.explain().map((r) => r.code)).toContain('exclusive');
    expect(off.explain().map((r) => r.code)).not.toContain('exclusive');
  });
});
