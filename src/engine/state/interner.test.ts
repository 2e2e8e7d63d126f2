import { describe, expect, it } from 'vitest';
import { Interner, hashKey } from './interner.ts';
import { runSteps, SnapshotReader, SnapshotWriter } from './snapshot-stream.ts';

describe('Interner', () => {
  it.each([false, true])('gives dense, stable ids through many growths (growing in place: %s)', (inPlace) => {
    const it = new Interner(inPlace);
    const keys = Array.from({ length: 60_000 }, (_, i) => (i % 3 === 0 ? `62220${String(i).padStart(10, '0')}` : i % 3 === 1 ? `EXT${i}` : `设备-${i}`));
    keys.forEach((k, i) => expect(it.id(k)).toBe(i));
    expect(it.size).toBe(keys.length);
    keys.forEach((k, i) => {
      expect(it.find(k)).toBe(i);
      expect(it.idHashed(`${k}`, hashKey(k))).toBe(i);
    });
    expect(it.find('62220999999999999')).toBe(-1);
    expect(it.keys[12_345]).toBe(keys[12_345]);
  });

  it('reads back from a snapshot the same keys under the same ids, whatever their characters', () => {
    const it = new Interner(true);
    // Over a million characters (more than one decoded block), CJK, a surrogate pair and lone surrogates.
    const keys = [...Array.from({ length: 45_000 }, (_, i) => `6222${String(i).padStart(20, '0')}`), '北京市朝阳区', 'dev-😀', 'x\uD800', '\uDC00y', 'A'];
    for (const k of keys) it.id(k);
    const w = new SnapshotWriter(4_099);
    const n = runSteps(it.writeTo(w));
    const r = new SnapshotReader(w.finish().map((p) => Buffer.from(p)));
    const back = new Interner();
    runSteps(back.readFrom(r, n));
    r.end();
    expect(back.keys).toEqual(keys);
    keys.forEach((k, i) => expect(back.find(k)).toBe(i));
    expect(back.id('new')).toBe(keys.length);
  });
});
