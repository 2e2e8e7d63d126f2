import { describe, expect, it } from 'vitest';
import { parseCommonIso } from './iso-time.ts';

describe('parseCommonIso', () => {
  it('reads the common ISO 8601 shapes as Date.parse does', () => {
    let x = 3;
    const rnd = (n: number) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
    const p2 = (v: number) => String(v).padStart(2, '0');
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      // Mostly valid fields, sometimes out of range (31 April, 29 February, hour 24, minute 60).
      const y = [1900, 2000, 2023, 2024, 2026, 2100][rnd(6)];
      const date = `${y}-${p2(1 + rnd(12))}-${p2(1 + rnd(31))}T${p2(rnd(25))}:${p2(rnd(61))}:${p2(rnd(61))}`;
      const frac = ['', `.${String(rnd(1000)).padStart(3, '0')}`][rnd(2)];
      const zone = ['Z', `+${p2(rnd(15))}:${p2(rnd(4) * 15)}`, `-${p2(rnd(13))}:30`, '', '+0800'][rnd(5)];
      const s = `${date}${frac}${zone}`;
      const ours = parseCommonIso(s);
      if (!Number.isNaN(ours)) {
        read++;
        expect([s, ours]).toEqual([s, Date.parse(s)]);
      }
    }
    expect(read).toBeGreaterThan(5_000);
  });

  it('leaves every other text to the full parser', () => {
    for (const s of ['2026-11-23 09:30:00Z', '2026-11-23T09:30Z', '2026-11-23T09:30:00.5Z', '2026-11-23T09:30:00', '2026-02-29T00:00:00Z',
      '2026-11-23T09:30:00+0800', '+02026-11-23T09:30:00Z', '2026-11-23T09:30:00.123456Z', 'x026-11-23T09:30:00Z', '2026-1a-23T09:30:00Z', '0050-01-01T00:00:00Z', '0099-12-31T00:00:00Z']) {
      expect([s, parseCommonIso(s)]).toEqual([s, NaN]);
    }
    for (const s of ['2024-02-29T23:59:59.999+08:00', '0100-01-01T00:00:00Z', '0999-06-30T12:00:00-05:00']) expect([s, parseCommonIso(s)]).toEqual([s, Date.parse(s)]);
  });
});
