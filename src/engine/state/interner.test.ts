import { describe, expect, it } from 'vitest';
import { Interner, hashKey } from './interner.ts';

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
});
