import { describe, expect, it } from 'vitest';
import { usableEdges } from '../src/graph/finding.ts';
import { detectCandidates, rankCandidates } from '../src/graph/mine.ts';
import { graphOf, params, tx } from '../src/graph/test/fixtures.ts';
import { describeRanked, diagnoseRings } from './ring-misses.ts';
import type { TruthRing } from './ring-eval.ts';

describe('diagnoseRings', () => {
  // A fan-in ring (four payers → hub within four days) and a "cycle" ring with a single transfer.
  const g = graphOf([
    tx('p1', 'hub', 500, 1), tx('p2', 'hub', 510, 2), tx('p3', 'hub', 520, 3), tx('p4', 'hub', 530, 4),
    tx('x', 'y', 900, 5),
  ]);
  const p = params();
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const { candidates, passThrough } = detectCandidates(g, ok, p);
  const ranked = rankCandidates(g, ok, p, candidates, passThrough);
  const rings: TruthRing[] = [
    { id: 'f', typology: 'fan_in', accounts: new Set(['hub', 'p1', 'p2', 'p3', 'p4']) },
    { id: 'c', typology: 'cycle', accounts: new Set(['x', 'y']) },
  ];

  it('tells found, below the capacity share and no candidate apart', () => {
    const [fan, cyc] = diagnoseRings(g, rings, candidates, ranked, new Map([['fan_in', 1]]));
    expect(fan).toMatchObject({ verdict: 'found', ownCandidates: 1, bestRank: 0, kept: 1 });
    expect(cyc).toMatchObject({ verdict: 'no candidate', ownCandidates: 0, bestRank: null });
    expect(diagnoseRings(g, rings, candidates, ranked, new Map())[0].verdict).toBe('below share');
    // Given the selection, found means a kept candidate holds the ring, whatever its rank.
    const fanCand = ranked.filter((s) => s.candidate.typology === 'fan_in');
    expect(diagnoseRings(g, rings, candidates, ranked, new Map(), fanCand)[0].verdict).toBe('found');
    expect(diagnoseRings(g, rings, candidates, ranked, new Map([['fan_in', 1]]), [])[0].verdict).toBe('below share');
  });

  it('lists a typology best first against the rings', () => {
    const rows = describeRanked(g, rings, ranked, 'fan_in', 10);
    expect(rows).toHaveLength(ranked.filter((s) => s.candidate.typology === 'fan_in').length);
    expect(rows[0]).toMatchObject({ rank: 0, members: 5, inRings: 5, bestRing: 'f', bestShare: 5, isTrue: true, holds: ['f'], firstDay: 1, lastDay: 4, kept: false });
    expect(describeRanked(g, rings, ranked, 'fan_in', 10, ranked)[0].kept).toBe(true);
    const other: TruthRing[] = [{ id: 'o', typology: 'cycle', accounts: new Set(['hub', 'p1']) }];
    expect(describeRanked(g, other, ranked, 'fan_in', 10)[0]).toMatchObject({ inRings: 2, isTrue: false, holds: [] });
    expect(describeRanked(g, rings, ranked, 'fan_in', 0)).toEqual([]);
  });

  it('reports a ring whose candidate no longer holds half of it after trimming', () => {
    const trimmed = ranked.map((s) => {
      const keep = [...s.candidate.roles].filter(([n]) => g.nodeIds[n] === 'hub' || g.nodeIds[n] === 'p1');
      return { ...s, candidate: { ...s.candidate, roles: new Map(keep) } };
    });
    const [fan] = diagnoseRings(g, rings, candidates, trimmed, new Map([['fan_in', 1]]));
    expect(fan).toMatchObject({ verdict: 'trimmed', ownCandidates: 1, bestRank: null });
  });
});
