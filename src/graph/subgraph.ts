import type { TxnGraph } from './graph.ts';
import type { Finding, Role } from './finding.ts';

/** `context`: an account of the finding's structure that is not a member (Finding.context), at hop 0 with its role. */
export interface SubgraphNode { id: string; hop: number; role: Role | null; context: boolean }
export interface SubgraphEdge { id: string; source: string; target: string; amount: number; time: number; inFinding: boolean }
export interface Subgraph { nodes: SubgraphNode[]; edges: SubgraphEdge[]; truncated: boolean }

/**
 * The neighbourhood of a finding as nodes/edges JSON a UI can draw (cytoscape, echarts): every
 * account within `hops` transfers (either direction) of a member, and the transfers among them.
 * Breadth-first, so when `maxNodes` or `maxEdges` cuts it the nearest accounts stay.
 */
export function findingSubgraph(g: TxnGraph, f: Finding, hops = 2, maxNodes = 300, maxEdges = 2000): Subgraph {
  const role = new Map([...f.context, ...f.members].map((m) => [m.account, m.role]));
  const outside = new Set(f.context.map((m) => m.account));
  const inFinding = new Set(f.transactions.map((t) => t.txnId));
  const hop = new Map<number, number>();
  let frontier: number[] = [];
  let truncated = false;
  for (const m of [...f.members, ...f.context]) {
    const n = g.nodeIndex.get(m.account);
    if (n !== undefined && !hop.has(n)) { hop.set(n, 0); frontier.push(n); }
  }
  for (let h = 1; h <= hops && frontier.length > 0; h++) {
    const next: number[] = [];
    const visit = (v: number) => {
      if (hop.has(v)) return;
      if (hop.size >= maxNodes) { truncated = true; return; }
      hop.set(v, h);
      next.push(v);
    };
    for (const u of frontier) {
      for (let i = g.outOffsets[u]; i < g.outOffsets[u + 1]; i++) visit(g.dst[g.outEdges[i]]);
      for (let i = g.inOffsets[u]; i < g.inOffsets[u + 1]; i++) visit(g.src[g.inEdges[i]]);
    }
    frontier = next;
  }
  const nodes: SubgraphNode[] = [...hop].map(([n, h]) => ({ id: g.nodeIds[n], hop: h, role: role.get(g.nodeIds[n]) ?? null, context: outside.has(g.nodeIds[n]) }));
  // Members' own accounts that never appear in the graph (shared-identifier clusters) still show.
  for (const m of f.members) if (!g.nodeIndex.has(m.account)) nodes.push({ id: m.account, hop: 0, role: m.role, context: false });
  const edges: SubgraphEdge[] = [];
  // Finding transfers first, then the rest nearest first (by the endpoints' hops).
  const candidates: number[] = [];
  for (const u of hop.keys()) {
    for (let i = g.outOffsets[u]; i < g.outOffsets[u + 1]; i++) {
      const e = g.outEdges[i];
      if (hop.has(g.dst[e])) candidates.push(e);
    }
  }
  const rank = (e: number) => (inFinding.has(g.txnIds.get(e)) ? -1 : hop.get(g.src[e])! + hop.get(g.dst[e])!);
  candidates.sort((a, b) => rank(a) - rank(b) || a - b);
  for (const e of candidates) {
    if (edges.length >= maxEdges) { truncated = true; break; }
    edges.push({
      id: g.txnIds.get(e), source: g.nodeIds[g.src[e]], target: g.nodeIds[g.dst[e]], amount: g.amount[e], time: g.time[e],
      inFinding: inFinding.has(g.txnIds.get(e)),
    });
  }
  edges.sort((a, b) => a.time - b.time);
  nodes.sort((a, b) => a.hop - b.hop || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { nodes, edges, truncated };
}
