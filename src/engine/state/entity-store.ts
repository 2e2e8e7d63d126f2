import { AGGS, DIM, NDIMS, WINDOW_MS, type WindowId } from './flags.ts';
import { PairTable } from './pair-table.ts';
import type { SnapshotReader, SnapshotWriter, Steps } from './snapshot-stream.ts';
import { DAY, localDayStart } from '../time.ts';
import { growBuffer, newF64, newI32, type F64, type GrowableBuffer, type I32 } from './buffers.ts';

/** Which windows, aggregates and distinct dimensions one entity kind keeps (from the active features). */
export interface StoreLayout {
  windows: WindowId[];
  /** Per window (same order), the aggregate ids kept. */
  aggs: number[][];
  /** Per window, the distinct dimensions counted. */
  distinct: number[][];
  /** Dimensions whose (entity, value) pairs are tracked at all (for distinct counts and "new" flags). */
  dims: number[];
  /** Record only movements that count in some aggregate (no feature reads times or distinct values). */
  sparse?: boolean;
  /**
   * Only distinct counts are kept (no aggregates, no feature reads amounts, flags or times of
   * events): a movement with the same values as the entity's latest event, while that event is
   * the only one in every window, moves that event to the new time instead of adding one (see
   * add()). A device or IP used by one account keeps one record instead of one per movement (none
   * with `exclusive`).
   */
  coalesce?: boolean;
  /**
   * A coalescing store whose only tracked dimension is the account (device, IP): while one account
   * alone has moved through an entity, its row holds that account and the latest time, no events,
   * and every distinct count reads 1 (the current movement is in every window). A second account
   * turns the row into an ordinary one holding the first account's latest movement, which is all
   * coalescing would have kept of it (see sole()).
   */
  exclusive?: boolean;
}

/** "New" bits for a replayed movement (an exclusive store's events carry no flags anyone reads). */
const NO_BITS = new Int32Array(NDIMS);

/**
 * Entity rows live in fixed pages of 4,096 slots: a new entity adds a page at most, and nothing
 * is copied or reallocated as the population grows (doubling one big row array allocated and
 * copied twice the final size; large typed arrays count as external memory and each 64 MB of
 * them triggers a full garbage collection of the whole heap).
 */
export const PAGE_BITS = 12;
export const PAGE_SLOTS = 1 << PAGE_BITS;
export const PAGE_MASK = PAGE_SLOTS - 1;

/** A gap of at least this long between two events counts as dormancy followed by reactivation. */
export const REACTIVATION_GAP_MS = 90 * DAY;

// Per-entity row header (Float64): times and gap, then aggregates and distinct counts.
const H_LAST = 0, H_FIRST = 1, H_PREV = 2, H_LASTIN = 3, H_PREVIN = 4, H_GAP = 5, H_REACT = 6, HDR = 7;
// Event record: time, CNY amount and the time of the entity's next event (Float64 slots 0-2;
// Infinity while there is none), then in Int32 slots (counted from the record's start in Int32
// units) flags, next event of the entity, superseded bits and keys. Both views share one buffer:
// 56 bytes per account event instead of 80 with all-Float64 fields. The next event's time lets a
// window move its start past an expired event without reading the following record (one cache
// miss less per window and expiry).
const E_TIME = 0, E_AMT = 1, E_NEXTT = 2, I_FLAGS = 6, I_NEXT = 7, I_SUPER = 8, I_KEYS = 9;
// I_SUPER holds the superseded bits (1 << dimension) in its low byte and, from bit 8 up, the
// number of windows the event has left: once it has left every non-lifetime window, nothing reads
// it and compaction drops it (found by scanning the arena in order, not by walking every entity's
// list from its oldest window start, a cache miss per live event).
const GONE_SHIFT = 8;

/**
 * Per-entity sliding-window state for one entity kind (accounts, customers, devices, ...).
 *
 * Each entity's events sit in one shared arena as a singly linked list in time order. Every
 * window keeps, per entity, a pointer to its oldest event still inside the window plus running
 * aggregates; a new event first expires the events that fell out of each window (subtracting
 * them), then is added. This gives exact sliding windows with O(1) amortised work per event and
 * window and no allocation. Entity state and event records are interleaved rows in typed arrays
 * (one cache line or two per touch). Events outside every window are dropped when the arena is
 * compacted. Times are clamped to be non-decreasing per entity (a late transaction counts at the
 * entity's latest time).
 */
/** Arena values (Float64) or window pointers (Int32) a snapshot step copies at most (4 or 2 MiB). */
const ARENA_STEP = 1 << 19;

