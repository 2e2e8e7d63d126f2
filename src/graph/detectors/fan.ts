import { listMask, type TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';

type FanParams = DetectorParams['fanOut'];

/**
 * Fan-out (one account pays many new counterparties) and fan-in (many pay one) within a time
 * window: each window of `windowMs` holding [minDegree, maxDegree] distinct counterparties is one
 * candidate.
 */
export function detectFan(g: TxnGraph, ok: Uint8Array, p: FanParams, dir: 'out' | 'in'): Candidate[] {
  const out: Candidate[] = [];
  if (!p.enabled) return out;
  const off = dir === 'out' ? g.outOffsets : g.inOffsets;
  const list = dir === 'out' ? g.outEdges : g.inEdges;
  const other = dir === 'out' ? g.dst : g.src;
  const cnt = new Int32Array(g.nodeCount);
  // Usability in list order (graph.ts listMask): each hub's transfers are filtered from one contiguous run.
  const mask = listMask(g, ok)[dir];
  let buf = new Int32Array(64);
  for (let u = 0; u < g.nodeCount; u++) {
    const a = off[u], b = off[u + 1];
    if (b - a < p.minDegree) continue;
    let k = 0;
    if (buf.length < b - a) buf = new Int32Array(b - a);
    for (let i = a; i < b; i++) if (mask[i]) buf[k++] = list[i];
    if (k < p.minDegree) continue;
    // Greedy left-to-right tiling: the first window reaching minDegree distinct counterparties is
    // grown to its full length (windowMs) and reported; scanning resumes after it.
    let lo = 0;
    while (lo < k) {
      let distinct = 0, j = lo, hit = -1;
      for (; j < k && g.time[buf[j]] - g.time[buf[lo]] <= p.windowMs; j++) {
        if (cnt[other[buf[j]]]++ === 0) distinct++;
        if (distinct >= p.minDegree && hit < 0) hit = j;
      }
      for (let x = lo; x < j; x++) cnt[other[buf[x]]] = 0;
      if (hit < 0) { lo++; continue; }
      if (distinct <= p.maxDegree) {
        const edges: number[] = [];
        for (let x = lo; x < j; x++) edges.push(buf[x]);
        const roles = new Map<number, Role>();
        roles.set(u, dir === 'out' ? 'source' : 'sink');
        for (const e of edges) roles.set(other[e], 'mule');
        out.push({
          typology: dir === 'out' ? 'fan_out' : 'fan_in',
          roles,
          edges,
          facts: { degree: roles.size - 1, spanDays: (g.time[edges[edges.length - 1]] - g.time[edges[0]]) / 86_400_000 },
        });
        // A burst inside the window (a mule's fan within hours among its ordinary payments): the
        // densest burstMs sub-window holding minDegree distinct counterparties, as its own candidate.
        if (p.burstMs > 0 && p.burstMs < p.windowMs) {
          const burst = densest(g, edges, other, p.burstMs, cnt);
          if (burst && burst.length < edges.length) {
            const br = new Map<number, Role>();
            br.set(u, dir === 'out' ? 'source' : 'sink');
            for (const e of burst) br.set(other[e], 'mule');
            if (br.size - 1 >= p.minDegree && br.size < roles.size) {
              out.push({
                typology: dir === 'out' ? 'fan_out' : 'fan_in',
                roles: br,
                edges: burst,
                facts: { degree: br.size - 1, spanDays: (g.time[burst[burst.length - 1]] - g.time[burst[0]]) / 86_400_000 },
              });
            }
          }
        }
      }
      lo = j;
    }
  }
  return out;
}

/** The span-ms run of `edges` (time order) with the most distinct counterparties; `cnt` zeroed scratch, left zeroed. */
function densest(g: TxnGraph, edges: number[], other: Int32Array | Uint32Array, span: number, cnt: Int32Array): number[] | null {
  let best = 0, bi = 0, bj = 0, distinct = 0, j = 0;
  for (let i = 0; i < edges.length; i++) {
    while (j < edges.length && g.time[edges[j]] - g.time[edges[i]] <= span) { if (cnt[other[edges[j]]]++ === 0) distinct++; j++; }
    if (distinct > best) { best = distinct; bi = i; bj = j; }
    if (--cnt[other[edges[i]]] === 0) distinct--;
  }
  for (let x = 0; x < edges.length; x++) cnt[other[edges[x]]] = 0;
  return best > 0 ? edges.slice(bi, bj) : null;
}
