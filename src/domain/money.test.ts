import { describe, expect, it } from 'vitest';
import { parseMinorUnits } from './money.ts';

const minor = (v: unknown, c = 'CNY') => {
  const r = parseMinorUnits(v, c);
  return r.ok ? r.minor : r.fault;
};

describe('parseMinorUnits', () => {
  it('reads decimal strings and numbers into minor units of the currency', () => {
    expect(['247937.36', '5', '5.1', '007.50', '1.500', '0.01'].map((v) => minor(v))).toEqual([24793736, 500, 510, 750, 150, 1]);
    expect([minor('100', 'JPY'), minor('100.00', 'JPY'), minor('1.234', 'KWD'), minor(12.5), minor(-3)]).toEqual([100, 100, 1234, 1250, -300]);
    expect([minor('1,234.50'), minor(' 12.30 '), minor('-5.25')]).toEqual([123450, 1230, -525]);
  });

  it('says why an amount is refused, whichever path reads it', () => {
    expect(['5.', '.5', '', 'abc', '1.2.3', '1e5', '+5', '12a'].map((v) => minor(v))).toEqual(Array(8).fill('not_decimal'));
    expect([minor('1.234'), minor('100.5', 'JPY'), minor('1.0000001')]).toEqual(['decimals', 'decimals', 'decimals']);
    // 2^53 minor units and beyond cannot be held exactly.
    expect([minor('90071992547409.92'), minor('90071992547409.91'), minor('99999999999999999999')]).toEqual(['too_large', 9007199254740991, 'too_large']);
  });

  it('gives plain digit strings the same answer as the general path', () => {
    // A leading space takes the general (trimming, regular-expression) path.
    let x = 7;
    const rnd = (n: number) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 2_000; i++) {
      const int = String(rnd(10) === 0 ? rnd(10) * 1e12 + rnd(1e9) : rnd(1e7));
      const frac = '0123456789'.slice(0, rnd(5)).split('').map(() => String(rnd(3) === 0 ? 0 : rnd(10))).join('');
      const text = rnd(4) === 0 ? int : `${int}.${frac}`;
      for (const c of ['CNY', 'JPY', 'KWD']) expect([text, c, minor(text, c)]).toEqual([text, c, minor(` ${text}`, c)]);
    }
  });
});
