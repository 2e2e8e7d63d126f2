import type { TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';

/**
 * Pass-through ("flow") analysis: an account passes money through when, after receiving a batch
 * of transfers, it forwards within `hopWindowMs` a total between minForwardRatio and
 * maxForwardRatio of the batch (a mule keeps a small cut, TYPOLOGIES TF-12). The union of those
 * receipts and forwards forms flow components; their shape (layers, width of the middle) is what
 * scatter-gather, gather-scatter and stack detectors classify.
 */
/** One pass-through: `mid` received `ins` and forwarded `outs` (edge ids, time order). */
export interface FlowEvent { mid: number; ins: number[]; outs: number[]; received: number; forwarded: number }

export interface FlowAnalysis {
  events: FlowEvent[];
  /** Edge id → index of the event that received it (-1 when none). */
  inEvent: Int32Array;
  /** Edge id → index of the event that forwarded it (-1 when none). */
  outEvent: Int32Array;
}

export function flowEvents(g: TxnGraph, ok: Uint8Array, p: DetectorParams['flow']): FlowAnalysis {
  const events: FlowEvent[] = [];
  const inEvent = new Int32Array(g.edgeCount).fill(-1);
  const outEvent = new Int32Array(g.edgeCount).fill(-1);
  const ins: number[] = [];
  const outs: number[] = [];
  for (let m = 0; m < g.nodeCount; m++) {
    ins.length = 0;
    outs.length = 0;
    for (let i = g.inOffsets[m]; i < g.inOffsets[m + 1]; i++) if (ok[g.inEdges[i]]) ins.push(g.inEdges[i]);
    if (ins.length === 0 || ins.length > p.maxDegree) continue;
    for (let i = g.outOffsets[m]; i < g.outOffsets[m + 1]; i++) if (ok[g.outEdges[i]]) outs.push(g.outEdges[i]);
    if (outs.length === 0 || outs.length > p.maxDegree) continue;
    let oFrom = 0;
    for (let i = 0; i < ins.length; i++) {
      let inSum = 0;
      for (let j = i; j < ins.length && j - i < p.maxBatch; j++) {
        const tj = g.time[ins[j]];
        if (tj - g.time[ins[i]] > p.hopWindowMs) break;
        inSum += g.amount[ins[j]];
        let o = oFrom;
        while (o < outs.length && g.time[outs[o]] < tj) o++;
        let outSum = 0, k = o;
        for (; k < outs.length && g.time[outs[k]] - tj <= p.hopWindowMs; k++) {
          outSum += g.amount[outs[k]];
          if (outSum >= p.minForwardRatio * inSum) break;
        }
        if (k < outs.length && outSum >= p.minForwardRatio * inSum && outSum <= p.maxForwardRatio * inSum) {
          const ev: FlowEvent = { mid: m, ins: ins.slice(i, j + 1), outs: outs.slice(o, k + 1), received: inSum, forwarded: outSum };
          for (const e of ev.ins) inEvent[e] = events.length;
          for (const e of ev.outs) outEvent[e] = events.length;
          events.push(ev);
          oFrom = k + 1;
          i = j;
          break;
        }
      }
    }
  }
  return { events, inEvent, outEvent };
}

function candidate(g: TxnGraph, typology: Candidate['typology'], evs: FlowEvent[], edges: number[]): Candidate {
  const mids = new Set(evs.map((e) => e.mid));
  const roles = new Map<number, Role>();
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const hasIn = new Set<number>();
  for (const e of sorted) hasIn.add(g.dst[e]);
  for (const e of sorted) {
    for (const n of [g.src[e], g.dst[e]]) {
      if (roles.has(n)) continue;
      roles.set(n, mids.has(n) ? 'mule' : hasIn.has(n) ? 'sink' : 'source');
    }
  }
  // Longest time-respecting chain (edge ids are in time order).
  const depth = new Map<number, number>();
  let maxDepth = 0;
  for (const e of sorted) {
    const d = (depth.get(g.src[e]) ?? 0) + 1;
    if (d > (depth.get(g.dst[e]) ?? 0)) depth.set(g.dst[e], d);
    if (d > maxDepth) maxDepth = d;
  }
  let r = 0, f = 0;
  for (const ev of evs) { r += ev.received; f += ev.forwarded; }
  let sources = 0, sinks = 0;
  for (const role of roles.values()) { if (role === 'source') sources++; else if (role === 'sink') sinks++; }
  return {
    typology,
    roles,
    edges: sorted,
    facts: {
      layers: maxDepth + 1, sources, middles: mids.size, sinks, forwardRatio: r > 0 ? Math.round((f / r) * 1000) / 1000 : 0,
    },
  };
}

/**
 * Stack (layered chains): pass-through events linked because one event forwards a transfer that
 * the next event receives; kept when the chain has at least minLayers layers.
 */
export function detectStack(g: TxnGraph, fa: FlowAnalysis, p: DetectorParams): Candidate[] {
  if (!p.stack.enabled) return [];
  const n = fa.events.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  fa.events.forEach((ev, i) => {
    for (const e of ev.outs) {
      const j = fa.inEvent[e];
      if (j >= 0) { const a = find(i), b = find(j); if (a !== b) parent[a] = b; }
    }
  });
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (r === i && groups.has(r)) continue;
    const list = groups.get(r);
    if (list) list.push(i);
    else groups.set(r, [i]);
  }
  const out: Candidate[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const evs = list.map((i) => fa.events[i]);
    const c = candidate(g, 'stack', evs, evs.flatMap((ev) => [...ev.ins, ...ev.outs]));
    if (c.roles.size > p.flow.maxMembers) continue;
    if (c.facts.layers >= p.stack.minLayers && c.roles.size >= p.stack.minMembers) out.push(c);
  }
  return out;
}

