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
