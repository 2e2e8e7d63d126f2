import { AGGS, NDIMS, WINDOW_MS, type WindowId } from './flags.ts';
import { PairTable, decodeF64, decodeI32, encodeF64, encodeI32, type PairTableSnapshot } from './pair-table.ts';
import { DAY, localDayStart } from '../time.ts';

/** Which windows, aggregates and distinct dimensions one entity kind keeps (from the active features). */
export interface StoreLayout {
  windows: WindowId[];
  /** Per window (same order), the aggregate ids kept. */
  aggs: number[][];
  /** Per window, the distinct dimensions counted. */
  distinct: number[][];
  /** Dimensions whose (entity, value) pairs are tracked at all (for distinct counts and "new" flags). */
  dims: number[];
}

/** A gap of at least this long between two events counts as dormancy followed by reactivation. */
export const REACTIVATION_GAP_MS = 90 * DAY;

/**
 * Per-entity sliding-window state for one entity kind (accounts, customers, devices, ...).
 *
 * Each entity's events (time, CNY amount, flags, distinct keys) sit in one shared arena as a
 * singly linked list in time order. Every window keeps, per entity, a pointer to its oldest event
 * still inside the window plus running aggregates; a new event first expires events that fell
 * out of each window (subtracting them), then is added. This gives exact sliding windows with
 * O(1) amortised work per event and window, and no per-event allocation. Events that fell out of
 * every window are dropped when the arena is compacted. Times are clamped to be non-decreasing per
 * entity (a late-arriving transaction counts at the entity's latest time).
 */
export class EntityStore {
  readonly nW: number;
  readonly stride: number;
  /** offsets[w * AGGS.length + agg] → offset in the slot's row, or -1. */
  readonly aggOffset: Int32Array;
  /** distinctOffset[w * NDIMS + dim] → offset, or -1. */
  readonly distinctOffset: Int32Array;
  private readonly winKind: Uint8Array; // 0 sliding, 1 day, 2 life
  private readonly winMs: Float64Array;
  private readonly aggMask: Int32Array[];
  private readonly aggSum: Uint8Array[];
  private readonly aggOff: Int32Array[];
  private readonly distDims: Int32Array[];
  private readonly distOff: Int32Array[];
  private readonly trackedDims: Int32Array;

  slotCap = 0;
  agg = new Float64Array(0);
  tail = new Int32Array(0);
  head = new Int32Array(0);
  first = new Float64Array(0);
  last = new Float64Array(0);
  prevLast = new Float64Array(0);
  lastIn = new Float64Array(0);
  prevLastIn = new Float64Array(0);
  gapMs = new Float64Array(0);
  reactivatedAt = new Float64Array(0);

  evCap = 0;
  evCount = 0;
  evTime = new Float64Array(0);
  evAmt = new Float64Array(0);
  evFlags = new Int32Array(0);
  evNext = new Int32Array(0);
  evSuper = new Int32Array(0);
  evKey: Int32Array[] = [];
  pairs = new PairTable();

  constructor(readonly layout: StoreLayout, private readonly offsetMs: number) {
    const nW = (this.nW = layout.windows.length);
    this.aggOffset = new Int32Array(nW * AGGS.length).fill(-1);
    this.distinctOffset = new Int32Array(nW * NDIMS).fill(-1);
    this.winKind = new Uint8Array(nW);
    this.winMs = new Float64Array(nW);
    this.aggMask = []; this.aggSum = []; this.aggOff = []; this.distDims = []; this.distOff = [];
    let off = 0;
    for (let w = 0; w < nW; w++) {
      const id = layout.windows[w];
      this.winKind[w] = id === 'day' ? 1 : id === 'life' ? 2 : 0;
      this.winMs[w] = WINDOW_MS[id];
      const ids = layout.aggs[w];
      this.aggMask.push(Int32Array.from(ids, (i) => AGGS[i].mask));
      this.aggSum.push(Uint8Array.from(ids, (i) => (AGGS[i].sum ? 1 : 0)));
      this.aggOff.push(Int32Array.from(ids, (i) => { this.aggOffset[w * AGGS.length + i] = off; return off++; }));
      const ds = layout.distinct[w];
      this.distDims.push(Int32Array.from(ds));
      this.distOff.push(Int32Array.from(ds, (d) => { this.distinctOffset[w * NDIMS + d] = off; return off++; }));
    }
    this.stride = off;
    this.trackedDims = Int32Array.from(layout.dims);
    for (let d = 0; d < NDIMS; d++) this.evKey.push(new Int32Array(0));
    this.growEvents(1024);
  }

