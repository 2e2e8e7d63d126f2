import { listColumns, listMask, lowerBound, outResumePositions, type TxnGraph } from '../graph.ts';
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
  const onPath = new Uint8Array(g.nodeCount);
  // Each node's out-transfers' times, payees and usability in the order of outEdges (graph.ts
  // listColumns, listMask): the search reads a node's transfers as one contiguous run; likewise the
  // in-transfers' times.
  const { outOffsets, inOffsets } = g;
  const { outTime, outDst, inTime } = listColumns(g);
  const { out: outOk, in: inOk } = listMask(g, ok);
  const { outEdges, amount } = g;
  // Where the search goes on in the payee's run after each transfer (graph.ts outResumePositions).
  const resume = outResumePositions(g);
  // The path: its transfers (positions in outEdges, except the first, an edge id), their times and
  // amounts, and per depth the next position to try and the end of that node's run.
  const maxDepth = Math.max(1, p.maxLength);
  const path = new Int32Array(maxDepth + 1), pathTime = new Float64Array(maxDepth + 1), pathAmount = new Float64Array(maxDepth + 1);
  const next = new Int32Array(maxDepth + 1), end = new Int32Array(maxDepth + 1);

  // The first cycle found of each member set, by (start edge, order found within its search): the
  // searches run grouped by start account (its in-transfers stay in cache for all its start
  // edges) and are independent (own budget, own path), so the cycles kept, and their order, are
  // those of a search in edge order.
  const first = new Map<string, { e0: number; seq: number; edges: number[]; nodes: number[] }>();
  let seq = 0;
  const record = (e0: number, depth: number, last: number): void => {
    const edges: number[] = [e0];
    for (let d = 1; d < depth; d++) edges.push(g.outEdges[path[d]]);
    edges.push(g.outEdges[last]);
    const nodes = edges.map((e) => g.src[e]);
    const key = memberKey(nodes);
    const known = first.get(key);
    if (known && known.e0 <= e0) return;
    first.set(key, { e0, seq: seq++, edges, nodes });
  };

  for (let start = 0; start < g.nodeCount; start++) for (let j0 = outOffsets[start]; j0 < outOffsets[start + 1]; j0++) {
    if (!outOk[j0]) continue;
    const e0 = outEdges[j0];
    const v = outDst[j0];
    // Times never fall along a path, so a cycle closes on a usable transfer into `start` no earlier
    // than e0 and within the window: nothing after the latest such transfer can be on a cycle.
    const deadline = latestUsableIn(inTime, inOk, inOffsets[start], inOffsets[start + 1], outTime[j0], outTime[j0] + p.windowMs);
    if (deadline < 0) continue;
    let budget = p.maxExpansions;
    onPath[start] = 1;
    onPath[v] = 1;
    path[0] = e0; pathTime[0] = outTime[j0]; pathAmount[0] = forwardOnly ? amount[e0] : 0;
    // Depth-first, iteratively: at depth d the path holds d transfers and the search scans the
    // out-transfers of the last one's payee, in time order from the path's last time. Expanding a
    // usable transfer costs one unit of the budget; once it is spent the search from e0 ends
    // (nothing more can be recorded from it).
    let depth = 1;
    next[1] = resume[j0];
    end[1] = outOffsets[v + 1];
    search: while (depth > 0) {
      const b = end[depth];
      let i = next[depth];
      let down = false;
      for (; i < b; i++) {
        const t = outTime[i];
        if (t > deadline) break;
        if (forwardOnly) {
          const pa = pathAmount[depth - 1], a = amount[outEdges[i]];
          if (t - pathTime[depth - 1] > 2 * DAY) break;
          if (a > pa || a < 0.9 * pa) continue;
        }
        if (!outOk[i]) continue;
        if (--budget < 0) break search;
        const y = outDst[i];
        if (y === start) {
          if (depth + 1 >= p.minLength) record(e0, depth, i);
          continue;
        }
        if (onPath[y] || depth + 1 >= p.maxLength) continue;
        onPath[y] = 1;
        path[depth] = i; pathTime[depth] = t; pathAmount[depth] = forwardOnly ? amount[outEdges[i]] : 0;
        next[depth] = i + 1;
        depth++;
        next[depth] = resume[i];
        end[depth] = outOffsets[y + 1];
        down = true;
        break;
      }
      if (down) continue;
      // This node's transfers are done: back to the one before it.
      depth--;
      if (depth > 0) onPath[outDst[path[depth]]] = 0;
    }
    for (let d = 1; d < depth; d++) onPath[outDst[path[d]]] = 0;
    onPath[start] = 0;
    onPath[v] = 0;
  }
  const kept = [...first.values()].sort((a, b) => a.e0 - b.e0 || a.seq - b.seq);
  for (const { edges, nodes } of kept) {
    const roles = new Map<number, Role>();
    nodes.forEach((n, i) => roles.set(n, i === 0 ? 'source' : 'mule'));
    out.push({
      typology: 'cycle',
      roles,
      edges,
      facts: { length: edges.length, spanDays: (g.time[edges[edges.length - 1]] - g.time[edges[0]]) / 86_400_000 },
    });
  }
  return out;
}

/** Latest usable time within [from, to] in a node's in-transfers [a, b), or -1 when there is none. */
function latestUsableIn(inTime: Float64Array, inOk: Uint8Array, a: number, b: number, from: number, to: number): number {
  let end = lowerBound(inTime, a, b, to);
  while (end < b && inTime[end] <= to) end++;
  for (let i = end - 1; i >= a; i--) {
    if (inTime[i] < from) break;
    if (inOk[i]) return inTime[i];
  }
  return -1;
}

/** A cycle's accounts as one key (the same loop found from another start edge has the same key). */
export function memberKey(nodes: Iterable<number>): string {
  return [...nodes].sort((x, y) => x - y).join(',');
}
