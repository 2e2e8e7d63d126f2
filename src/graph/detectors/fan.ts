import type { TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';

type FanParams = DetectorParams['fanOut'];

/**
 * Fan-out (one account pays many new counterparties) and fan-in (many pay one) within a sliding
 * time window. Every window whose distinct-counterparty count lies in [minDegree, maxDegree] marks
 * its edges; marked edges separated by less than the window form one candidate.
 */
export function detectFan(g: TxnGraph, ok: Uint8Array, p: FanParams, dir: 'out' | 'in'): Candidate[] {
  const out: Candidate[] = [];
  if (!p.enabled) return out;
  const off = dir === 'out' ? g.outOffsets : g.inOffsets;
  const list = dir === 'out' ? g.outEdges : g.inEdges;
  const other = dir === 'out' ? g.dst : g.src;
  const cnt = new Int32Array(g.nodeCount);
  let buf = new Int32Array(64);
  let marked = new Uint8Array(64);
  for (let u = 0; u < g.nodeCount; u++) {
    const a = off[u], b = off[u + 1];
    if (b - a < p.minDegree) continue;
    let k = 0;
    if (buf.length < b - a) { buf = new Int32Array(b - a); marked = new Uint8Array(b - a); }
    for (let i = a; i < b; i++) if (ok[list[i]]) buf[k++] = list[i];
    if (k < p.minDegree) continue;
    marked.fill(0, 0, k);
    let lo = 0, distinct = 0, any = false;
    for (let j = 0; j < k; j++) {
      const v = other[buf[j]];
      if (cnt[v]++ === 0) distinct++;
      while (g.time[buf[j]] - g.time[buf[lo]] > p.windowMs) {
        if (--cnt[other[buf[lo]]] === 0) distinct--;
        lo++;
      }
      if (distinct >= p.minDegree && distinct <= p.maxDegree) {
        for (let x = lo; x <= j; x++) marked[x] = 1;
        any = true;
      }
    }
    for (let x = lo; x < k; x++) cnt[other[buf[x]]] = 0;
    if (!any) continue;
    let cur: number[] = [];
    let lastT = -Infinity;
    const flush = () => {
      if (cur.length === 0) return;
      const roles = new Map<number, Role>();
      roles.set(u, dir === 'out' ? 'source' : 'sink');
      for (const e of cur) roles.set(other[e], 'mule');
      if (roles.size - 1 >= p.minDegree) {
        out.push({
          typology: dir === 'out' ? 'fan_out' : 'fan_in',
          roles,
          edges: cur,
          facts: { degree: roles.size - 1, spanDays: (g.time[cur[cur.length - 1]] - g.time[cur[0]]) / 86_400_000 },
        });
      }
      cur = [];
    };
    for (let j = 0; j < k; j++) {
      if (!marked[j]) continue;
      const t = g.time[buf[j]];
      if (t - lastT > p.windowMs) flush();
      cur.push(buf[j]);
      lastT = t;
    }
    flush();
  }
  return out;
}
