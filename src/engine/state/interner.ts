import { growBuffer, type GrowableBuffer, type I32, type U16 } from './buffers.ts';
import type { SnapshotReader, SnapshotWriter, Steps } from './snapshot-stream.ts';

/**
 * Maps entity keys (account numbers, device ids ...) to dense slot numbers for typed-array state.
 *
 * Hand-written open-addressing table instead of a Map<string, number>: keys arrive as fresh
 * strings (parsed from the request), so a Map lookup hashes the string and then follows its
 * bucket chain through entries and candidate key strings scattered over the heap, several cache
 * misses per lookup with hundreds of thousands of keys (15% of scoring time). Here one probe
 * reads a 16-byte slot (hash, id, offset, length) and the candidate's characters from one
 * contiguous arena: two misses.
 */
/** Characters decoded at once when a snapshot's keys are read back (a string per block, sliced). */
const KEY_BLOCK_CHARS = 1 << 18;

export class Interner {
  readonly keys: string[] = [];
  private tableBuf: GrowableBuffer;
  /** Per slot: hash, id + 1 (0 = empty), offset of the key's characters, key length. */
  private table: I32;
  private mask = 1023;
  private charsBuf: GrowableBuffer;
  private chars: U16;
  private used = 0;

  /**
   * `inPlace`: the table and the characters grow in place (growBuffer: each buffer reserves
   * ≥ 1 GB of address space, and growing touches only the new part's pages), for the engine's
   * long-lived interners of hundreds of thousands of keys. Otherwise each growth copies into a
   * buffer of the new size.
   */
  constructor(private readonly inPlace = false) {
    this.tableBuf = this.resize(null, 1024 * 16);
    this.table = new Int32Array(this.tableBuf, 0, 1024 * 4);
    this.charsBuf = this.resize(null, (1 << 14) * 2);
    this.chars = new Uint16Array(this.charsBuf, 0, 1 << 14);
  }

  /** A buffer of `bytes` bytes starting with `buf`'s contents (the rest zero). */
  private resize(buf: GrowableBuffer | null, bytes: number): GrowableBuffer {
    if (this.inPlace) return growBuffer(buf, bytes);
    const nb = new SharedArrayBuffer(bytes) as GrowableBuffer;
    if (buf !== null) new Uint8Array(nb).set(new Uint8Array(buf));
    return nb;
  }

  static from(keys: readonly string[]): Interner {
    const i = new Interner();
    for (const k of keys) i.id(k);
    return i;
  }

  id(key: string): number {
    return this.idHashed(key, hashKey(key));
  }

  /**
   * Touches the table slot and the candidate's characters for a key with hash h (returns a value
   * for the caller to keep, so the loads are not dropped). The engine hashes all of a
   * transaction's keys and peeks at their slots before resolving any, so the cache misses of the
   * five or so lookups overlap instead of being paid one after another.
   */
  peek(h: number): number {
    const p = (h & this.mask) << 2;
    return this.chars[this.table[p + 2]];
  }

  /**
   * The id in the first slot key hash h probes when that slot holds hash h, else -1: the key's id
   * in nearly every case, unverified (another key with the same hash is possible). Lets the
   * engine start loading the key's row while the characters that verify it are still on their
   * way; it must only serve such warm-ups, never as the id.
   */
  guess(h: number): number {
    const p = (h & this.mask) << 2, t = this.table;
    return t[p] === h ? t[p + 1] - 1 : -1;
  }