export class EntityStore {
  readonly nW: number;
  /** Row stride (Float64 slots per entity). */
  readonly stride: number;
  private readonly ps: number;
  private readonly tt: number;
  /** Event record size in Float64 slots, and in Int32 slots. */
  private readonly es: number;
  private readonly is: number;
  /** aggOffset[w * AGGS.length + agg] → offset in the entity's row, or -1. */
  readonly aggOffset: Int32Array;
  /** distinctOffset[w * NDIMS + dim] → offset, or -1. */
  readonly distinctOffset: Int32Array;
  private readonly winKind: Uint8Array; // 0 sliding, 1 calendar day, 2 lifetime
  private readonly winMs: Float64Array;
  private readonly aggMask: Int32Array[] = [];
  private readonly aggSum: Uint8Array[] = [];
  private readonly aggOff: Int32Array[] = [];
  private readonly distKey: Int32Array[] = [];
  private readonly distBit: Int32Array[] = [];
  private readonly distOff: Int32Array[] = [];
  private readonly trackedDims: Int32Array;
  /** All windows' aggregate masks flattened. */
  private readonly allMask: Int32Array;
  /** Event-record position (Int32 units) of dimension d's key, or -1 when not tracked. */
  readonly keyPos: Int32Array;
  private readonly dimWins: Int32Array[] = [];
  private readonly dimOffs: Int32Array[] = [];
  /**
   * Per tracked dimension, the row offset of its last-value cache, or -1 (counterparties: a
   * payee rarely repeats back to back). The cache holds (value, latest event with that value,
   * dirty) and is authoritative for that value; the pair table entry is written back only when
   * the value changes after repeats. Devices, IPs, locations and a device's or IP's accounts
   * mostly repeat, which then costs no hash probe (a likely cache miss) at all.
   */
  private readonly lastOff: Int32Array;
  private readonly lastStart: number;
  private readonly lastEnd: number;

  /**
   * A sparse store with only calendar-day and lifetime windows keeps no events at all: a new local
   * day simply zeroes the day window (the whole day expires at once).
   */
  private readonly eventless: boolean;
  private readonly coalesce: boolean;
  /**
   * Row offset of the sole account of an exclusive store's entity (NaN before its first movement,
   * the account's slot while it is the only one, -1 once another has moved through it), or -1.
   */
  private readonly ownOff: number;
  /** Row offsets of every distinct count (set to 1 for an entity with a sole account). */
  private readonly allDistOff: Int32Array;
  /** Record only movements some aggregate counts (StoreLayout.sparse). */
  private readonly sparse: boolean;
  /** Longest sliding window kept (events older than this are never read). */
  readonly retentionMs: number;
  slotCap = 0;
  /** Rows of slots [i·PAGE_SLOTS, (i+1)·PAGE_SLOTS), `stride` Float64 each. */
  pages: F64[] = [];
  ptr: I32 = newI32(0); // per entity: head, then one tail per window
  private ptrBuf: GrowableBuffer | null = null;
  evCap = 0;
  evCount = 0;
  ev: F64 = newF64(0);
  evi: I32 = newI32(0);
  /** The arena's buffer: grows in place (see growBuffer), so the arena is never copied to grow. */
  private evBuf: GrowableBuffer | null = null;
  /** Events that have left every non-lifetime window since the last compaction (see makeRoom()). */
  private dead = 0;
  pairs = new PairTable();
  /** Number of arena compactions so far; event indices taken before one are stale (see moved()). */
  compactions = 0;
  private lastMove: I32 | null = null;
  /**
   * Compaction scratch kept between compactions (the renumbering array). Large typed arrays
   * count as external memory, and allocating them again at every compaction triggers full
   * garbage collections of the whole heap.
   */
  private scratchIdx: I32 = newI32(0);
  /** Number of non-lifetime windows: an event that has left this many is dead. */
  private readonly nTimed: number;
  /** Sliding windows of 7 days or more, whose oldest events warm() loads. */
  private readonly tailWarm: Int32Array;
  /** Int32 position of the record's padding slot, or -1 (zeroed on add: a reused arena holds old records). */
  private readonly padAt: number;
  /**
   * Aggregate update programs (see prog()): the flag bits some aggregate's mask reads, an
   * open-addressing table from those bits of an event's flags to the program's position in
   * `code`, and the programs themselves.
   */
  private readonly aggBits: number;
  private progKeys = new Int32Array(256).fill(-1);
  private progPos = new Int32Array(256);
  private progCount = 0;
  private code = new Int32Array(4096);
  private codeLen = 0;

