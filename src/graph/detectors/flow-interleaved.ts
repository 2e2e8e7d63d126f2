import type { TxnGraph } from '../graph.ts';
import type { DetectorParams } from '../params.schema.ts';

/**
 * Second pass of the pass-through analysis (flow.ts) for the transfers the contiguous matching
 * left unpaired: a mule's receipts from a ring often interleave with its other receipts (salary,
 * purchases) and its forwards with its other payments, so no run of consecutive transfers sums to
 * the forward. Here any few receipts within one hop window and any few later forwards pair when
 * their totals keep the cut exactly up to the rounding of the amounts: |forwarded − centre of the
 * band × received| ≤ `interleavedTolerance` minor units per transfer (a mule forwards "everything
 * minus my share" of what it received). The tolerance is much tighter than the contiguous band because
 * choosing subsets instead of runs multiplies the coincidental sums. Hand-written: a bounded
 * subset-sum pairing over typed columns; no library does it.
 */
export interface InterleavedMatch { ins: number[]; outs: number[]; inSum: number; sum: number; cost: number }

interface Subset { idx: number[]; sum: number; first: number; last: number }

/** Bound on the subsets enumerated per side and account (keeps busy accounts linear). */
const MAX_SUBSETS = 20_000;

/** Subsets of 1..maxSize free transfers (indices into `edges`) spanning at most `span` ms. */
function subsets(g: TxnGraph, edges: number[], free: (i: number) => boolean, maxSize: number, span: number): Subset[] | null {
  const out: Subset[] = [];
  const idx: number[] = [];
  const rec = (start: number, sum: number, first: number): boolean => {
    for (let i = start; i < edges.length; i++) {
      if (!free(i)) continue;
      const t = g.time[edges[i]];
      if (idx.length > 0 && t - first > span) break;
      idx.push(i);
      const s = sum + g.amount[edges[i]];
      const f = idx.length === 1 ? t : first;
      out.push({ idx: [...idx], sum: s, first: f, last: t });
      if (out.length > MAX_SUBSETS) return false;
      if (idx.length < maxSize && !rec(i + 1, s, f)) return false;
      idx.pop();
    }
    return true;
  };
  return rec(0, 0, 0) ? out : null;
}

/**
 * Pairs free receipts (`ins`, time order) with free forwards (`outs`, time order) of one account.
 * `usedIn` / `usedOut` flag the transfers already explained by the contiguous matching; accepted
 * pairs are flagged too. Most parsimonious first (fewest transfers, then the ratio nearest the
 * centre, then the shortest delay); each transfer joins one pass-through at most.
 */
export function matchInterleaved(
  g: TxnGraph, ins: number[], outs: number[], usedIn: Uint8Array, usedOut: Uint8Array, p: DetectorParams['flow'],
): InterleavedMatch[] {
  const tol = p.interleavedTolerance;
  if (tol <= 0) return [];
  const R = subsets(g, ins, (i) => !usedIn[i], p.interleavedMaxBatch, p.hopWindowMs);
  const F = R && R.length > 0 ? subsets(g, outs, (i) => !usedOut[i], p.interleavedMaxBatch, p.hopWindowMs) : null;
  if (!R || !F || F.length === 0) return [];
  F.sort((a, b) => a.sum - b.sum);
  const centre = (p.minForwardRatio + p.maxForwardRatio) / 2;
  const cands: { r: Subset; f: Subset; cost: number }[] = [];
  pairs: for (const r of R) {
    const slack = tol * (r.idx.length + p.interleavedMaxBatch);
    const lo = centre * r.sum - slack, hi = centre * r.sum + slack;
    let a = 0, b = F.length;
    while (a < b) { const m = (a + b) >> 1; if (F[m].sum < lo) a = m + 1; else b = m; }
    for (let k = a; k < F.length && F[k].sum <= hi; k++) {
      const f = F[k];
      const miss = Math.abs(f.sum - centre * r.sum);
      if (miss > tol * (r.idx.length + f.idx.length) || f.first < r.last || f.last - r.last > p.interleavedHopMs) continue;
      const cost = r.idx.length + f.idx.length + miss / (tol * (r.idx.length + f.idx.length) * 2)
        + (f.last - r.last) / (p.interleavedHopMs + 1) / 10;
      cands.push({ r, f, cost });
      if (cands.length > MAX_SUBSETS) break pairs;
    }
  }
  cands.sort((x, y) => x.cost - y.cost || x.r.idx[0] - y.r.idx[0] || x.f.idx[0] - y.f.idx[0]);
  const out: InterleavedMatch[] = [];
  for (const { r, f, cost } of cands) {
    if (r.idx.some((i) => usedIn[i]) || f.idx.some((i) => usedOut[i])) continue;
    for (const i of r.idx) usedIn[i] = 1;
    for (const i of f.idx) usedOut[i] = 1;
    out.push({ ins: r.idx.map((i) => ins[i]), outs: f.idx.map((i) => outs[i]), inSum: r.sum, sum: f.sum, cost });
  }
  return out;
}
