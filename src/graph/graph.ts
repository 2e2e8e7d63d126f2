import { Interner } from '../engine/state/interner.ts';
import { PackedStrings } from './packed-strings.ts';

/**
 * A compact transaction graph for one time window: typed arrays in CSR form (no object per edge).
 *
 * Edge ids are positions in time order (ties keep input order). `outOffsets`/`outEdges` list each
 * node's outgoing edge ids in time order; `inOffsets`/`inEdges` the incoming ones. `pairCount[e]` is
 * how many edges of the window join the same ordered (src, dst) pair — one-off transfers to a
 * counterparty are what rings are built from, recurring payments (rent, salary) are not.
 *
 * Written by hand because graphology keeps an object per edge and attribute maps, ~20× the memory
 * of these arrays at 5 M edges; graphology is still used for Louvain on the small finding graph.
 */
export interface GraphEdgeInput {
  txnId: string;
  src: string;
  dst: string;
  /** Amount in minor units (integer in production; any finite number is accepted). */
  amount: number;
  /** UTC epoch milliseconds. */
  time: number;
}

export interface TxnGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Account id of each node index. */
  readonly nodeIds: string[];
  readonly nodeIndex: Map<string, number>;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly amount: Float64Array;
  readonly time: Float64Array;
  /** Transaction id of each edge (`txnIds.get(e)`). */
  readonly txnIds: PackedStrings;
  readonly pairCount: Uint16Array;
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
}

class GrowInt32 {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}
class GrowFloat64 {
  a = new Float64Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** Builds the graph; self-transfers (src = dst) and non-finite amounts/times are skipped. */
export function buildGraph(edges: Iterable<GraphEdgeInput>): TxnGraph {
  const b = new GraphBuilder();
  for (const e of edges) b.add(e);
  return b.build();
}

/**
 * The graph built one transfer at a time (`add`, then `build` once), for sources that hand rows
 * over asynchronously (a store's pages): nothing of a row is kept but its columns, so rows read
 * from the store die young instead of being held all at once until the build.
 */
export class GraphBuilder {
  // Account ids to node numbers in order of first appearance, through the scoring engine's interner
  // (an open-addressing table over the ids' characters): every transfer brings two fresh id strings,
  // and a Map<string, number> spent ~13 s of ~60 on them at 5,000,000 transfers (~3.6 s this way).
  private readonly interner = new Interner();
  private readonly s = new GrowInt32();
  private readonly d = new GrowInt32();
  private readonly amt = new GrowFloat64();
  private readonly tm = new GrowFloat64();
  private readonly ids = new PackedStrings();
  private sorted = true;
  private lastT = -Infinity;
  private built = false;

  /** Adds one transfer (self-transfers and non-finite amounts or times are skipped). */
  add(e: GraphEdgeInput): void {
    if (this.built) throw new Error('GraphBuilder.add after build');
    if (e.src === e.dst || !Number.isFinite(e.amount) || !Number.isFinite(e.time)) return;
    this.s.push(this.interner.id(e.src));
    this.d.push(this.interner.id(e.dst));
    this.amt.push(e.amount);
    this.tm.push(e.time);
    this.ids.append(e.txnId);
    if (e.time < this.lastT) this.sorted = false;
    this.lastT = e.time;
  }

