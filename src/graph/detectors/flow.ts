import { listMask, type TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';
import { matchInterleaved } from './flow-interleaved.ts';

/**
 * Pass-through ("flow") analysis: an account passes money through when, after receiving a batch
 * of transfers, it forwards within `hopWindowMs` a total between minForwardRatio and
 * maxForwardRatio of the batch (a mule keeps a small cut, TYPOLOGIES TF-12), or forwards exactly
 * the centre of that band of a few receipts whatever falls between them (flow-interleaved.ts). The union of those
 * receipts and forwards forms flow components; their shape (layers, width of the middle) is what
 * scatter-gather, gather-scatter and stack detectors classify.
 */
/** One pass-through: `mid` received `ins` and forwarded `outs` (edge ids, time order). */
export interface FlowEvent {
  mid: number; ins: number[]; outs: number[]; received: number; forwarded: number;
  /** Found by the exact-cut matching over interleaved transfers (flow-interleaved.ts). */
  exact?: boolean;
  /** Forwarded above the band (flow.wideMaxForwardRatio). */
  wide?: boolean;
}

export interface FlowAnalysis {
  events: FlowEvent[];
  /** Edge id → index of the event that received it (-1 when none). */
  inEvent: Int32Array;
  /** Edge id → index of the event that forwarded it (-1 when none). */
  outEvent: Int32Array;
}

interface Match { i: number; j: number; a: number; k: number; cost: number; inSum: number; sum: number }
/** Bound on the possible pass-throughs considered per account (keeps busy accounts linear). */
const MAX_MATCHES = 5_000;

export function flowEvents(g: TxnGraph, ok: Uint8Array, p: DetectorParams['flow']): FlowAnalysis {
  const events: FlowEvent[] = [];
  const inEvent = new Int32Array(g.edgeCount).fill(-1);
  const outEvent = new Int32Array(g.edgeCount).fill(-1);
  const ins: number[] = [];
  const outs: number[] = [];
  let usedOut = new Uint8Array(64), usedIn = new Uint8Array(64);
  const matches: Match[] = [];
  // Usability in list order (graph.ts listMask): each account's transfers are filtered from one contiguous run.
  const { out: outOk, in: inOk } = listMask(g, ok);
  for (let m = 0; m < g.nodeCount; m++) {
    ins.length = 0;
    outs.length = 0;
    for (let i = g.inOffsets[m]; i < g.inOffsets[m + 1]; i++) if (inOk[i]) ins.push(g.inEdges[i]);
    if (ins.length === 0 || ins.length > p.maxDegree) continue;
    for (let i = g.outOffsets[m]; i < g.outOffsets[m + 1]; i++) if (outOk[i]) outs.push(g.outEdges[i]);
    if (outs.length === 0 || outs.length > p.maxDegree) continue;
    if (usedOut.length < outs.length) usedOut = new Uint8Array(outs.length);
    if (usedIn.length < ins.length) usedIn = new Uint8Array(ins.length);
    usedOut.fill(0, 0, outs.length);
    usedIn.fill(0, 0, ins.length);
    // Exact cuts over interleaved transfers first (flow-interleaved.ts): far less often a
    // coincidence than a band over consecutive transfers, so they keep their transfers.
    const exact = matchInterleaved(g, ins, outs, usedIn, usedOut, p);
    // Then every (run of receipts, later run of forwards) whose totals are in the band is a possible
    // pass-through: at most maxBatch receipts within one hop window, forwards contiguous within the
    // hop window after the last receipt. The most parsimonious explanations win (fewest transfers,
    // then the ratio nearest the middle of the band, then the shortest delay) and a transfer
    // belongs to one pass-through at most: coincidental sums over long runs of a busy account's
    // unrelated payments lose to the one receipt → one forward of a mule. Transfers explained by an
    // exact cut are taken.
    matches.length = 0;
    const mid = (p.minForwardRatio + p.maxForwardRatio) / 2;
    const maxRatio = Math.max(p.maxForwardRatio, p.wideMaxForwardRatio);
    // Matches in the wide band (flow.wideMaxForwardRatio) come after every match in the band: they
    // only take transfers the band left unexplained, so the band's pass-throughs stay as they were.
    const widePenalty = 2 * p.maxBatch + 2;
    for (let i = 0; i < ins.length && matches.length < MAX_MATCHES; i++) {
      let inSum = 0;
      let o = 0;
      for (let j = i; j < ins.length && j - i < p.maxBatch; j++) {
        const tj = g.time[ins[j]];
        if (tj - g.time[ins[i]] > p.hopWindowMs) break;
        inSum += g.amount[ins[j]];
        const lo = p.minForwardRatio * inSum, hi = maxRatio * inSum;
        while (o < outs.length && g.time[outs[o]] < tj) o++;
        for (let a = o; a < outs.length && g.time[outs[a]] - tj <= p.hopWindowMs; a++) {
          let sum = 0;
          for (let k = a; k < outs.length && k - a < p.maxBatch && g.time[outs[k]] - tj <= p.hopWindowMs; k++) {
            sum += g.amount[outs[k]];
            if (sum > hi) break;
            if (sum >= lo) {
              const wide = sum > p.maxForwardRatio * inSum ? widePenalty : 0;
              const cost = wide + (j - i + 1) + (k - a + 1) + Math.abs(sum / inSum - mid) + (g.time[outs[k]] - tj) / (p.hopWindowMs + 1) / 10;
              matches.push({ i, j, a, k, cost, inSum, sum });
            }
          }
        }
      }
    }
    matches.sort((x, y) => x.cost - y.cost || x.i - y.i || x.a - y.a);
    const accepted: Match[] = [];
    for (const mt of matches) {
      let free = true;
      for (let x = mt.i; x <= mt.j && free; x++) if (usedIn[x]) free = false;
      for (let x = mt.a; x <= mt.k && free; x++) if (usedOut[x]) free = false;
      if (!free) continue;
      for (let x = mt.i; x <= mt.j; x++) usedIn[x] = 1;
      for (let x = mt.a; x <= mt.k; x++) usedOut[x] = 1;
      accepted.push(mt);
    }
    accepted.sort((x, y) => x.i - y.i);
    for (const mt of accepted) {
      const ev: FlowEvent = { mid: m, ins: ins.slice(mt.i, mt.j + 1), outs: outs.slice(mt.a, mt.k + 1), received: mt.inSum, forwarded: mt.sum };
      if (mt.sum > p.maxForwardRatio * mt.inSum) ev.wide = true;
      for (const e of ev.ins) inEvent[e] = events.length;
      for (const e of ev.outs) outEvent[e] = events.length;
      events.push(ev);
    }
    for (const mt of exact) {
      const ev: FlowEvent = { mid: m, ins: mt.ins, outs: mt.outs, received: mt.inSum, forwarded: mt.sum, exact: true };
      for (const e of ev.ins) inEvent[e] = events.length;
      for (const e of ev.outs) outEvent[e] = events.length;
      events.push(ev);
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
  const place = (n: number) => { if (!roles.has(n)) roles.set(n, mids.has(n) ? 'mule' : hasIn.has(n) ? 'sink' : 'source'); };
  for (const e of sorted) { place(g.src[e]); place(g.dst[e]); }
  // Longest time-respecting chain (edge ids are in time order).
  const depth = new Map<number, number>();
  let maxDepth = 0;
  for (const e of sorted) {
    const d = (depth.get(g.src[e]) ?? 0) + 1;
    if (d > (depth.get(g.dst[e]) ?? 0)) depth.set(g.dst[e], d);
    if (d > maxDepth) maxDepth = d;
  }
  let r = 0, f = 0, exact = 0;
  for (const ev of evs) { r += ev.received; f += ev.forwarded; if (ev.exact) exact++; }
  let sources = 0, sinks = 0;
  for (const role of roles.values()) { if (role === 'source') sources++; else if (role === 'sink') sinks++; }
  return {
    typology,
    roles,
    edges: sorted,
    facts: {
      layers: maxDepth + 1, sources, middles: mids.size, sinks, forwardRatio: r > 0 ? Math.round((f / r) * 1000) / 1000 : 0,
      exactShare: evs.length ? exact / evs.length : 0,
    },
  };
}

/**
 * The flow structure around each pass-through event (its seed): events of the same account or
 * sharing a payer or a payee with the seed within one hop window (the other middle accounts of a scatter or a gather),
 * then events chained to those (one forwards what the next receives) while the structure stays
 * within `windowMs` of the seed and under `maxMembers` accounts. Local rather than global
 * components: rings reuse their mules, so global components chain every ring (and much normal
 * traffic) into one. Shared accounts in more than `maxLinkEvents` events (merchants) link nothing.
 * Identical structures from different seeds are returned once.
 */
export function flowStructures(
  g: TxnGraph, fa: FlowAnalysis, p: DetectorParams['flow'], chain: boolean, maxLinkEvents = 12,
): FlowEvent[][] {
  const evTime = fa.events.map((ev) => g.time[ev.ins[0]]);
  const payerOf = new Map<number, number[]>();
  const payeeOf = new Map<number, number[]>();
  const eventsOf = new Map<number, number[]>();
  const add = (m: Map<number, number[]>, k: number, v: number) => {
    const l = m.get(k);
    if (!l) m.set(k, [v]);
    else if (l[l.length - 1] !== v) l.push(v);
  };
  fa.events.forEach((ev, i) => {
    add(eventsOf, ev.mid, i);
    for (const e of ev.ins) add(payerOf, g.src[e], i);
    for (const e of ev.outs) add(payeeOf, g.dst[e], i);
  });
  const seen = new Set<string>();
  const out: FlowEvent[][] = [];
  // Per seed: its structure's events in the order they join (`set`, also the chaining queue), the
  // events reached through a payer, and the accounts involved, as arrays stamped with the seed's
  // index instead of Sets made per seed (one seed per pass-through event, hundreds of thousands).
  const E = fa.events.length;
  const inSet = new Int32Array(E).fill(-1), byPayer = new Int32Array(E).fill(-1), byPayee = new Int32Array(E).fill(-1);
  const memberOf = new Int32Array(g.nodeCount).fill(-1);
  const set: number[] = [], payerList: number[] = [];
  let members = 0, seedIndex = -1, t0 = 0;
  const join = (j: number) => { if (inSet[j] !== seedIndex) { inSet[j] = seedIndex; set.push(j); } };
  const viaPayer = (j: number) => { if (byPayer[j] !== seedIndex) { byPayer[j] = seedIndex; payerList.push(j); } };
  const viaPayee = (j: number) => { byPayee[j] = seedIndex; };
  // Events listed under `node` within one hop window of the seed (none when the node is in more than maxLinkEvents).
  const near = (m: Map<number, number[]>, node: number, visit: (j: number) => void) => {
    const l = m.get(node);
    if (!l || l.length > maxLinkEvents) return;
    for (const j of l) if (Math.abs(evTime[j] - t0) <= p.hopWindowMs) visit(j);
  };
  const member = (n: number) => { if (memberOf[n] !== seedIndex) { memberOf[n] = seedIndex; members++; } };
  const addMembers = (ev: FlowEvent) => {
    for (const e of ev.ins) { member(g.src[e]); member(g.dst[e]); }
    for (const e of ev.outs) { member(g.src[e]); member(g.dst[e]); }
  };
  for (let i = 0; i < E; i++) {
    const seed = fa.events[i];
    seedIndex = i;
    t0 = evTime[i];
    set.length = 0;
    payerList.length = 0;
    members = 0;
    join(i);
    near(eventsOf, seed.mid, join);
    // Other middle accounts join when they share both a payer and a payee with the seed.
    for (const e of seed.ins) near(payerOf, g.src[e], viaPayer);
    for (const e of seed.outs) near(payeeOf, g.dst[e], viaPayee);
    for (const j of payerList) if (byPayee[j] === i) join(j);
    for (let q = 0, n0 = set.length; q < n0; q++) addMembers(fa.events[set[q]]);
    for (let q = 0; chain && q < set.length && members <= p.maxMembers; q++) {
      const ev = fa.events[set[q]];
      const next: number[] = [];
      for (const e of ev.outs) if (fa.inEvent[e] >= 0) next.push(fa.inEvent[e]);
      for (const e of ev.ins) if (fa.outEvent[e] >= 0) next.push(fa.outEvent[e]);
      for (const j of next) {
        if (inSet[j] === i || Math.abs(evTime[j] - t0) > p.windowMs) continue;
        join(j);
        addMembers(fa.events[j]);
      }
    }
    if (members > p.maxMembers) continue;
    const key = set.slice().sort((x, y) => x - y).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(set.map((k) => fa.events[k]));
  }
  return out;
}

/**
 * Classifies flow structures. Stack (layered chain): the chained structure around a seed has at
 * least stack.minLayers layers. Without chaining, the seed and its siblings form three layers
 * (payers → pass-through accounts → payees): scatter-gather when the payees are fewer than the
 * middle accounts (money split out, then collected), gather-scatter when they are not.
 */
export function detectFlowTypologies(g: TxnGraph, fa0: FlowAnalysis, p: DetectorParams): Candidate[] {
  const out: Candidate[] = [];
  // Pass-throughs of the wide band form structures of their own, and only scatter-gathers: mixed
  // with the band's they grew and reclassified AMLGentex rings (stack, scatter-gather and gather-scatter
  // rings lost on the train folds), and wide stacks and gather-scatters cost a fan-out ring there
  // and held no more demo patterns.
  const anyWide = fa0.events.some((ev) => ev.wide);
  const fa = anyWide ? subAnalysis(g, fa0, (ev) => !ev.wide) : fa0;
  const edgesOf = (evs: FlowEvent[]) => evs.flatMap((ev) => [...ev.ins, ...ev.outs]);
  if (p.stack.enabled) {
    for (const evs of flowStructures(g, fa, p.flow, true)) {
      if (evs.length < 2) continue;
      const c = candidate(g, 'stack', evs, edgesOf(evs));
      if (c.facts.layers >= p.stack.minLayers && c.roles.size >= p.stack.minMembers) out.push(c);
    }
  }
  for (const evs of flowStructures(g, fa, p.flow, false)) {
    const c = candidate(g, 'scatter_gather', evs, edgesOf(evs));
    const { layers, sources, middles, sinks } = c.facts;
    if (layers !== 3) continue;
    if (sinks < middles && sources <= middles) {
      if (p.scatterGather.enabled && middles >= p.scatterGather.minMiddle) out.push(c);
    } else if (p.gatherScatter.enabled && sources >= p.gatherScatter.minIn && sinks >= p.gatherScatter.minOut) {
      out.push({ ...c, typology: 'gather_scatter' });
    }
  }
  if (anyWide && p.scatterGather.enabled) {
    const wide = subAnalysis(g, fa0, (ev) => ev.wide === true);
    for (const evs of flowStructures(g, wide, p.flow, false)) {
      const c = candidate(g, 'scatter_gather', evs, edgesOf(evs));
      const { layers, sources, middles, sinks } = c.facts;
      if (layers === 3 && sinks < middles && sources <= middles && middles >= p.scatterGather.minMiddle) out.push(c);
    }
  }
  return out;
}

/** The analysis restricted to the events `keep` accepts. */
function subAnalysis(g: TxnGraph, fa: FlowAnalysis, keep: (ev: FlowEvent) => boolean): FlowAnalysis {
  const events = fa.events.filter(keep);
  const inEvent = new Int32Array(g.edgeCount).fill(-1), outEvent = new Int32Array(g.edgeCount).fill(-1);
  events.forEach((ev, i) => { for (const e of ev.ins) inEvent[e] = i; for (const e of ev.outs) outEvent[e] = i; });
  return { events, inEvent, outEvent };
}
