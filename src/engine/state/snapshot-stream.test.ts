import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { SnapshotReader, SnapshotWriter } from './snapshot-stream.ts';

describe('snapshot stream', () => {
  it('cuts views into parts of the given size and reads them back in order, across part boundaries', () => {
    const w = new SnapshotWriter(10);
    const a = Float64Array.from([1.5, NaN, -Infinity]); // 24 bytes: spans three parts
    const b = Int32Array.from([7, -1, 2 ** 31 - 1]);
    const c = new Uint16Array(new SharedArrayBuffer(8)); // engine state lives in shared buffers
    c.set([0x4e2d, 0xd83d, 0xde00, 65]);
    w.write(a); w.write(b); w.write(c.subarray(1, 4)); w.write(new Uint8Array(0));
    const parts = w.finish();
    expect(parts.map((p) => p.length)).toEqual([10, 10, 10, 10, 2]); // 24 + 12 + 6 bytes
    a[0] = 99; // the parts are copies
    const r = new SnapshotReader(parts);
    const a2 = new Float64Array(3), b2 = new Int32Array(3), c2 = new Uint16Array(3);
    r.read(a2); r.read(b2); r.read(c2);
    r.end();
    expect([...a2]).toEqual([1.5, NaN, -Infinity]);
    expect([...b2]).toEqual([7, -1, 2 ** 31 - 1]);
    expect([...c2]).toEqual([0xd83d, 0xde00, 65]);
  });

  it('refuses a snapshot that ends early or holds bytes its sizes do not describe (a conflict: the log is replayed instead)', () => {
    const w = new SnapshotWriter(8);
    w.write(Int32Array.from([1, 2, 3, 4, 5]));
    const parts = w.finish();
    const short = new SnapshotReader(parts.slice(0, 2));
    expect(() => short.read(new Int32Array(5))).toThrow(expect.objectContaining({ kind: 'conflict' }));
    const long = new SnapshotReader(parts);
    long.read(new Int32Array(4));
    expect(() => long.end()).toThrow(AppError);
    const exact = new SnapshotReader(parts);
    exact.read(new Int32Array(5));
    expect(() => exact.end()).not.toThrow();
  });
});
