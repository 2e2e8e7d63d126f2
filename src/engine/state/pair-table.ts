import { growBuffer, type GrowableBuffer, type I32 } from './buffers.ts';
import type { SnapshotReader, SnapshotWriter, Steps } from './snapshot-stream.ts';

/**
 * Open-addressing hash table from an (int, int) pair to an int, in one interleaved Int32Array
 * (key a, key b, value per entry: 12 bytes, so a probe mostly touches one cache line), linear
 * probing up to 3/4 load (at most 50% load and 16-byte entries took 2.7 times the memory, all of
 * it long-lived).
 * Hand-written because a Map keyed by composed strings or doubles allocates per operation and
 * costs several times more on the hot path; this table does one probe sequence per update and
 * its array serialises directly into a snapshot. Values are ≥ -2; -1 means "absent".
 * Keys a are ≥ 0 and stored as a + 1, so a zeroed array (what a fresh typed array is, without a
 * write pass over it) is an empty table.
 */
/** Entries a snapshot step writes or reads back at most. */
const SNAPSHOT_STEP_ENTRIES = 1 << 16;

export class PairTable {
  private cap: number;
  private t: I32;
  /** The table's buffer: grows in place (see growBuffer and grow()). */
  private buf: GrowableBuffer;
  size = 0;

  constructor(capacity = 1024) {
    this.cap = capacity;
    this.buf = growBuffer(null, capacity * 12);
    this.t = new Int32Array(this.buf, 0, capacity * 3);
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & (this.cap - 1);
  }

  get(a: number, b: number): number {
    const mask = this.cap - 1, t = this.t, a1 = a + 1;
    let i = this.slot(a, b);
    for (;;) {
      const p = i * 3;
      const x = t[p];
      if (x === 0) return -1;
      if (x === a1 && t[p + 1] === b) return t[p + 2];
      i = (i + 1) & mask;
    }
  }

  /** Reads the first slot (a, b) probes (a cache warm-up; the value means nothing). */
  peek(a: number, b: number): number {
    return this.t[this.slot(a, b) * 3];
  }

  /** Sets (a, b) → v and returns the previous value, or -1 when the pair was absent. */
  swap(a: number, b: number, v: number): number {
    if ((this.size + 1) * 4 > this.cap * 3) this.grow();
    const mask = this.cap - 1, t = this.t, a1 = a + 1;
    let i = this.slot(a, b);
    for (;;) {
      const p = i * 3;
      const x = t[p];
      if (x === 0) {
        t[p] = a1; t[p + 1] = b; t[p + 2] = v;
        this.size++;
        return -1;
      }
      if (x === a1 && t[p + 1] === b) {
        const old = t[p + 2];
        t[p + 2] = v;
        return old;
      }
      i = (i + 1) & mask;
    }
  }

  /** Rewrites every stored value (used when the event arena is compacted). */
  remap(fn: (v: number) => number): void {
    const t = this.t;
    for (let p = 0; p < t.length; p += 3) if (t[p] !== 0) t[p + 2] = fn(t[p + 2]);
  }

  /**
   * Doubles the capacity in place: the buffer grows (the new half reads as empty) and every entry
   * is moved to its slot under the new mask, so only the new half's pages are touched for the
   * first time. Copying into a fresh table faulted in every old table again (the account store's
   * tables summed to twice the final one, ~12,000 pages of ~12 µs on the benchmark's machine).
   *
   * Moving entries in place is correct for linear probing when the old slots are visited in
   * cyclic order starting just after an empty slot: each probe cluster is then visited from its
   * start, an entry's new home is its old home or old home + old capacity, and the slots its new
   * probe passes over have all been visited already (they hold moved entries, which never move
   * again). No moved entry's probe path therefore crosses a slot that is emptied later.
   */
  private grow(): void {
    const oldCap = this.cap, oldMask = oldCap - 1;
    this.cap = oldCap * 2;
    this.buf = growBuffer(this.buf, this.cap * 12);
    const t = (this.t = new Int32Array(this.buf, 0, this.cap * 3));
    const mask = this.cap - 1;
    let start = 0;
    while (t[start * 3] !== 0) start++; // the load is ≤ 3/4: there is an empty slot
    for (let k = 1; k <= oldCap; k++) {
      const q = ((start + k) & oldMask) * 3;
      const a1 = t[q];
      if (a1 === 0) continue;
      const b = t[q + 1], v = t[q + 2];
      t[q] = 0;
      let i = this.slot(a1 - 1, b);
      while (t[i * 3] !== 0) i = (i + 1) & mask;
      const p = i * 3;
      t[p] = a1; t[p + 1] = b; t[p + 2] = v;
    }
  }

  /** Writes the entries (pair and value, no empty slots) for a snapshot; returns how many, which readFrom needs. */
  *writeTo(w: SnapshotWriter): Steps<number> {
    const chunk = new Int32Array(3 * SNAPSHOT_STEP_ENTRIES);
    let j = 0;
    for (let p = 0; p < this.t.length; p += 3) {
      if (this.t[p] === 0) continue;
      chunk[j++] = this.t[p] - 1; chunk[j++] = this.t[p + 1]; chunk[j++] = this.t[p + 2];
      if (j === chunk.length) {
        w.write(chunk);
        j = 0;
        yield;
      }
    }
    w.write(chunk.subarray(0, j));
    return this.size;
  }

  static *readFrom(r: SnapshotReader, entries: number): Steps<PairTable> {
    let cap = 1024;
    while (cap * 3 < (entries + 1) * 4) cap *= 2;
    const t = new PairTable(cap);
    const chunk = new Int32Array(3 * Math.min(entries, SNAPSHOT_STEP_ENTRIES));
    for (let done = 0; done < entries; done += chunk.length / 3) {
      const e = chunk.subarray(0, 3 * Math.min(chunk.length / 3, entries - done));
      r.read(e);
      for (let i = 0; i < e.length; i += 3) t.swap(e[i], e[i + 1], e[i + 2]);
      yield;
    }
    return t;
  }

}
