import { lowerBoundTime, type TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';

const DAY = 86_400_000;

/**
 * Time-ordered cycles: a → b → … → a where each transfer happens no earlier than the one before,
 * all within `windowMs` of the first, of length [minLength, maxLength]. Depth-first from every
 * usable edge, bounded by `maxExpansions` per starting edge. The same member set is reported once.
 * `forwardOnly`: each hop passes on 90–100% of the transfer before it within 2 days (a loop of
 * mules keeping a few percent; score.ts forwardShare 1), which prunes the search to such paths.
 */
export function detectCycles(g: TxnGraph, ok: Uint8Array, p: DetectorParams['cycle'], forwardOnly = false): Candidate[] {
  const out: Candidate[] = [];
  if (!p.enabled) return out;
  const seen = new Set<string>();
  const onPath = new Uint8Array(g.nodeCount);
  const path: number[] = [];
  let budget = 0;
  let start = 0, deadline = 0;

  const dfs = (x: number, tLast: number): void => {
    const a = g.outOffsets[x], b = g.outOffsets[x + 1];
    for (let i = lowerBoundTime(g, g.outEdges, a, b, tLast); i < b; i++) {
      const e = g.outEdges[i];
      if (g.time[e] > deadline) break;
      if (forwardOnly) {
        const pe = path[path.length - 1];
        if (g.time[e] - g.time[pe] > 2 * DAY) break;
        if (g.amount[e] > g.amount[pe] || g.amount[e] < 0.9 * g.amount[pe]) continue;
      }
      if (!ok[e] || --budget < 0) continue;
      const y = g.dst[e];
      if (y === start) {
        if (path.length + 1 >= p.minLength) record([...path, e]);
        continue;
      }
      if (onPath[y] || path.length + 1 >= p.maxLength) continue;
      onPath[y] = 1;
      path.push(e);
      dfs(y, g.time[e]);
      path.pop();
      onPath[y] = 0;
      if (budget < 0) return;
    }
  };

  const record = (edges: number[]): void => {
    const nodes = edges.map((e) => g.src[e]);
    const key = memberKey(nodes);
    if (seen.has(key)) return;
    seen.add(key);
    const roles = new Map<number, Role>();
    nodes.forEach((n, i) => roles.set(n, i === 0 ? 'source' : 'mule'));
    out.push({
      typology: 'cycle',
      roles,
      edges,
      facts: { length: edges.length, spanDays: (g.time[edges[edges.length - 1]] - g.time[edges[0]]) / 86_400_000 },
    });
  };

  for (let e0 = 0; e0 < g.edgeCount; e0++) {
    if (!ok[e0]) continue;
    start = g.src[e0];
    const v = g.dst[e0];
    // Times never fall along a path, so a cycle closes on a usable transfer into `start` no earlier
    // than e0 and within the window: nothing after the latest such transfer can be on a cycle.
    deadline = latestUsableIn(g, ok, start, g.time[e0], g.time[e0] + p.windowMs);
    if (deadline < 0) continue;
    budget = p.maxExpansions;
    onPath[start] = 1;
    onPath[v] = 1;
    path.push(e0);
    dfs(v, g.time[e0]);
    path.pop();
    onPath[start] = 0;
    onPath[v] = 0;
  }
  return out;
}

/** Time of the latest usable transfer into `node` within [from, to], or -1 when there is none. */
function latestUsableIn(g: TxnGraph, ok: Uint8Array, node: number, from: number, to: number): number {
  const a = g.inOffsets[node], b = g.inOffsets[node + 1];
  let end = lowerBoundTime(g, g.inEdges, a, b, to);
  while (end < b && g.time[g.inEdges[end]] <= to) end++;
  for (let i = end - 1; i >= a; i--) {
    const e = g.inEdges[i];
    if (g.time[e] < from) break;
    if (ok[e]) return g.time[e];
  }
  return -1;
}

/** A cycle's accounts as one key (the same loop found from another start edge has the same key). */
export function memberKey(nodes: Iterable<number>): string {
  return [...nodes].sort((x, y) => x - y).join(',');
}
