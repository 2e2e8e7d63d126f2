/**
 * Builds a large UTF-8 text (an answer assembled from many pieces) straight into bytes.
 *
 * Why not one string: text built with `+=` is a rope, and a rope of thousands of pieces that mixes
 * one-byte and two-byte text (ASCII JSON around zh-CN reasons) is slow to flatten — a 1,000-record
 * batch answer (~600 KB) took ~4 ms to flatten for Fastify's Content-Length and then was converted
 * to UTF-8 again for the socket, against ~1 ms to build it. Writing each piece's bytes as it is made
 * (`Buffer#write`, no intermediate string) does all of it in ~2 ms (docs/ingest.md, "HTTP batch").
 *
 * The pieces go into one scratch buffer kept between calls (it grows to the largest text, up to
 * KEEP_MAX), and the result is a copy of exactly the bytes written: a fresh buffer sized for the
 * largest possible answer each time was external memory that V8 counts toward full collections.
 */
const KEEP_MAX = 16 * 1024 * 1024;
let scratch = Buffer.allocUnsafe(64 * 1024);
let busy = false;

/** Runs `build` with a `write` that appends a string's UTF-8 bytes; returns those bytes. Synchronous. */
export function utf8Bytes(build: (write: (s: string) => void) => void): Buffer {
  // A build inside a build (not done today) gets a buffer of its own.
  const own = busy;
  let buf = own ? Buffer.allocUnsafe(4_096) : scratch;
  let pos = 0;
  const write = (s: string): void => {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes (a surrogate pair, 2 units, takes 4).
    const need = pos + s.length * 3;
    if (need > buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, buf.length * 2));
      buf.copy(next, 0, 0, pos);
      buf = next;
      if (!own && next.length <= KEEP_MAX) scratch = next;
    }
    pos += buf.write(s, pos, 'utf8');
  };
  busy = true;
  try {
    build(write);
  } finally {
    if (!own) busy = false;
  }
  return Buffer.from(buf.subarray(0, pos));
}
