import { newI32, newU16, type I32, type U16 } from './buffers.ts';

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
export class Interner {
  readonly keys: string[] = [];
  /** Per slot: hash, id + 1 (0 = empty), offset of the key's characters, key length. */
  private table: I32 = newI32(1024 * 4);
  private mask = 1023;
  private chars: U16 = newU16(1 << 14);
  private used = 0;

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
      const c = newU16(cap);
      c.set(this.chars.subarray(0, this.used));
      this.chars = c;
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

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const t = newI32(cap * 4);
    const mask = cap - 1;
    for (let p = 0; p < old.length; p += 4) {
      if (old[p + 1] === 0) continue;
      let i = old[p] & mask;
      while (t[(i << 2) + 1] !== 0) i = (i + 1) & mask;
      const q = i << 2;
      t[q] = old[p]; t[q + 1] = old[p + 1]; t[q + 2] = old[p + 2]; t[q + 3] = old[p + 3];
    }
    this.table = t;
    this.mask = mask;
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
