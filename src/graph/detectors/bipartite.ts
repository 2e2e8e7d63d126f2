import { listColumns, listMask, type TxnGraph } from '../graph.ts';
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
      // Payees reached by at least two of the payers in the window, and the transfers of the block.
      const hits = new Map<number, number>();
      const blockEdges: number[] = [];
      for (const s of sources) {
        for (let i = g.outOffsets[s]; i < g.outOffsets[s + 1]; i++) {
          const d = outDst[i];
          if (outOk[i] && !inS[d] && outTime[i] >= t0 && outTime[i] <= t1) { hits.set(d, (hits.get(d) ?? 0) + 1); blockEdges.push(outEdges[i]); }
        }
      }
      for (const s of sources) inS[s] = 0;
      const block = new Set<number>();
      for (const [t, h] of hits) if (h >= 2) block.add(t);
      if (block.size < p.minTargets) continue;
      const edges = blockEdges.filter((e) => block.has(g.dst[e])).sort((x, y) => x - y);
      const density = edges.length / (sources.length * block.size);
      if (density < p.minDensity) continue;
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
        facts: { sources: sources.length, targets: block.size, density: Math.round(density * 1000) / 1000 },
      });
    }
  }
  return out;
}