/**
 * Scatter-gather: several pass-through accounts forward to the same sink; the sources that fed
 * them are fewer than the middle accounts (money split out, then collected again).
 */
export function detectScatterGather(g: TxnGraph, fa: FlowAnalysis, p: DetectorParams): Candidate[] {
  if (!p.scatterGather.enabled) return [];
  const bySink = new Map<number, Set<number>>();
  fa.events.forEach((ev, i) => {
    for (const e of ev.outs) {
      let s = bySink.get(g.dst[e]);
      if (!s) bySink.set(g.dst[e], (s = new Set()));
      s.add(i);
    }
  });
  const out: Candidate[] = [];
  for (const [sink, evIdx] of bySink) {
    const evs = [...evIdx].map((i) => fa.events[i]).filter((ev) => ev.mid !== sink);
    const mids = new Set(evs.map((ev) => ev.mid));
    if (mids.size < p.scatterGather.minMiddle) continue;
    const edges: number[] = [];
    const sources = new Set<number>();
    for (const ev of evs) {
      for (const e of ev.ins) if (g.src[e] !== sink) { edges.push(e); sources.add(g.src[e]); }
      for (const e of ev.outs) if (g.dst[e] === sink) edges.push(e);
    }
    if (sources.size > mids.size || mids.size + sources.size + 1 > p.flow.maxMembers) continue;
    out.push(candidate(g, 'scatter_gather', evs, edges));
  }
  return out;
}

/** Gather-scatter: one pass-through account gathers from ≥ minIn payers and scatters to ≥ minOut payees. */
export function detectGatherScatter(g: TxnGraph, fa: FlowAnalysis, p: DetectorParams): Candidate[] {
  if (!p.gatherScatter.enabled) return [];
  const out: Candidate[] = [];
  for (const ev of fa.events) {
    const ins = new Set(ev.ins.map((e) => g.src[e]));
    const outs = new Set(ev.outs.map((e) => g.dst[e]));
    if (ins.size < p.gatherScatter.minIn || outs.size < p.gatherScatter.minOut) continue;
    out.push(candidate(g, 'gather_scatter', [ev], [...ev.ins, ...ev.outs]));
  }
  return out;
}