  constructor(readonly layout: StoreLayout, private readonly offsetMs: number) {
    const nW = (this.nW = layout.windows.length);
    this.ps = 1 + nW;
    this.trackedDims = Int32Array.from(layout.dims);
    this.es = 3 + Math.ceil((3 + layout.dims.length) / 2);
    this.is = this.es * 2;
    this.padAt = (3 + layout.dims.length) % 2 === 1 ? this.is - 1 : -1;
    this.keyPos = new Int32Array(NDIMS).fill(-1);
    layout.dims.forEach((d, i) => { this.keyPos[d] = I_KEYS + i; });
    this.aggOffset = new Int32Array(nW * AGGS.length).fill(-1);
    this.distinctOffset = new Int32Array(nW * NDIMS).fill(-1);
    this.winKind = new Uint8Array(nW);
    this.winMs = new Float64Array(nW);
    // Row: fixed header (then, in an exclusive store, the sole account), then the time of each
    // window's oldest event (skips touching the arena when nothing expires), then aggregates and
    // distinct counts.
    this.ownOff = layout.exclusive === true && layout.coalesce === true && layout.dims.length === 1 && layout.dims[0] === DIM.ACCT ? HDR : -1;
    this.tt = this.ownOff >= 0 ? HDR + 1 : HDR;
    let off = this.tt + nW;
    for (let w = 0; w < nW; w++) {
      const id = layout.windows[w];
      this.winKind[w] = id === 'day' ? 1 : id === 'life' ? 2 : 0;
      this.winMs[w] = WINDOW_MS[id];
      const ids = layout.aggs[w];
      this.aggMask.push(Int32Array.from(ids, (i) => AGGS[i].mask));
      this.aggSum.push(Uint8Array.from(ids, (i) => (AGGS[i].sum ? 1 : 0)));
      this.aggOff.push(Int32Array.from(ids, (i) => { this.aggOffset[w * AGGS.length + i] = off; return off++; }));
      const ds = layout.distinct[w];
      this.distKey.push(Int32Array.from(ds, (d) => this.keyPos[d]));
      this.distBit.push(Int32Array.from(ds, (d) => 1 << d));
      this.distOff.push(Int32Array.from(ds, (d) => { this.distinctOffset[w * NDIMS + d] = off; return off++; }));
    }
    this.lastOff = new Int32Array(layout.dims.length).fill(-1);
    this.lastStart = off;
    layout.dims.forEach((d, i) => {
      if (d !== DIM.CP_IN && d !== DIM.CP_OUT) { this.lastOff[i] = off; off += 3; }
    });
    this.lastEnd = off;
    this.stride = off;
    this.allMask = Int32Array.from(this.aggMask.flatMap((x) => [...x]));
    this.allDistOff = Int32Array.from(this.distOff.flatMap((x) => [...x]));
    this.sparse = layout.sparse === true;
    this.aggBits = this.allMask.reduce((a, m) => a | m, 0);
    this.coalesce = layout.coalesce === true && this.allMask.length === 0;
    this.eventless = layout.sparse === true && layout.windows.every((w) => w === 'day' || w === 'life');
    this.nTimed = layout.windows.filter((w) => w !== 'life').length;
    this.tailWarm = Int32Array.from(layout.windows.flatMap((w, i) => (w === '7d' || w === '30d' || w === '90d' ? [i] : [])));
    this.retentionMs = Math.max(0, ...layout.windows.filter((w) => w !== 'life').map((w) => WINDOW_MS[w]));
    for (const d of layout.dims) {
      const ws: number[] = [], os: number[] = [];
      for (let w = 0; w < nW; w++) {
        const o = this.distinctOffset[w * NDIMS + d];
        if (o >= 0) { ws.push(w); os.push(o); }
      }
      this.dimWins.push(Int32Array.from(ws));
      this.dimOffs.push(Int32Array.from(os));
    }
    this.setArena(1024);
  }

  /** Sets the arena's capacity to cap events, growing its buffer in place (contents kept, new records zero). */
  private setArena(cap: number): void {
    this.evBuf = growBuffer(this.evBuf, cap * this.es * 8);
    this.ev = new Float64Array(this.evBuf, 0, cap * this.es);
    this.evi = new Int32Array(this.evBuf, 0, cap * this.is);
    this.evCap = cap;
  }

  // Accessors used by features (inlined by the JIT). A slot without a row yet reads as a fresh
  // row: NaN times, zero aggregates.
  /** Value at `off` of the slot's row. */
  value(s: number, off: number): number {
    return s < this.slotCap ? this.pages[s >>> PAGE_BITS][(s & PAGE_MASK) * this.stride + off] : off < HDR ? NaN : 0;
  }
  last(s: number): number { return this.value(s, H_LAST); }
  first(s: number): number { return this.value(s, H_FIRST); }
  prevLast(s: number): number { return this.value(s, H_PREV); }
  prevLastIn(s: number): number { return this.value(s, H_PREVIN); }
  gapMs(s: number): number { return this.value(s, H_GAP); }
  reactivatedAt(s: number): number { return this.value(s, H_REACT); }
  tailOf(s: number, w: number): number { return s < this.slotCap ? this.ptr[s * this.ps + 1 + w] : -1; }
  evTime(e: number): number { return this.ev[e * this.es + E_TIME]; }
  evAmt(e: number): number { return this.ev[e * this.es + E_AMT]; }
  evFlags(e: number): number { return this.evi[e * this.is + I_FLAGS]; }
  evNext(e: number): number { return this.evi[e * this.is + I_NEXT]; }

