/**
 * Appends strings to a growing buffer as UTF-8, for large answers assembled from many pieces.
 *
 * Why not one string: text built with `+=` is a rope, and a rope of thousands of pieces that mixes
 * one-byte and two-byte text (ASCII JSON around zh-CN reasons) is slow to flatten — a 1,000-record
 * batch answer (~600 KB) took ~4 ms to flatten for Fastify's Content-Length and then was converted
 * to UTF-8 again for the socket, against ~1 ms to build it. Writing each piece's bytes as it is made
 * (`Buffer#utf8Write`, no intermediate string) does all of it in ~2 ms (docs/ingest.md, "HTTP batch").
 */
export class Utf8Writer {
  private buf: Buffer;
  private pos = 0;

  constructor(capacity = 4_096) {
    this.buf = Buffer.allocUnsafe(Math.max(64, capacity));
  }

  write(s: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes (a surrogate pair, 2 units, takes 4).
    const need = this.pos + s.length * 3;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** The bytes written so far (a view of the writer's buffer: write nothing after taking it). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
