/**
 * Open-addressing hash table from an (int, int) pair to an int, in typed arrays.
 * Hand-written because a Map keyed by composed strings or doubles allocates per operation and
 * costs several times more on the hot path; this table does one probe sequence per update and
 * its arrays serialise directly into a snapshot. Values are ≥ -2; -1 means "absent".
 */
export class PairTable {
  private cap: number;
  private ka: Int32Array;
  private kb: Int32Array;
  private vals: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.cap = capacity;
    this.ka = new Int32Array(capacity).fill(-1);
    this.kb = new Int32Array(capacity);
    this.vals = new Int32Array(capacity);
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & (this.cap - 1);
  }

  get(a: number, b: number): number {
    const mask = this.cap - 1;
    let i = this.slot(a, b);
    for (;;) {
      const x = this.ka[i];
      if (x === -1) return -1;
      if (x === a && this.kb[i] === b) return this.vals[i];
      i = (i + 1) & mask;
    }
  }

  /** Sets (a, b) → v and returns the previous value, or -1 when the pair was absent. */
  swap(a: number, b: number, v: number): number {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const mask = this.cap - 1;
    let i = this.slot(a, b);
    for (;;) {
      const x = this.ka[i];
      if (x === -1) {
        this.ka[i] = a;
        this.kb[i] = b;
        this.vals[i] = v;
        this.size++;
        return -1;
      }
      if (x === a && this.kb[i] === b) {
        const old = this.vals[i];
        this.vals[i] = v;
        return old;
      }
      i = (i + 1) & mask;
    }
  }

  /** Rewrites every stored value (used when the event arena is compacted). */
  remap(fn: (v: number) => number): void {
    for (let i = 0; i < this.cap; i++) if (this.ka[i] !== -1) this.vals[i] = fn(this.vals[i]);
  }

  private grow(): void {
    const { ka, kb, vals, cap } = this;
    this.cap = cap * 2;
    this.ka = new Int32Array(this.cap).fill(-1);
    this.kb = new Int32Array(this.cap);
    this.vals = new Int32Array(this.cap);
    this.size = 0;
    for (let i = 0; i < cap; i++) if (ka[i] !== -1) this.swap(ka[i], kb[i], vals[i]);
  }

  toJSON(): PairTableSnapshot {
    const n = this.size;
    const a = new Int32Array(n), b = new Int32Array(n), v = new Int32Array(n);
    let j = 0;
    for (let i = 0; i < this.cap; i++) {
      if (this.ka[i] === -1) continue;
      a[j] = this.ka[i]; b[j] = this.kb[i]; v[j] = this.vals[i]; j++;
    }
    return { a: encodeI32(a), b: encodeI32(b), v: encodeI32(v) };
  }

  static fromJSON(s: PairTableSnapshot): PairTable {
    const a = decodeI32(s.a), b = decodeI32(s.b), v = decodeI32(s.v);
    let cap = 1024;
    while (cap < a.length * 2 + 2) cap *= 2;
    const t = new PairTable(cap);
    for (let i = 0; i < a.length; i++) t.swap(a[i], b[i], v[i]);
    return t;
  }
}

export interface PairTableSnapshot { a: string; b: string; v: string }

export function encodeI32(x: Int32Array): string {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64');
}
export function decodeI32(s: string): Int32Array<ArrayBuffer> {
  const b = Buffer.from(s, 'base64');
  const out = new Int32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
export function encodeF64(x: Float64Array): string {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64');
}
export function decodeF64(s: string): Float64Array<ArrayBuffer> {
  const b = Buffer.from(s, 'base64');
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}