  /**
   * Reads the slot's row header, its window pointers and its latest event's record, and returns a
   * value made of them (callers add it to a sink so the loads are kept). Issued for every entity
   * a transaction touches before any of them is updated, so that their cache misses overlap
   * instead of being paid one after another. The latest event is the one add() links the new
   * event from, and for a sparse entity usually also the one its short windows expire and its
   * repeated device or location supersedes.
   */
  warm(slot: number): number {
    if (slot < 0 || slot >= this.slotCap) return 0;
    const pb = slot * this.ps, ptr = this.ptr, evi = this.evi, is = this.is;
    const h = ptr[pb];
    let v = this.pages[slot >>> PAGE_BITS][(slot & PAGE_MASK) * this.stride] + (h >= 0 ? evi[h * is + I_FLAGS] : 0);
    // The oldest event of each longer sliding window (next to the latest in the same pointer
    // line): for a sparse entity, usually the next one to expire.
    const ws = this.tailWarm;
    for (let i = 0; i < ws.length; i++) {
      const x = ptr[pb + 1 + ws[i]];
      if (x >= 0 && x !== h) v += evi[x * is + I_FLAGS];
    }
    return v;
  }

  /**
   * For a dimension without a last-value cache (counterparties), touches the pair-table slot
   * that add() will probe for value k (see warm()). Touching the oldest event of each window
   * due to expire as well was measured and did not pay (the row is not in cache yet).
   */
  warmPair(slot: number, dim: number, k: number): number {
    const i = this.keyPos[dim] - I_KEYS;
    return slot >= 0 && k >= 0 && this.keyPos[dim] >= 0 && this.lastOff[i] < 0 ? this.pairs.peek(slot * 8 + dim, k) : 0;
  }

  ensure(slot: number): void {
    while (slot >= this.slotCap) this.addPage();
  }

  private addPage(): void {
    const S = this.stride, page = newF64(PAGE_SLOTS * S);
    // A fresh row: NaN times, no oldest event per window, empty last-value caches, zero counts
    // (a new array is zeroed: only the other fields are written).
    const tt = this.tt, tEnd = tt + this.nW, ls = this.lastStart, le = this.lastEnd, own = this.ownOff;
    for (let b = 0; b < PAGE_SLOTS * S; b += S) {
      for (let j = 0; j < HDR; j++) page[b + j] = NaN;
      if (own >= 0) page[b + own] = NaN;
      for (let j = tt; j < tEnd; j++) page[b + j] = Infinity;
      for (let j = ls; j < le; j++) page[b + j] = NaN;
    }
    this.pages.push(page);
    this.slotCap += PAGE_SLOTS;
    if (this.ptr.length < this.slotCap * this.ps) this.setPtr(Math.max(this.slotCap, (2 * this.ptr.length) / this.ps) * this.ps);
  }

  /** Grows the pointer array to n entries in place; new entries are -1 (no event). */
  private setPtr(n: number): void {
    const old = this.ptr.length;
    this.ptrBuf = growBuffer(this.ptrBuf, n * 4);
    this.ptr = new Int32Array(this.ptrBuf, 0, n);
    this.ptr.fill(-1, old);
  }

  /** Where event e, taken when `compactions` was `since`, is now (-1 if dropped). */
  moved(e: number, since: number): number {
    if (since === this.compactions || e < 0) return e;
    if (since !== this.compactions - 1) throw new Error('event index older than the last compaction');
    return this.lastMove![e];
  }

  /** Index of the entity's latest event with value k of tracked dimension d (-1 never, -2 no longer kept). */
  latest(slot: number, d: number, k: number): number {
    const i = this.trackedDims.indexOf(d);
    const lo = i < 0 ? -1 : this.lastOff[i];
    if (lo >= 0 && slot < this.slotCap) {
      const row = this.pages[slot >>> PAGE_BITS], b = (slot & PAGE_MASK) * this.stride + lo;
      if (row[b] === k) return row[b + 1];
    }
    return this.pairs.get(slot * 8 + d, k);
  }

