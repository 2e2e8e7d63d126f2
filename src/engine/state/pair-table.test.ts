import { describe, expect, it } from 'vitest';
import { PairTable } from './pair-table.ts';
import { runSteps, SnapshotReader, SnapshotWriter } from './snapshot-stream.ts';

function rng(seed: number) { let s = seed; return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648); }

describe('PairTable', () => {
  it('agrees with a Map through many growths, a remap and a snapshot round trip', () => {
    const r = rng(11);
    const t = new PairTable();
    const ref = new Map<string, number>();
    for (let i = 0; i < 200_000; i++) {
      // Skewed keys: a few a values with many b values, and many a values with few.
      const a = r() < 0.3 ? Math.floor(r() * 20) : Math.floor(r() * 50_000);
      const b = Math.floor(r() * (a < 20 ? 100_000 : 30));
      const v = Math.floor(r() * 1_000_000);
      const k = `${a},${b}`;
      expect(t.swap(a, b, v)).toBe(ref.get(k) ?? -1);
      ref.set(k, v);
    }
    expect(t.size).toBe(ref.size);
    t.remap((v) => (v % 2 === 0 ? v / 2 : -2));
    for (const [k, v] of ref) ref.set(k, v % 2 === 0 ? v / 2 : -2);
    // Small parts: entries straddle part boundaries (the stored parts are copies, as a database returns them).
    const w = new SnapshotWriter(1_000);
    const entries = runSteps(t.writeTo(w));
    const reader = new SnapshotReader(w.finish().map((p) => Buffer.from(p)));
    const back = runSteps(PairTable.readFrom(reader, entries));
    reader.end();
    expect(back.size).toBe(ref.size);
    for (const [k, v] of ref) {
      const [a, b] = k.split(',').map(Number);
      expect(t.get(a, b)).toBe(v);
      expect(back.get(a, b)).toBe(v);
    }
    expect(t.get(1, -5)).toBe(-1);
    expect(back.get(60_000, 1)).toBe(-1);
  });

  it('keeps every entry reachable when it doubles in place, also in clusters wrapping past the end', () => {
    // A tiny table grows every few inserts; at 3/4 load its probe clusters often wrap around.
    const t = new PairTable(8);
    const ref: [number, number, number][] = [];
    for (let i = 0; i < 5_000; i++) {
      const a = (i * 7919) % 613, b = i;
      expect(t.swap(a, b, i)).toBe(-1);
      ref.push([a, b, i]);
      if ((i & (i - 1)) === 0) for (const [x, y, v] of ref) expect(t.get(x, y)).toBe(v);
    }
    for (const [x, y, v] of ref) expect(t.get(x, y)).toBe(v);
    expect(t.get(612, 5_000)).toBe(-1);
  });
});
