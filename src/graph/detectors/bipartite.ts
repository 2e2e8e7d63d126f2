import type { TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';

/**
 * Dense bipartite blocks: a set of payers that all pay the same set of payees (every-to-every
 * layering). From each payer u, payers sharing ≥ minTargets payees with u join; the block is kept
 * when its density (transfers / payers × payees) reaches minDensity and its time span fits the
 * window. Reported once, from its lowest-index payer.
 */
export function detectBipartite(g: TxnGraph, ok: Uint8Array, p: DetectorParams['bipartite']): Candidate[] {
  const out: Candidate[] = [];
  if (!p.enabled) return out;
  const shared = new Int32Array(g.nodeCount);
  const touched: number[] = [];
  const targets: number[] = [];
  const inS = new Uint8Array(g.nodeCount);
  const seen = new Set<string>();
  for (let u = 0; u < g.nodeCount; u++) {
    const a = g.outOffsets[u], b = g.outOffsets[u + 1];
    if (b - a < p.minTargets) continue;
    targets.length = 0;
    for (let i = a; i < b; i++) if (ok[g.outEdges[i]]) targets.push(g.dst[g.outEdges[i]]);
    if (targets.length < p.minTargets || targets.length > p.maxDegree) continue;
    touched.length = 0;
    for (const t of targets) {
      const ia = g.inOffsets[t], ib = g.inOffsets[t + 1];
      if (ib - ia > p.maxDegree) continue;
      for (let i = ia; i < ib; i++) {
        const e = g.inEdges[i];
        const s = g.src[e];
        if (!ok[e] || s === u) continue;
        if (shared[s]++ === 0) touched.push(s);
      }
    }
    const sources = [u];
    for (const s of touched) if (shared[s] >= p.minTargets) sources.push(s);
    for (const s of touched) shared[s] = 0;
    if (sources.length < p.minSources || sources.some((s) => s < u)) continue;
    for (const s of sources) inS[s] = 1;
    // Payees reached by at least two of the payers, and the transfers inside the block.
    const hits = new Map<number, number>();
    for (const s of sources) {
      for (let i = g.outOffsets[s]; i < g.outOffsets[s + 1]; i++) {
        const e = g.outEdges[i];
        if (ok[e] && !inS[g.dst[e]]) hits.set(g.dst[e], (hits.get(g.dst[e]) ?? 0) + 1);
      }
    }
    const block = new Set<number>();
    for (const [t, h] of hits) if (h >= 2) block.add(t);
    const edges: number[] = [];
    for (const s of sources) {
      for (let i = g.outOffsets[s]; i < g.outOffsets[s + 1]; i++) {
        const e = g.outEdges[i];
        if (ok[e] && block.has(g.dst[e])) edges.push(e);
      }
    }
    for (const s of sources) inS[s] = 0;
    if (block.size < p.minTargets) continue;
    const density = edges.length / (sources.length * block.size);
    if (density < p.minDensity) continue;
    edges.sort((x, y) => x - y);
    if (g.time[edges[edges.length - 1]] - g.time[edges[0]] > p.windowMs) continue;
    const roles = new Map<number, Role>();
    for (const s of sources) roles.set(s, 'source');
    for (const t of block) roles.set(t, 'sink');
    const key = [...roles.keys()].sort((x, y) => x - y).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      typology: 'bipartite',
      roles,
      edges,
      facts: { sources: sources.length, targets: block.size, density: Math.round(density * 1000) / 1000 },
    });
  }
  return out;
}
