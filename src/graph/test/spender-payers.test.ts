import { describe, expect, it } from 'vitest';
import { usableEdges, type Candidate, type Role } from '../finding.ts';
import type { TxnGraph } from '../graph.ts';
import { payerInflowBalance, scoreCandidates } from '../score.ts';
import { graphOf, params, tx } from './fixtures.ts';
import type { GraphEdgeInput } from '../graph.ts';

/** Fan-in of payers p0..p3 into hub h on days 1–4 (edges 0–3), plus `extra` transfers after them. */
function fanIn(extra: GraphEdgeInput[]): { g: TxnGraph; fan: Candidate } {
  const g = graphOf([...[0, 1, 2, 3].map((i) => tx(`p${i}`, 'h', 600 + i, 1 + i)), ...extra]);
  const roles = new Map<number, Role>([[g.nodeIndex.get('h')!, 'sink']]);
  for (let i = 0; i < 4; i++) roles.set(g.nodeIndex.get(`p${i}`)!, 'mule');
  return { g, fan: { typology: 'fan_in', roles, edges: [0, 1, 2, 3], facts: { degree: 4, spanDays: 3 } } };
}

// The hub also pays on 6 other days, so no member's transfers are mostly this fan (not exclusive).
const hubOut = [0, 1, 2, 3, 4, 5].map((d) => tx('h', `out${d}`, 500, 10 + d));
// Ordinary spenders: each payer makes 6 more payments and receives nothing.
const spenders = [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3, 4, 5].map((d) => tx(`p${i}`, `shop${i}_${d}`, 50, 10 + d)));
// Funnel accounts: each payer is paid 6 times and makes 6 more payments.
const funded = [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3, 4, 5].flatMap((d) => [
  tx(`src${i}_${d}`, `p${i}`, 700, 10 + d), tx(`p${i}`, `dst${i}_${d}`, 600, 10.5 + d),
]));

describe('fan-in payers that are ordinary spenders', () => {
  it('payerInflowBalance is the mean log((1 + received) / (1 + paid)) of the accounts paying inside the candidate', () => {
    const a = fanIn([...hubOut, ...spenders]);
    expect(payerInflowBalance(a.g, a.fan, new Int32Array(a.g.nodeCount))).toBeCloseTo(Math.log(1 / 8), 6);
    const b = fanIn([...hubOut, ...funded]);
    expect(payerInflowBalance(b.g, b.fan, new Int32Array(b.g.nodeCount))).toBeCloseTo(Math.log(7 / 8), 6);
  });

  it('costs a fan-in of spenders the full penalty and a fan-in of funded payers almost nothing, with a reason', () => {
    const score = (extra: GraphEdgeInput[], penalty: number) => {
      const { g, fan } = fanIn(extra);
      const p = params({ scoring: { fanInSpenderPenalty: penalty } });
      return scoreCandidates(g, [fan], new Set(), usableEdges(g, p.maxPairRepeats, p.minAmount), p.scoring)[0];
    };
    const spend = score([...hubOut, ...spenders], 12), spendOff = score([...hubOut, ...spenders], 0);
    expect(spendOff.score - spend.score).toBeCloseTo(12, 1);
    const reason = spend.explain().find((r) => r.code === 'spender_payers');
    expect(reason?.points).toBe(-12);
    expect(reason?.text.en).toContain('about 8.0 times as many payments as receipts');
    // log(7/8) = −0.13 of the −1.5 that costs everything: about 1 point.
    const fund = score([...hubOut, ...funded], 12), fundOff = score([...hubOut, ...funded], 0);
    expect(fundOff.score - fund.score).toBeCloseTo((12 * -Math.log(7 / 8)) / 1.5, 0);
    expect(fund.score).toBeGreaterThan(spend.score + 9);
  });

  it('leaves fan-outs and exclusive fan-ins (one-shot payers, nothing else to judge) alone', () => {
    // One-shot payers and a hub that only forwards: the fan is made of its own transfers.
    const { g, fan } = fanIn([tx('h', 'x', 2000, 5)]);
    const p = params();
    const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
    const on = scoreCandidates(g, [fan], new Set(), ok, p.scoring)[0];
    const off = scoreCandidates(g, [fan], new Set(), ok, { ...p.scoring, fanInSpenderPenalty: 0 })[0];
    expect(on.score).toBe(off.score);
    expect(on.explain().map((r) => r.code)).not.toContain('spender_payers');
    const s = fanIn([...hubOut, ...spenders]);
    const out: Candidate = { ...s.fan, typology: 'fan_out' };
    const q = scoreCandidates(s.g, [out], new Set(), usableEdges(s.g, p.maxPairRepeats, p.minAmount), p.scoring)[0];
    expect(q.explain().map((r) => r.code)).not.toContain('spender_payers');
  });
});