  ensure(slot: number): void {
    if (slot < this.slotCap) return;
    let cap = Math.max(1024, this.slotCap);
    while (cap <= slot) cap *= 2;
    const f64 = (old: Float64Array, n: number, fill: number) => { const x = new Float64Array(n).fill(fill); x.set(old); return x; };
    const i32 = (old: Int32Array, n: number, fill: number) => { const x = new Int32Array(n).fill(fill); x.set(old); return x; };
    this.agg = f64(this.agg, cap * this.stride, 0);
    this.tail = i32(this.tail, cap * this.nW, -1);
    this.head = i32(this.head, cap, -1);
    this.first = f64(this.first, cap, NaN);
    this.last = f64(this.last, cap, NaN);
    this.prevLast = f64(this.prevLast, cap, NaN);
    this.lastIn = f64(this.lastIn, cap, NaN);
    this.prevLastIn = f64(this.prevLastIn, cap, NaN);
    this.gapMs = f64(this.gapMs, cap, NaN);
    this.reactivatedAt = f64(this.reactivatedAt, cap, NaN);
    this.slotCap = cap;
  }

  /**
   * Records one event for `slot` and returns its index. `keys[d]` is the value of distinct
   * dimension d (or -1). Returns the event flags with NEW bits set in `out.flags`.
   * `newBits[d]` is the flag to set when the value of dimension d is seen for the first time.
   */
  add(slot: number, time: number, amt: number, flags: number, keys: Int32Array, newBits: Int32Array): number {
    this.ensure(slot);
    let t = time;
    const lt = this.last[slot];
    if (lt === lt) {
      if (t < lt) t = lt;
      if (t - lt >= REACTIVATION_GAP_MS) { this.gapMs[slot] = t - lt; this.reactivatedAt[slot] = t; }
    } else {
      this.first[slot] = t;
    }
    this.prevLast[slot] = lt;
    this.prevLastIn[slot] = this.lastIn[slot];
    this.last[slot] = t;
    if (flags & 1) this.lastIn[slot] = t;

    const nW = this.nW;
    const tb = slot * nW;
    const rowBase = slot * this.stride;
    for (let w = 0; w < nW; w++) {
      const kind = this.winKind[w];
      if (kind === 2) continue;
      const cutoff = kind === 0 ? t - this.winMs[w] : localDayStart(t, this.offsetMs) - 1;
      let x = this.tail[tb + w];
      while (x !== -1 && this.evTime[x] <= cutoff) {
        this.remove(x, w, rowBase);
        x = this.evNext[x];
      }
      this.tail[tb + w] = x;
    }

    if (this.evCount === this.evCap) this.makeRoom();
    const e = this.evCount++;
    const dims = this.trackedDims;
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i];
      const k = keys[d];
      this.evKey[d][e] = k;
      if (k < 0) continue;
      const prev = this.pairs.swap(slot * 8 + d, k, e);
      if (prev >= 0) this.evSuper[prev] |= 1 << d;
      else if (prev === -1) flags |= newBits[d];
      for (let w = 0; w < nW; w++) {
        const off = this.distinctOffset[w * NDIMS + d];
        if (off < 0) continue;
        const tw = this.tail[tb + w];
        const inWindow = this.winKind[w] === 2 ? prev !== -1 : prev >= 0 && tw !== -1 && prev >= tw;
        if (!inWindow) this.agg[rowBase + off] += 1;
      }
    }
    this.evTime[e] = t;
    this.evAmt[e] = amt;
    this.evFlags[e] = flags;
    this.evNext[e] = -1;
    this.evSuper[e] = 0;
    const h = this.head[slot];
    if (h !== -1) this.evNext[h] = e;
    this.head[slot] = e;

    const agg = this.agg;
    for (let w = 0; w < nW; w++) {
      if (this.winKind[w] !== 2 && this.tail[tb + w] === -1) this.tail[tb + w] = e;
      const masks = this.aggMask[w], sums = this.aggSum[w], offs = this.aggOff[w];
      for (let j = 0; j < masks.length; j++) {
        const m = masks[j];
        if ((flags & m) === m) agg[rowBase + offs[j]] += sums[j] ? amt : 1;
      }
    }
    return e;
  }

  private remove(x: number, w: number, rowBase: number): void {
    const flags = this.evFlags[x];
    const amt = this.evAmt[x];
    const masks = this.aggMask[w], sums = this.aggSum[w], offs = this.aggOff[w];
    const agg = this.agg;
    for (let j = 0; j < masks.length; j++) {
      const m = masks[j];
      if ((flags & m) === m) agg[rowBase + offs[j]] -= sums[j] ? amt : 1;
    }
    const dd = this.distDims[w], doff = this.distOff[w];
    for (let j = 0; j < dd.length; j++) {
      const d = dd[j];
      if (this.evKey[d][x] >= 0 && (this.evSuper[x] & (1 << d)) === 0) agg[rowBase + doff[j]] -= 1;
    }
  }

  /** Index of the oldest event of `slot` inside window w (or -1). */
  tailOf(slot: number, w: number): number {
    return slot < this.slotCap ? this.tail[slot * this.nW + w] : -1;
  }

  /** Drops events outside every window; grows the arena when still more than half full. */
  private makeRoom(): void {
    const oldCount = this.evCount;
    const newIdx = new Int32Array(oldCount).fill(-1);
    let live = 0;
    const order: number[] = [];
    for (let s = 0; s < this.slotCap; s++) {
      if (this.head[s] === -1) continue;
      let start = -1;
      for (let w = 0; w < this.nW; w++) {
        const x = this.tail[s * this.nW + w];
        if (x !== -1 && (start === -1 || x < start)) start = x;
      }
      for (let x = start; x !== -1; x = this.evNext[x]) { newIdx[x] = live++; order.push(x); }
    }
    const cap = Math.max(1024, live * 2 > this.evCap ? this.evCap * 2 : this.evCap);
    const oT = this.evTime, oA = this.evAmt, oF = this.evFlags, oN = this.evNext, oS = this.evSuper, oK = this.evKey;
    this.evCap = 0;
    this.growEvents(cap, true);
    for (let i = 0; i < order.length; i++) {
      const x = order[i];
      this.evTime[i] = oT[x]; this.evAmt[i] = oA[x]; this.evFlags[i] = oF[x]; this.evSuper[i] = oS[x];
      this.evNext[i] = oN[x] === -1 ? -1 : newIdx[oN[x]];
      for (let d = 0; d < NDIMS; d++) this.evKey[d][i] = oK[d][x];
    }
    this.evCount = live;
    for (let i = 0; i < this.tail.length; i++) if (this.tail[i] !== -1) this.tail[i] = newIdx[this.tail[i]];
    for (let s = 0; s < this.slotCap; s++) if (this.head[s] !== -1) this.head[s] = newIdx[this.head[s]];
    this.pairs.remap((v) => (v >= 0 ? (newIdx[v] === -1 ? -2 : newIdx[v]) : v));
  }

  private growEvents(cap: number, fresh = false): void {
    const cpF = (o: Float64Array) => { const x = new Float64Array(cap); if (!fresh) x.set(o); return x; };
    const cpI = (o: Int32Array) => { const x = new Int32Array(cap); if (!fresh) x.set(o); return x; };
    this.evTime = cpF(this.evTime); this.evAmt = cpF(this.evAmt);
    this.evFlags = cpI(this.evFlags); this.evNext = cpI(this.evNext); this.evSuper = cpI(this.evSuper);
    this.evKey = this.evKey.map(cpI);
    this.evCap = cap;
  }

  toJSON(): EntityStoreSnapshot {
    const n = this.evCount;
    return {
      slotCap: this.slotCap,
      agg: encodeF64(this.agg), tail: encodeI32(this.tail), head: encodeI32(this.head),
      first: encodeF64(this.first), last: encodeF64(this.last), prevLast: encodeF64(this.prevLast),
      lastIn: encodeF64(this.lastIn), prevLastIn: encodeF64(this.prevLastIn),
      gapMs: encodeF64(this.gapMs), reactivatedAt: encodeF64(this.reactivatedAt),
      evCount: n,
      evTime: encodeF64(this.evTime.subarray(0, n)), evAmt: encodeF64(this.evAmt.subarray(0, n)),
      evFlags: encodeI32(this.evFlags.subarray(0, n)), evNext: encodeI32(this.evNext.subarray(0, n)),
      evSuper: encodeI32(this.evSuper.subarray(0, n)),
      evKey: this.evKey.map((k) => encodeI32(k.subarray(0, n))),
      pairs: this.pairs.toJSON(),
    };
  }

  restore(s: EntityStoreSnapshot): void {
    this.slotCap = s.slotCap;
    this.agg = decodeF64(s.agg); this.tail = decodeI32(s.tail); this.head = decodeI32(s.head);
    this.first = decodeF64(s.first); this.last = decodeF64(s.last); this.prevLast = decodeF64(s.prevLast);
    this.lastIn = decodeF64(s.lastIn); this.prevLastIn = decodeF64(s.prevLastIn);
    this.gapMs = decodeF64(s.gapMs); this.reactivatedAt = decodeF64(s.reactivatedAt);
    let cap = 1024;
    while (cap < s.evCount + 1) cap *= 2;
    this.evCap = 0;
    this.growEvents(cap, true);
    this.evTime.set(decodeF64(s.evTime)); this.evAmt.set(decodeF64(s.evAmt));
    this.evFlags.set(decodeI32(s.evFlags)); this.evNext.set(decodeI32(s.evNext)); this.evSuper.set(decodeI32(s.evSuper));
    s.evKey.forEach((k, d) => this.evKey[d].set(decodeI32(k)));
    this.evCount = s.evCount;
    this.pairs = PairTable.fromJSON(s.pairs);
  }
}

export interface EntityStoreSnapshot {
  slotCap: number;
  agg: string; tail: string; head: string; first: string; last: string; prevLast: string;
  lastIn: string; prevLastIn: string; gapMs: string; reactivatedAt: string;
  evCount: number; evTime: string; evAmt: string; evFlags: string; evNext: string; evSuper: string;
  evKey: string[]; pairs: PairTableSnapshot;
}
