import { describe, expect, it } from 'vitest';
import { PackedStrings } from '../packed-strings.ts';

describe('PackedStrings', () => {
  // Past two sealed blocks of 65,536 into a pending third; lengths 0-12, some non-ASCII.
  const values = Array.from({ length: 140_000 }, (_, i) => (i % 13 === 0 ? '' : `${i % 7 === 0 ? '交易' : 'T'}${i}`.slice(0, i % 13)));
  const col = new PackedStrings();
  for (const v of values) col.append(v);

  it('reads every string back by position, across block boundaries', () => {
    expect(col.length).toBe(values.length);
    for (const i of [0, 1, 65_535, 65_536, 65_537, 131_071, 131_072, 139_999]) expect(col.get(i)).toBe(values[i]);
    expect(col.toArray()).toEqual(values);
  });

  it('permutes into a new column', () => {
    const order = Int32Array.from(values.keys()).reverse();
    const p = col.permuted(order);
    expect(p.length).toBe(values.length);
    expect(p.get(0)).toBe(values[139_999]);
    expect(p.get(139_999)).toBe(values[0]);
    expect(p.toArray()).toEqual([...values].reverse());
  });

  it('refuses positions outside the column', () => {
    expect(() => col.get(values.length)).toThrow(RangeError);
    expect(() => col.get(-1)).toThrow(RangeError);
    expect(() => new PackedStrings().get(0)).toThrow(/no string at position 0 of 0/);
  });
});
