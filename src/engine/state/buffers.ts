/**
 * Typed arrays for the engine's long-lived state (entity rows, event arena, pair and interner
 * tables), allocated over a SharedArrayBuffer.
 *
 * V8 counts every ArrayBuffer backing store as external memory and starts a full mark-compact
 * garbage collection of the whole JS heap for roughly every 64 MB it grows by (the heuristic
 * assumes the memory belongs to wrapper objects a GC can free). The engine's state is hundreds of
 * MB of arrays that live as long as the engine, so with a large heap next to it (the benchmark
 * keeps 1,000,000 transaction objects, ~350 MB) those collections cost ~15% of scoring time and
 * free nothing. SharedArrayBuffer memory is not counted that way. It is still freed when the array
 * is collected, and is never shared with another thread here (plain loads and stores only).
 */
export type F64 = Float64Array<ArrayBufferLike>;
export type I32 = Int32Array<ArrayBufferLike>;
export type U16 = Uint16Array<ArrayBufferLike>;

export const newF64 = (n: number): F64 => new Float64Array(new SharedArrayBuffer(n * 8));
export const newI32 = (n: number): I32 => new Int32Array(new SharedArrayBuffer(n * 4));
export const newU16 = (n: number): U16 => new Uint16Array(new SharedArrayBuffer(n * 2));

/** A SharedArrayBuffer that may be growable (ES2024; the project's TypeScript lib is ES2023). */
export interface GrowableBuffer extends SharedArrayBuffer {
  readonly growable: boolean;
  readonly maxByteLength: number;
  grow(bytes: number): void;
}
const Growable = SharedArrayBuffer as unknown as new (bytes: number, opts?: { maxByteLength: number }) => GrowableBuffer;

/** Largest growable buffer V8 accepts here (a larger maximum is refused). */
const MAX_GROWABLE = 2 ** 32;
/** Address space reserved for a growable buffer at least (reserved, not committed or touched). */
const MIN_RESERVE = 2 ** 30;

/**
 * Returns a buffer of at least `bytes` bytes holding `buf`'s contents: `buf` itself, grown in
 * place, while its reservation allows. A growable SharedArrayBuffer reserves address space up to
 * its maximum and commits pages only as they are first written, so growing copies nothing and
 * touches no memory. Doubling into a fresh array instead copied the old contents each time and
 * faulted in about twice the final size (a first touch of a 4 KB page costs ~12 µs on the
 * benchmark's virtual machine). New bytes read as zero.
 */
export function growBuffer(buf: GrowableBuffer | null, bytes: number): GrowableBuffer {
  if (buf !== null && bytes <= buf.byteLength) return buf;
  if (buf !== null && buf.growable && bytes <= buf.maxByteLength) {
    buf.grow(bytes);
    return buf;
  }
  let nb: GrowableBuffer;
  try {
    nb = bytes <= MAX_GROWABLE
      ? new Growable(bytes, { maxByteLength: Math.min(MAX_GROWABLE, Math.max(MIN_RESERVE, bytes * 8)) })
      : new Growable(bytes);
  } catch {
    nb = new Growable(bytes); // address space refused (e.g. a ulimit -v): a fixed buffer, copied when it grows
  }
  if (buf !== null) new Uint8Array(nb).set(new Uint8Array(buf));
  return nb;
}
