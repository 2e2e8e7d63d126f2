import { listColumns, listMask, lowerBound, type TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';

/**
 * Dense bipartite blocks: a set of payers that all pay the same set of payees (every-to-every
 * layering). From each payer u, payers sharing ≥ minTargets payees with u join; the block is kept
 * when its density (transfers / payers × payees) reaches minDensity. Only transfers within one
 * window (`windowMs`, tiled over u's transfers) count. The same block is reported once.
 */
export function detectBipartite(g: TxnGraph, ok: Uint8Array, p: DetectorParams['bipartite']): Candidate[] {
  const out: Candidate[] = [];
  if (!p.enabled) return out;
  const shared = new Int32Array(g.nodeCount);
  const touched: number[] = [];
  const targets: number[] = [];
  const inS = new Uint8Array(g.nodeCount);
  // Transfers from a window's payers to each payee, and the payees in order of first reach.
  const hits = new Int32Array(g.nodeCount);
  const reached: number[] = [];
  const clear = (sources: number[], payees: number[]) => {
    for (const x of sources) inS[x] = 0;
    for (const x of payees) hits[x] = 0;
    payees.length = 0;
  };
  const seen = new Set<string>();
  const blocksOf = new Map<number, number[]>();
  // Transfers' times, counterparties and usability in list order (graph.ts listColumns, listMask): a
  // payee's payers and a payer's payees are read as contiguous runs.
  const { outTime, outDst, inTime, inSrc } = listColumns(g);
  const { out: outOk, in: inOk } = listMask(g, ok);
  const { outEdges } = g;
  // u's usable transfers, as positions in outEdges.
  const uPos: number[] = [];
  for (let u = 0; u < g.nodeCount; u++) {
    const a = g.outOffsets[u], b = g.outOffsets[u + 1];
    if (b - a < p.minTargets) continue;
    uPos.length = 0;
    for (let i = a; i < b; i++) if (outOk[i]) uPos.push(i);
    if (uPos.length < p.minTargets) continue;
    // One block search per window of u's transfers (tiled from its first transfer onwards).
    for (let w = 0; w < uPos.length; ) {
      const t0 = outTime[uPos[w]], t1 = t0 + p.windowMs;
      let end = w;
      while (end < uPos.length && outTime[uPos[end]] <= t1) end++;
      const next = end;
      targets.length = 0;
      for (let i = w; i < end; i++) targets.push(outDst[uPos[i]]);
      w = next;
      if (targets.length < p.minTargets || targets.length > p.maxDegree) continue;
      touched.length = 0;
      for (const t of targets) {
        const ia = g.inOffsets[t], ib = g.inOffsets[t + 1];
        if (ib - ia > p.maxDegree) continue;
        for (let i = ia; i < ib; i++) {
          const s = inSrc[i];
          if (!inOk[i] || s === u || inTime[i] < t0 || inTime[i] > t1) continue;
          if (shared[s]++ === 0) touched.push(s);
        }
      }
      const sources = [u];
      for (const s of touched) if (shared[s] >= p.minTargets) sources.push(s);
      for (const s of touched) shared[s] = 0;
      if (sources.length < p.minSources) continue;
      for (const s of sources) inS[s] = 1;
      // Payees reached by at least two of the payers in the window (in order of first reach), counted
      // in a typed array; the block's transfers are collected only for a block dense enough, which
      // few are. A Map of counts and every window transfer collected up front were 47% of mining a
      // 1,000,000-transfer demo bank (docs/rings.md, "Performance").
      for (const s of sources) {
        const sEnd = g.outOffsets[s + 1];
        for (let i = lowerBound(outTime, g.outOffsets[s], sEnd, t0); i < sEnd && outTime[i] <= t1; i++) {
          const d = outDst[i];
          if (outOk[i] && !inS[d] && hits[d]++ === 0) reached.push(d);
        }
      }
      const block: number[] = [];
      let blockTransfers = 0;
      for (const t of reached) if (hits[t] >= 2) { block.push(t); blockTransfers += hits[t]; }
      const density = blockTransfers / (sources.length * block.length);
      if (block.length < p.minTargets || density < p.minDensity) { clear(sources, reached); continue; }
      const edges: number[] = [];
      for (const s of sources) {
        const sEnd = g.outOffsets[s + 1];
        for (let i = lowerBound(outTime, g.outOffsets[s], sEnd, t0); i < sEnd && outTime[i] <= t1; i++) {
          const d = outDst[i];
          if (outOk[i] && !inS[d] && hits[d] >= 2) edges.push(outEdges[i]);
        }
      }
      edges.sort((x, y) => x - y);
      clear(sources, reached);
      const roles = new Map<number, Role>();
      for (const s of sources) roles.set(s, 'source');
      for (const t of block) roles.set(t, 'sink');
      const key = [...roles.keys()].sort((x, y) => x - y).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      // A block inside one already reported (seen from a later payer's window) adds nothing.
      const firstBlocks = blocksOf.get(sources[0]) ?? [];
      if (firstBlocks.some((b) => [...roles.keys()].every((n) => out[b].roles.has(n)))) continue;
      for (const n of roles.keys()) {
        const l = blocksOf.get(n);
        if (l) l.push(out.length);
        else blocksOf.set(n, [out.length]);
      }
      out.push({
        typology: 'bipartite',
        roles,
        edges,
        facts: { sources: sources.length, targets: block.length, density: Math.round(density * 1000) / 1000 },
      });
    }
  }
  return out;
}
