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

/** Bound on the subsets enumerated per side and account (keeps busy accounts linear). */
const MAX_SUBSETS = 20_000;

/**
 * Subsets of one side, as columns: `size[s]` transfers (indices into the side's edges) at
 * `idx[s * maxSize ..]`, their total, first and last time. Columns rather than an object and an
 * index array per subset: every account with receipts and forwards enumerates tens to hundreds of
 * subsets per side, and at 500,000 accounts those objects were most of the flow step's garbage.
 * One buffer per side, reused for every account (capacity MAX_SUBSETS + 1, the bound's overflow).
 */
class Subsets {
  n = 0;
  width = 1;
  idx = new Int32Array(0);
  size = new Uint8Array(MAX_SUBSETS + 1);
  sum = new Float64Array(MAX_SUBSETS + 1);
  first = new Float64Array(MAX_SUBSETS + 1);
  last = new Float64Array(MAX_SUBSETS + 1);
  reset(width: number): void {
    this.n = 0;
    this.width = width;
    if (this.idx.length < (MAX_SUBSETS + 1) * width) this.idx = new Int32Array((MAX_SUBSETS + 1) * width);
  }
}
const receipts = new Subsets(), forwards = new Subsets();
const forwardOrder = new Int32Array(MAX_SUBSETS + 1);
// The subset being extended by `enumerate` (indices into the side's edges).
const path = new Int32Array(6);

/**
 * Subsets of 1..maxSize free transfers (indices into `edges`) spanning at most `span` ms, into
 * `out` in depth-first order; false when there are more than MAX_SUBSETS.
 */
function subsets(g: TxnGraph, edges: number[], used: Uint8Array, maxSize: number, span: number, out: Subsets): boolean {
  out.reset(maxSize);
  return enumerate(g, edges, used, maxSize, span, out, 0, 0, 0, 0);
}

function enumerate(
  g: TxnGraph, edges: number[], used: Uint8Array, maxSize: number, span: number, out: Subsets,
  depth: number, start: number, sum: number, first: number,
): boolean {
  for (let i = start; i < edges.length; i++) {
    if (used[i]) continue;
    const t = g.time[edges[i]];
    if (depth > 0 && t - first > span) break;
    path[depth] = i;
    const s = sum + g.amount[edges[i]];
    const f = depth === 0 ? t : first;
    const k = out.n++;
    const base = k * out.width;
    for (let d = 0; d <= depth; d++) out.idx[base + d] = path[d];
    out.size[k] = depth + 1;
    out.sum[k] = s;
    out.first[k] = f;
    out.last[k] = t;
    if (out.n > MAX_SUBSETS) return false;
    if (depth + 1 < maxSize && !enumerate(g, edges, used, maxSize, span, out, depth + 1, i + 1, s, f)) return false;
  }
  return true;
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
  const R = receipts, F = forwards;
  if (!subsets(g, ins, usedIn, p.interleavedMaxBatch, p.hopWindowMs, R) || R.n === 0) return [];
  if (!subsets(g, outs, usedOut, p.interleavedMaxBatch, p.hopWindowMs, F) || F.n === 0) return [];
  // Forwards by total (ties in enumeration order, as a stable sort of the subsets would leave them).
  const fSum = F.sum;
  const byTotal = forwardOrder.subarray(0, F.n);
  for (let k = 0; k < F.n; k++) byTotal[k] = k;
  byTotal.sort((x, y) => fSum[x] - fSum[y] || x - y);
  const centre = (p.minForwardRatio + p.maxForwardRatio) / 2;
  const cands: { r: number; f: number; cost: number }[] = [];
  pairs: for (let r = 0; r < R.n; r++) {
    const rSize = R.size[r], rSum = R.sum[r], rLast = R.last[r];
    const slack = tol * (rSize + p.interleavedMaxBatch);
    const lo = centre * rSum - slack, hi = centre * rSum + slack;
    let a = 0, b = F.n;
    while (a < b) { const m = (a + b) >> 1; if (fSum[byTotal[m]] < lo) a = m + 1; else b = m; }
    for (let k = a; k < F.n && fSum[byTotal[k]] <= hi; k++) {
      const f = byTotal[k], fSize = F.size[f];
      const miss = Math.abs(fSum[f] - centre * rSum);
      if (miss > tol * (rSize + fSize) || F.first[f] < rLast || F.last[f] - rLast > p.interleavedHopMs) continue;
      const cost = rSize + fSize + miss / (tol * (rSize + fSize) * 2)
        + (F.last[f] - rLast) / (p.interleavedHopMs + 1) / 10;
      cands.push({ r, f, cost });
      if (cands.length > MAX_SUBSETS) break pairs;
    }
  }
  const rFirst = (x: number) => R.idx[x * R.width], fFirst = (x: number) => F.idx[x * F.width];
  cands.sort((x, y) => x.cost - y.cost || rFirst(x.r) - rFirst(y.r) || fFirst(x.f) - fFirst(y.f));
  const out: InterleavedMatch[] = [];
  const taken = (S: Subsets, x: number, used: Uint8Array) => {
    for (let d = 0; d < S.size[x]; d++) if (used[S.idx[x * S.width + d]]) return true;
    return false;
  };
  const edgesOf = (S: Subsets, x: number, edges: number[], used: Uint8Array) => {
    const list: number[] = [];
    for (let d = 0; d < S.size[x]; d++) {
      const i = S.idx[x * S.width + d];
      used[i] = 1;
      list.push(edges[i]);
    }
    return list;
  };
  for (const { r, f, cost } of cands) {
    if (taken(R, r, usedIn) || taken(F, f, usedOut)) continue;
    out.push({ ins: edgesOf(R, r, ins, usedIn), outs: edgesOf(F, f, outs, usedOut), inSum: R.sum[r], sum: F.sum[f], cost });
  }
  return out;
}
