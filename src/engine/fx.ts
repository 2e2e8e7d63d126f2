import { currencyExponent } from '../domain/money.ts';

/**
 * Reference FX table: CNY per one major unit of each currency. Used only to express amounts and
 * thresholds in one currency (CNY) inside the engine; it is data, passed in by the caller.
 * The default below is a fixed reference table (PBOC central parity, rounded, late 2026 order of
 * magnitude) and must be replaced by the institution's official daily rates in production.
 */
export type FxTable = Readonly<Record<string, number>>;

export const DEFAULT_FX_TABLE: FxTable = {
  CNY: 1,
  USD: 7.1,
  EUR: 7.7,
  HKD: 0.91,
  GBP: 9.0,
  JPY: 0.047,
  MOP: 0.88,
  TWD: 0.22,
  KRW: 0.0052,
  SGD: 5.3,
  AUD: 4.7,
  CAD: 5.2,
  CHF: 8.1,
  THB: 0.2,
  MYR: 1.6,
  PHP: 0.125,
  VND: 0.00028,
  RUB: 0.078,
  AED: 1.93,
};

/** Converts an amount in minor units of `currency` into CNY minor units (fen), rounded. */
export function toCnyMinor(fx: FxTable, amountMinor: number, currency: string): number {
  if (currency === 'CNY') return amountMinor;
  const rate = fx[currency];
  if (rate === undefined) return NaN;
  const exp = currencyExponent(currency);
  const scale = exp === 2 ? 1 : 10 ** (2 - exp);
  return Math.round(amountMinor * scale * rate);
}

/** Converts a major-unit amount (e.g. USD 10,000) into CNY minor units with the same rounding. */
export function majorToCnyMinor(fx: FxTable, amountMajor: number, currency: string): number {
  const exp = currencyExponent(currency);
  return toCnyMinor(fx, Math.round(amountMajor * 10 ** exp), currency);
}