  /**
   * Records one event for `slot` and returns its index. `keys[d]` is the value of distinct
   * dimension d (or -1); `newBits[d]` is the flag set when that value is new for the entity.
   */
  add(slot: number, time: number, amt: number, flags: number, keys: Int32Array, newBits: Int32Array): number {
    if (this.sparse && !this.relevant(this.prog(flags))) {
      // Not recorded, but the entity's windows still move to this time (features may read them).
      if (slot < this.slotCap) {
        const row = this.pages[slot >>> PAGE_BITS], rb = (slot & PAGE_MASK) * this.stride;
        const lt = row[rb + H_LAST];
        const t = lt === lt && time < lt ? lt : time;
        if (this.eventless) this.newDay(row, rb, t);
        else this.expire(row, rb, slot * this.ps, t);
      }
      return -1;
    }
    this.ensure(slot);
    if (this.eventless) {
      const row = this.pages[slot >>> PAGE_BITS], rb = (slot & PAGE_MASK) * this.stride;
      const lt = row[rb + H_LAST];
      const t = lt === lt && time < lt ? lt : time;
      row[rb + H_LAST] = t;
      this.newDay(row, rb, t);
      this.addAggs(row, rb, flags, amt);
      return -1;
    }
    if (this.ownOff >= 0 && this.sole(slot, time, keys)) return -1;
    const rb = (slot & PAGE_MASK) * this.stride, pb = slot * this.ps;
    const row = this.pages[slot >>> PAGE_BITS];
    let t = time;
    const lt = row[rb + H_LAST];
    if (lt === lt) {
      if (t < lt) t = lt;
      if (t - lt >= REACTIVATION_GAP_MS) { row[rb + H_GAP] = t - lt; row[rb + H_REACT] = t; }
    } else {
      row[rb + H_FIRST] = t;
    }
    row[rb + H_PREV] = lt;
    row[rb + H_PREVIN] = row[rb + H_LASTIN];
    row[rb + H_LAST] = t;
    if (flags & 1) row[rb + H_LASTIN] = t;

    this.expire(row, rb, pb, t);
    const nW = this.nW, es = this.es, is = this.is, tt = rb + this.tt;
    if (this.coalesce && this.coalescible(pb, keys)) {
      // Same values as the latest event, which is alone in every window: it becomes this
      // movement (distinct counts and "new" flags are those of a superseding event; the record
      // before it, if any, has left every window, so its next-event time is never read again).
      const h = this.ptr[pb];
      this.ev[h * es + E_TIME] = t;
      for (let w = 0; w < nW; w++) if (this.winKind[w] !== 2) row[tt + w] = t;
      return h;
    }
    let ptr = this.ptr, ev = this.ev, evi = this.evi;
    if (this.evCount === this.evCap) { this.makeRoom(); ptr = this.ptr; ev = this.ev; evi = this.evi; }
    const e = this.evCount++;
    const eb = e * es, ib = e * is;
    const dims = this.trackedDims;
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i];
      const k = keys[d];
      evi[ib + I_KEYS + i] = k;
      if (k < 0) continue;
      let prev: number;
      const lo = this.lastOff[i];
      if (lo < 0) prev = this.pairs.swap(slot * 8 + d, k, e);
      else {
        const lk = row[rb + lo];
        if (lk === k) {
          prev = row[rb + lo + 1];
          row[rb + lo + 2] = 1;
        } else {
          if (row[rb + lo + 2] === 1) this.pairs.swap(slot * 8 + d, lk, row[rb + lo + 1]);
          prev = this.pairs.swap(slot * 8 + d, k, e);
          row[rb + lo] = k;
          row[rb + lo + 2] = 0;
        }
        row[rb + lo + 1] = e;
      }
      if (prev >= 0) evi[prev * is + I_SUPER] |= 1 << d;
      else if (prev === -1) flags |= newBits[d];
      const ws = this.dimWins[i], os = this.dimOffs[i];
      for (let j = 0; j < ws.length; j++) {
        const w = ws[j];
        const tw = ptr[pb + 1 + w];
        const inWindow = this.winKind[w] === 2 ? prev !== -1 : prev >= 0 && tw !== -1 && prev >= tw;
        if (!inWindow) row[rb + os[j]] += 1;
      }
    }
    ev[eb + E_TIME] = t;
    ev[eb + E_AMT] = amt;
    ev[eb + E_NEXTT] = Infinity;
    evi[ib + I_FLAGS] = flags;
    evi[ib + I_NEXT] = -1;
    evi[ib + I_SUPER] = 0;
    if (this.padAt >= 0) evi[ib + this.padAt] = 0;
    const h = ptr[pb];
    if (h !== -1) { evi[h * is + I_NEXT] = e; ev[h * es + E_NEXTT] = t; }
    ptr[pb] = e;

    for (let w = 0; w < nW; w++) {
      if (this.winKind[w] !== 2 && ptr[pb + 1 + w] === -1) { ptr[pb + 1 + w] = e; row[tt + w] = t; }
    }
    this.addAggs(row, rb, flags, amt);
    return e;
  }

  /**
   * Position in `code` of the aggregate update program for events with these flags (built on
   * first use). A program lists, per window, the row offsets of the counts and then of the sums
   * whose masks the flags match, then the same for all windows together:
   * code[P + 2w] / code[P + 2w + 1] start window w's counts / sums, code[P + 2nW] ends the last
   * window's and starts the all-window counts, code[P + 2nW + 1] starts the all-window sums,
   * code[P + 2nW + 2] ends them. Adding or removing an event then updates the matching
   * aggregates without testing every mask (64 for an account row, ~30 distinct), each exactly as
   * the per-mask test did (+/- amount or 1).
   */
  private prog(flags: number): number {
    const key = flags & this.aggBits, keys = this.progKeys, mask = keys.length - 1;
    for (let i = (Math.imul(key, 0x9e3779b1) >>> 16) & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) return this.progPos[i];
      if (k === -1) return this.buildProg(key, i);
    }
  }

  private buildProg(key: number, slot: number): number {
    const nW = this.nW, hdr = 2 * nW + 3;
    const body: number[] = [];
    const bounds: number[] = [];
    const counts: number[] = [], sums: number[] = [];
    for (let w = 0; w < nW; w++) {
      const ms = this.aggMask[w], ss = this.aggSum[w], os = this.aggOff[w];
      bounds.push(body.length);
      for (let j = 0; j < ms.length; j++) if ((key & ms[j]) === ms[j] && ss[j] === 0) { body.push(os[j]); counts.push(os[j]); }
      bounds.push(body.length);
      for (let j = 0; j < ms.length; j++) if ((key & ms[j]) === ms[j] && ss[j] === 1) { body.push(os[j]); sums.push(os[j]); }
    }
    bounds.push(body.length);
    body.push(...counts);
    bounds.push(body.length);
    body.push(...sums);
    bounds.push(body.length);
    const P = this.codeLen, n = hdr + body.length;
    if (P + n > this.code.length) {
      let cap = this.code.length * 2;
      while (P + n > cap) cap *= 2;
      const c = new Int32Array(cap);
      c.set(this.code.subarray(0, P));
      this.code = c;
    }
    for (let i = 0; i < bounds.length; i++) this.code[P + i] = P + hdr + bounds[i];
    for (let i = 0; i < body.length; i++) this.code[P + hdr + i] = body[i];
    this.codeLen = P + n;
    this.progKeys[slot] = key;
    this.progPos[slot] = P;
    if (++this.progCount * 2 > this.progKeys.length) {
      const oldKeys = this.progKeys, oldPos = this.progPos, cap = oldKeys.length * 2, mask = cap - 1;
      this.progKeys = new Int32Array(cap).fill(-1);
      this.progPos = new Int32Array(cap);
      for (let j = 0; j < oldKeys.length; j++) {
        const k = oldKeys[j];
        if (k === -1) continue;
        let i = (Math.imul(k, 0x9e3779b1) >>> 16) & mask;
        while (this.progKeys[i] !== -1) i = (i + 1) & mask;
        this.progKeys[i] = k;
        this.progPos[i] = oldPos[j];
      }
    }
    return P;
  }

  /** Adds an event's amount and count to every aggregate its flags match, in all windows. */
  private addAggs(row: F64, rb: number, flags: number, amt: number): void {
    const P = this.prog(flags), code = this.code, a = P + 2 * this.nW;
    for (let j = code[a], end = code[a + 1]; j < end; j++) row[rb + code[j]] += 1;
    for (let j = code[a + 1], end = code[a + 2]; j < end; j++) row[rb + code[j]] += amt;
  }

  /**
   * Exclusive stores (see StoreLayout.exclusive): takes the movement when its account is the
   * entity's only one so far (keeping the latest time, clamped like add(); no event) and returns
   * true. When a second account arrives, replays the first one's latest movement into a fresh
   * row (the state coalescing leaves: that account's latest event at the entity's latest time)
   * and returns false: add() then records the movement as usual, from then on for good.
   */
  private sole(slot: number, time: number, keys: Int32Array): boolean {
    const row = this.pages[slot >>> PAGE_BITS], rb = (slot & PAGE_MASK) * this.stride, oo = rb + this.ownOff;
    const own = row[oo];
    if (own === -1) return false;
    const a = keys[DIM.ACCT], ds = this.allDistOff;
    if (own !== own) {
      if (a < 0) { row[oo] = -1; return false; }
      row[oo] = a;
      row[rb + H_LAST] = time;
      for (let j = 0; j < ds.length; j++) row[rb + ds[j]] = 1;
      return true;
    }
    const lt = row[rb + H_LAST];
    if (own === a) {
      if (time > lt) row[rb + H_LAST] = time;
      return true;
    }
    row[oo] = -1;
    row[rb + H_LAST] = NaN;
    for (let j = 0; j < ds.length; j++) row[rb + ds[j]] = 0;
    keys[DIM.ACCT] = own;
    this.add(slot, lt, 0, 0, keys, NO_BITS);
    keys[DIM.ACCT] = a;
    return false;
  }

  /** Eventless stores: zero the calendar-day windows when t is on a new local day (the row keeps the day start). */
  private newDay(row: F64, rb: number, t: number): void {
    const tt = rb + this.tt;
    let ds = NaN;
    for (let w = 0; w < this.nW; w++) {
      if (this.winKind[w] !== 1) continue;
      if (ds !== ds) ds = localDayStart(t, this.offsetMs);
      if (row[tt + w] === ds) continue;
      row[tt + w] = ds;
      const offs = this.aggOff[w];
      for (let j = 0; j < offs.length; j++) row[rb + offs[j]] = 0;
    }
  }

  /** Removes from every window the events that fell out of it at time t. */
  private expire(row: F64, rb: number, pb: number, t: number): void {
    const nW = this.nW, es = this.es, is = this.is, tt = rb + this.tt, ptr = this.ptr, ev = this.ev, evi = this.evi;
    let dayCut = NaN;
    for (let w = 0; w < nW; w++) {
      const kind = this.winKind[w];
      if (kind === 2) continue;
      let cutoff: number;
      if (kind === 0) cutoff = t - this.winMs[w];
      else { if (dayCut !== dayCut) dayCut = localDayStart(t, this.offsetMs) - 1; cutoff = dayCut; }
      if (!(row[tt + w] <= cutoff)) continue;
      // row[tt + w] is the time of event x (the window's oldest).
      let x = ptr[pb + 1 + w], tx = row[tt + w];
      while (x !== -1 && tx <= cutoff) {
        this.remove(row, x, w, rb);
        tx = ev[x * es + E_NEXTT];
        x = evi[x * is + I_NEXT];
      }
      ptr[pb + 1 + w] = x;
      row[tt + w] = x === -1 ? Infinity : tx;
    }
  }

  /** Whether the entity's latest event is alone in every timed window and has exactly these keys. */
  private coalescible(pb: number, keys: Int32Array): boolean {
    const ptr = this.ptr, h = ptr[pb];
    if (h < 0) return false;
    for (let w = 0; w < this.nW; w++) if (this.winKind[w] !== 2 && ptr[pb + 1 + w] !== h) return false;
    const dims = this.trackedDims, ib = h * this.is + I_KEYS;
    for (let i = 0; i < dims.length; i++) if (this.evi[ib + i] !== keys[dims[i]]) return false;
    return true;
  }

  /** Whether some aggregate matches the flags of program P (see prog()). */
  private relevant(P: number): boolean {
    const a = P + 2 * this.nW;
    return this.code[a] !== this.code[a + 2];
  }

  private remove(row: F64, x: number, w: number, rb: number): void {
    const evi = this.evi, xi = x * this.is;
    const flags = evi[xi + I_FLAGS];
    const amt = this.ev[x * this.es + E_AMT];
    const P = this.prog(flags), code = this.code, a = P + 2 * w;
    for (let j = code[a], end = code[a + 1]; j < end; j++) row[rb + code[j]] -= 1;
    for (let j = code[a + 1], end = code[a + 2]; j < end; j++) row[rb + code[j]] -= amt;
    const dk = this.distKey[w];
    const db = this.distBit[w], doff = this.distOff[w];
    const sup = evi[xi + I_SUPER] + (1 << GONE_SHIFT);
    evi[xi + I_SUPER] = sup;
    if (sup >>> GONE_SHIFT === this.nTimed) this.dead++;
    for (let j = 0; j < dk.length; j++) {
      if (evi[xi + dk[j]] >= 0 && (sup & db[j]) === 0) row[rb + doff[j]] -= 1;
    }
  }

  /**
   * Makes room for a new event when the arena is full: compacts it when at least a quarter of
   * its events are dead (have left every timed, i.e. non-lifetime, window), then grows it until at least half
   * is free and it has at least as many slots as tracked pairs (so the O(entities + pairs) cost of
   * a compaction is amortised). Growing happens in place (see growBuffer): nothing is copied and
   * no event is renumbered. An arena that is mostly live (a population still filling its longest
   * window, as in the benchmark) is therefore never scanned; compacting it would renumber every
   * event, the pointers, the pair table and the last-value caches to drop next to nothing.
   */
  private makeRoom(): void {
    // Without timed windows every event is dead once added (nothing reads it again).
    if (this.nTimed === 0 || this.dead * 4 >= this.evCount) this.compact();
    let cap = Math.max(1024, this.evCap);
    while (this.evCount * 2 > cap || this.pairs.size > cap) cap *= 2;
    if (cap !== this.evCap) this.setArena(cap);
  }

  /**
   * Drops dead events. Live events keep their relative order (new index ≤ old index), so the
   * arena is compacted in place: no second arena is allocated or kept. Order preservation also
   * keeps each entity's events in increasing index order, which the window membership tests rely
   * on.
   */
  private compact(): void {
    const is = this.is, ps = this.ps, ptr = this.ptr;
    const n = this.evCount;
    if (this.scratchIdx.length < n) this.scratchIdx = newI32(n);
    const newIdx = this.scratchIdx;
    const evi = this.evi, gone = this.nTimed;
    let live = 0;
    for (let x = 0; x < n; x++) newIdx[x] = evi[x * is + I_SUPER] >>> GONE_SHIFT < gone ? live++ : -1;
    // Records are moved as Int32 (bit-exact for both views), a run of consecutive live records
    // at a time (a memmove; destination ≤ source), then their links are renumbered.
    for (let x = 0; x < n;) {
      if (newIdx[x] === -1) { x++; continue; }
      let y = x + 1;
      while (y < n && newIdx[y] !== -1) y++;
      const d = newIdx[x];
      if (d !== x) evi.copyWithin(d * is, x * is, y * is);
      for (let k = d * is + I_NEXT, end = (d + y - x) * is; k < end; k += is) {
        const nx = evi[k];
        evi[k] = nx === -1 ? -1 : newIdx[nx];
      }
      x = y;
    }
    this.evCount = live;
    this.dead = 0;
    for (let p = 0; p < this.slotCap * ps; p++) { const v = ptr[p]; if (v !== -1) ptr[p] = newIdx[v]; }
    this.lastMove = newIdx;
    this.compactions++;
    const move = (v: number) => (v >= 0 ? (newIdx[v] === -1 ? -2 : newIdx[v]) : v);
    this.pairs.remap(move);
    for (let i = 0; i < this.lastOff.length; i++) {
      const lo = this.lastOff[i];
      if (lo < 0) continue;
      for (const row of this.pages) {
        for (let b = lo; b < row.length; b += this.stride) if (row[b] === row[b]) row[b + 1] = move(row[b + 1]);
      }
    }
  }

  /** Writes the rows, window pointers, live arena and pair table for a snapshot; returns the sizes readFrom needs. */
  *writeTo(w: SnapshotWriter): Steps<EntityStoreSizes> {
    for (const page of this.pages) {
      w.write(page);
      yield;
    }
    for (let i = 0; i < this.ptr.length; i += ARENA_STEP) {
      w.write(this.ptr.subarray(i, i + ARENA_STEP));
      yield;
    }
    const ev = this.ev.subarray(0, this.evCount * this.es);
    for (let i = 0; i < ev.length; i += ARENA_STEP) {
      w.write(ev.subarray(i, i + ARENA_STEP));
      yield;
    }
    const pairs = yield* this.pairs.writeTo(w);
    return { slotCap: this.slotCap, ptr: this.ptr.length, evCount: this.evCount, pairs };
  }

  /** Replaces the state with what writeTo wrote (a store of the same layout). */
  *readFrom(r: SnapshotReader, s: EntityStoreSizes): Steps {
    this.pages = [];
    for (let i = 0; i < s.slotCap; i += PAGE_SLOTS) {
      const page = newF64(PAGE_SLOTS * this.stride);
      r.read(page);
      this.pages.push(page);
      yield;
    }
    this.slotCap = this.pages.length * PAGE_SLOTS;
    // Every entry is read back below (setPtr would first fill the whole array with -1 in one step).
    this.ptrBuf = growBuffer(null, s.ptr * 4);
    this.ptr = new Int32Array(this.ptrBuf, 0, s.ptr);
    for (let i = 0; i < this.ptr.length; i += ARENA_STEP) {
      r.read(this.ptr.subarray(i, i + ARENA_STEP));
      yield;
    }
    let cap = 1024;
    while (cap < s.evCount * 2 || cap < s.pairs) cap *= 2;
    this.evBuf = null;
    this.setArena(cap);
    this.dead = 0;
    const step = Math.max(1, Math.floor(ARENA_STEP / this.es));
    for (let from = 0; from < s.evCount; from += step) {
      const to = Math.min(s.evCount, from + step);
      r.read(this.ev.subarray(from * this.es, to * this.es));
      for (let x = from; x < to; x++) if (this.evi[x * this.is + I_SUPER] >>> GONE_SHIFT === this.nTimed) this.dead++;
      yield;
    }
    this.pairs = yield* PairTable.readFrom(r, s.pairs);
    this.evCount = s.evCount;
  }
}

/** What reading a store's snapshot back needs besides its bytes (JSON-safe). */
export interface EntityStoreSizes {
  slotCap: number;
  /** Length of the window-pointer array. */
  ptr: number;
  evCount: number;
  /** Pair-table entries. */
  pairs: number;
}