  /** id(key) with h = hashKey(key) computed by the caller. */
  idHashed(key: string, h: number): number {
    const n = key.length;
    const t = this.table, mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const p = i << 2;
      const v = t[p + 1];
      if (v === 0) return this.insert(p, h, key, n);
      if (t[p] === h && t[p + 3] === n && this.same(t[p + 2], key, n)) return v - 1;
    }
  }

  find(key: string): number {
    const n = key.length;
    const h = hashKey(key);
    const t = this.table, mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const p = i << 2;
      const v = t[p + 1];
      if (v === 0) return -1;
      if (t[p] === h && t[p + 3] === n && this.same(t[p + 2], key, n)) return v - 1;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /**
   * Writes the keys for a snapshot: their lengths, then their characters in id order (the arena
   * holds exactly that). Returns the number of keys, which readFrom needs.
   */
  *writeTo(w: SnapshotWriter): Steps<number> {
    const n = this.keys.length;
    const lengths = new Int32Array(Math.min(n, KEY_BLOCK_CHARS));
    for (let i = 0; i < n; i += lengths.length) {
      const m = Math.min(lengths.length, n - i);
      for (let j = 0; j < m; j++) lengths[j] = this.keys[i + j].length;
      w.write(lengths.subarray(0, m));
      yield;
    }
    for (let off = 0; off < this.used; off += KEY_BLOCK_CHARS) {
      w.write(this.chars.subarray(off, Math.min(this.used, off + KEY_BLOCK_CHARS)));
      yield;
    }
    return n;
  }

  /** Interns, in id order, the `n` keys a snapshot's writeTo wrote (into an empty interner: same ids). */
  *readFrom(r: SnapshotReader, n: number): Steps {
    const lengths = new Int32Array(n);
    for (let i = 0; i < n; i += KEY_BLOCK_CHARS) {
      r.read(lengths.subarray(i, i + KEY_BLOCK_CHARS));
      yield;
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += lengths[i];
    const chars = new Uint16Array(total);
    // Sized for all of them first: doubling a full table rehashes every key in one step.
    while ((this.keys.length + n) * 2 > this.mask + 1) this.grow();
    yield;
    // Read and decoded a block of keys at a time, then sliced: a call per key cost ~1.5 µs (Node's
    // UTF-16 decoding copies code units as they are, lone surrogates included).
    const bytes = Buffer.from(chars.buffer, chars.byteOffset, chars.byteLength);
    for (let i = 0, off = 0; i < n;) {
      let end = i, len = 0;
      while (end < n && (len < KEY_BLOCK_CHARS || end === i)) len += lengths[end++];
      r.read(chars.subarray(off, off + len));
      const block = bytes.toString('utf16le', off * 2, (off + len) * 2);
      for (let at = 0; i < end; at += lengths[i], i++) this.id(block.slice(at, at + lengths[i]));
      off += len;
      yield;
    }
  }

  private same(off: number, key: string, n: number): boolean {
    const c = this.chars;
    for (let j = 0; j < n; j++) if (c[off + j] !== key.charCodeAt(j)) return false;
    return true;
  }

  private insert(p: number, h: number, key: string, n: number): number {
    const id = this.keys.length;
    if (this.used + n > this.chars.length) {
      let cap = this.chars.length * 2;
      while (this.used + n > cap) cap *= 2;
      this.charsBuf = this.resize(this.charsBuf, cap * 2);
      this.chars = new Uint16Array(this.charsBuf, 0, cap);
    }
    const off = this.used;
    for (let j = 0; j < n; j++) this.chars[off + j] = key.charCodeAt(j);
    this.used += n;
    this.keys.push(key);
    const t = this.table;
    t[p] = h; t[p + 1] = id + 1; t[p + 2] = off; t[p + 3] = n;
    if ((id + 1) * 2 > this.mask + 1) this.grow();
    return id;
  }

  /**
   * Doubles the table in place, moving each entry to its slot under the new mask; the old slots
   * are visited in cyclic order from just after an empty one, which keeps linear probing correct
   * (see PairTable.grow, same argument).
   */
  private grow(): void {
    const oldCap = this.mask + 1, oldMask = this.mask;
    const cap = oldCap * 2;
    this.tableBuf = this.resize(this.tableBuf, cap * 16);
    const t = (this.table = new Int32Array(this.tableBuf, 0, cap * 4));
    const mask = (this.mask = cap - 1);
    let start = 0;
    while (t[(start << 2) + 1] !== 0) start++; // the load is ≤ 1/2: there is an empty slot
    for (let k = 1; k <= oldCap; k++) {
      const p = ((start + k) & oldMask) << 2;
      if (t[p + 1] === 0) continue;
      const h = t[p], v = t[p + 1], off = t[p + 2], len = t[p + 3];
      t[p + 1] = 0;
      let i = h & mask;
      while (t[(i << 2) + 1] !== 0) i = (i + 1) & mask;
      const q = i << 2;
      t[q] = h; t[q + 1] = v; t[q + 2] = off; t[q + 3] = len;
    }
  }
}

/** FNV-1a over UTF-16 code units with a murmur3 finaliser (well spread low bits for the mask). */
export function hashKey(key: string): number {
  const n = key.length;
  let h = 0x811c9dc5 ^ n;
  for (let j = 0; j < n; j++) h = Math.imul(h ^ key.charCodeAt(j), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