  build(): TxnGraph {
    if (this.built) throw new Error('GraphBuilder.build called twice');
    this.built = true;
    const m = this.s.n;
    const nodeIds = this.interner.keys;
    const nodeIndex = new Map<string, number>();
    for (let i = 0; i < nodeIds.length; i++) nodeIndex.set(nodeIds[i], i);
    let src = this.s.a.subarray(0, m);
    let dst = this.d.a.subarray(0, m);
    let amount = this.amt.a.subarray(0, m);
    let time = this.tm.a.subarray(0, m);
    let txnIds = this.ids;
    if (!this.sorted) {
      const order = sortByTime(time);
      const s2 = new Int32Array(m), d2 = new Int32Array(m), a2 = new Float64Array(m), t2 = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const o = order[i];
        s2[i] = src[o]; d2[i] = dst[o]; a2[i] = amount[o]; t2[i] = time[o];
      }
      src = s2; dst = d2; amount = a2; time = t2; txnIds = txnIds.permuted(order);
    } else {
      src = src.slice(); dst = dst.slice(); amount = amount.slice(); time = time.slice();
    }
    const n = nodeIds.length;
    const [outOffsets, outEdges] = csr(n, src);
    const [inOffsets, inEdges] = csr(n, dst);
    const pairCount = countPairs(n, outOffsets, outEdges, dst);
    return {
      nodeCount: n, edgeCount: m, nodeIds, nodeIndex, src, dst, amount, time, txnIds, pairCount,
      outOffsets, outEdges, inOffsets, inEdges,
    };
  }
}

/**
 * Stable permutation sorting `time`. Integer times (epoch ms) use an LSD radix sort on the offset
 * from the minimum (16-bit digits, O(n) per digit: ~20× faster than a comparator sort at 5 M);
 * anything else falls back to a comparator sort.
 */
export function sortByTime(time: Float64Array): Int32Array {
  const m = time.length;
  let order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  let min = Infinity, max = -Infinity, integral = true;
  for (let i = 0; i < m; i++) {
    const t = time[i];
    if (t < min) min = t;
    if (t > max) max = t;
    if (integral && !Number.isInteger(t)) integral = false;
  }
  if (!integral || max - min > 2 ** 48) {
    return order.sort((a, b) => time[a] - time[b] || a - b);
  }
  let tmp = new Int32Array(m);
  const count = new Int32Array(65_537);
  const digit = new Uint16Array(m);
  for (let div = 1, range = max - min; div === 1 || range >= div; div *= 65_536) {
    for (let i = 0; i < m; i++) digit[i] = Math.floor((time[i] - min) / div) % 65_536;
    count.fill(0);
    for (let i = 0; i < m; i++) count[digit[order[i]] + 1]++;
    for (let d = 0; d < 65_536; d++) count[d + 1] += count[d];
    for (let i = 0; i < m; i++) { const o = order[i]; tmp[count[digit[o]]++] = o; }
    [order, tmp] = [tmp, order];
  }
  return order;
}

/** Counting sort of edge ids by `key` node; stable, so each node's list stays in time order. */
function csr(n: number, key: Int32Array): [Int32Array, Int32Array] {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < key.length; e++) offsets[key[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const list = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) list[fill[key[e]]++] = e;
  return [offsets, list];
}

function countPairs(n: number, off: Int32Array, list: Int32Array, dst: Int32Array): Uint16Array {
  const out = new Uint16Array(dst.length);
  const stamp = new Int32Array(n).fill(-1);
  const cnt = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let k = off[u]; k < off[u + 1]; k++) {
      const v = dst[list[k]];
      if (stamp[v] !== u) { stamp[v] = u; cnt[v] = 0; }
      cnt[v]++;
    }
    for (let k = off[u]; k < off[u + 1]; k++) out[list[k]] = Math.min(cnt[dst[list[k]]], 65535);
  }
  return out;
}

