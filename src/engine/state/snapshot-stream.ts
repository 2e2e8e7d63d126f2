import { AppError } from '../../shared/errors.ts';

/**
 * The engine's state as a stream of bytes cut into parts of a fixed size (the snapshot's storage
 * keeps each part as one row).
 *
 * Hand-written because the state is a few typed arrays copied byte for byte: the earlier format
 * (base64 text inside one JSON document) needed the whole state as one JavaScript string, which
 * V8 caps at 2^29 − 24 characters (~512 MiB). The built-in scenarios' state over 100,000 accounts
 * and 1,000,000 transactions was already 441 MiB of that text, so a bank twice that size could not
 * save a snapshot at all (and the failed save failed the engine's build). In parts, no single value is
 * larger than a part, whatever the state's size.
 */
export const SNAPSHOT_PART_BYTES = 4 * 2 ** 20;

/**
 * Snapshotting and restoring are generators that yield between steps of at most a few MiB each, so
 * a caller with other work (a server refreshing a snapshot beside live requests) can let it in;
 * `runSteps` runs one to its end at once.
 */
export type Steps<T = void> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

const bytesOf = (v: ArrayBufferView): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/** Copies views into parts of `partBytes` bytes (the last one shorter). */
export class SnapshotWriter {
  private readonly parts: Uint8Array[] = [];
  private at = 0;

  constructor(private readonly partBytes = SNAPSHOT_PART_BYTES) {}

  write(view: ArrayBufferView): void {
    const src = bytesOf(view);
    for (let i = 0; i < src.length;) {
      let cur = this.parts[this.parts.length - 1];
      if (cur === undefined || this.at === cur.length) {
        // Over a SharedArrayBuffer, as the state itself (buffers.ts): ordinary buffers of this size
        // count as external memory, and every ~64 MB of them started a full collection of the heap.
        cur = new Uint8Array(new SharedArrayBuffer(this.partBytes));
        this.parts.push(cur);
        this.at = 0;
      }
      const n = Math.min(src.length - i, cur.length - this.at);
      cur.set(src.subarray(i, i + n), this.at);
      this.at += n;
      i += n;
    }
  }

  /** The parts written (copies: the state may change afterwards). */
  finish(): Uint8Array[] {
    const last = this.parts.length - 1;
    if (last >= 0 && this.at < this.parts[last].length) this.parts[last] = this.parts[last].subarray(0, this.at);
    return this.parts;
  }
}

/** Reads the bytes of a SnapshotWriter's parts back in the order they were written. */
export class SnapshotReader {
  private part = 0;
  private at = 0;

  constructor(private readonly parts: readonly Uint8Array[]) {}

  /** Fills `into` with the next bytes; a snapshot that ends early is refused. */
  read(into: ArrayBufferView): void {
    const dst = bytesOf(into);
    for (let i = 0; i < dst.length;) {
      const cur = this.parts[this.part];
      if (cur === undefined) throw incomplete('it ends early');
      const n = Math.min(dst.length - i, cur.length - this.at);
      dst.set(cur.subarray(this.at, this.at + n), i);
      i += n;
      this.at += n;
      if (this.at === cur.length) { this.part++; this.at = 0; }
    }
  }

  /** Refuses a snapshot with bytes left over (its sizes do not describe its parts). */
  end(): void {
    while (this.part < this.parts.length && this.parts[this.part].length === this.at) { this.part++; this.at = 0; }
    if (this.part < this.parts.length) throw incomplete('it holds more bytes than its sizes describe');
  }
}

// A conflict, as a snapshot of other scenarios: the engine runtime then replays the whole log.
const incomplete = (why: string) => new AppError('conflict', `engine snapshot is unreadable (${why}); rebuild the state by replaying the log`);