/** First position in [lo, hi) of a list-order time column (listColumns: outTime, inTime) whose time is ≥ t. */
export function lowerBound(time: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Edge columns in the order of the CSR lists: `outTime[i]` is the time of edge `outEdges[i]`, and
 * so on. A detector scanning a node's transfers then reads one contiguous run of each column
 * instead of jumping through the edge-ordered columns (a cache miss per transfer at millions of
 * edges). Built once per graph, on first use (~120 MB at 5,000,000 edges).
 */
export interface ListColumns { outTime: Float64Array; outDst: Int32Array; inTime: Float64Array; inSrc: Int32Array }

const listColumnCache = new WeakMap<TxnGraph, ListColumns>();

export function listColumns(g: TxnGraph): ListColumns {
  let c = listColumnCache.get(g);
  if (c) return c;
  const m = g.edgeCount;
  const outTime = new Float64Array(m), outDst = new Int32Array(m), inTime = new Float64Array(m), inSrc = new Int32Array(m);
  // The counting sort of csr() again, edges in id order: each edge lands at its position in
  // outEdges (inEdges), and reading the edge columns in order is far cheaper than at random.
  const fillOut = g.outOffsets.slice(0, g.nodeCount), fillIn = g.inOffsets.slice(0, g.nodeCount);
  for (let e = 0; e < m; e++) {
    const t = g.time[e], s = g.src[e], d = g.dst[e];
    const po = fillOut[s]++, pi = fillIn[d]++;
    outTime[po] = t; outDst[po] = d;
    inTime[pi] = t; inSrc[pi] = s;
  }
  c = { outTime, outDst, inTime, inSrc };
  listColumnCache.set(g, c);
  return c;
}

const resumeCache = new WeakMap<TxnGraph, Int32Array>();

/**
 * For each position i of the out-lists (a transfer x → y at time t), the first position of y's
 * out-list at or after t: where a time-ordered walk that arrives at y by that transfer goes on
 * (`lowerBound(outTime, outOffsets[y], outOffsets[y + 1], t)`, found for every transfer at once by
 * merging each node's in- and out-lists). Cached per graph. The cycle search looked it up by binary
 * search at every step down, 250 million searches over lists of 77 transfers on average (28% of
 * mining a 1,000,000-transfer demo bank, docs/rings.md "Performance").
 */
export function outResumePositions(g: TxnGraph): Int32Array {
  let resume = resumeCache.get(g);
  if (resume) return resume;
  const m = g.edgeCount;
  const { outTime, inTime } = listColumns(g);
  // Each edge's position in outEdges (the counting sort of csr() again, as listColumns).
  const posOut = new Int32Array(m);
  const fill = g.outOffsets.slice(0, g.nodeCount);
  for (let e = 0; e < m; e++) posOut[e] = fill[g.src[e]]++;
  resume = new Int32Array(m);
  for (let y = 0; y < g.nodeCount; y++) {
    let p = g.outOffsets[y];
    const pEnd = g.outOffsets[y + 1];
    for (let k = g.inOffsets[y]; k < g.inOffsets[y + 1]; k++) {
      const t = inTime[k];
      while (p < pEnd && outTime[p] < t) p++;
      resume[posOut[g.inEdges[k]]] = p;
    }
  }
  resumeCache.set(g, resume);
  return resume;
}

/** An edge mask (e.g. usableEdges) in the order of the CSR lists, for detectors scanning with listColumns. */
export interface ListMask { out: Uint8Array; in: Uint8Array }

const listMaskCache = new WeakMap<Uint8Array, ListMask & { graph: TxnGraph }>();

/**
 * `mask` (one entry per edge id) in outEdges / inEdges order, cached per mask array and graph
 * (the detectors of one run share the usable-edge mask). Masks are never changed after they are
 * made (usableEdges returns a fresh one), which the cache relies on.
 */
export function listMask(g: TxnGraph, mask: Uint8Array): ListMask {
  const cached = listMaskCache.get(mask);
  if (cached && cached.graph === g) return cached;
  const out = new Uint8Array(g.edgeCount), inn = new Uint8Array(g.edgeCount);
  const fillOut = g.outOffsets.slice(0, g.nodeCount), fillIn = g.inOffsets.slice(0, g.nodeCount);
  for (let e = 0; e < g.edgeCount; e++) {
    out[fillOut[g.src[e]]++] = mask[e];
    inn[fillIn[g.dst[e]]++] = mask[e];
  }
  const c = { out, in: inn, graph: g };
  listMaskCache.set(mask, c);
  return c;
}
