/**
 * Money is held as integer minor units plus an ISO 4217 currency code; never as a binary float.
 * Amounts arrive as decimal strings (or numbers) and are converted digit by digit.
 */

/** ISO 4217 minor-unit exponents for currencies that differ from 2; all others use 2. */
const EXPONENTS: Record<string, number> = {
  JPY: 0, KRW: 0, VND: 0, ISK: 0, CLP: 0, UGX: 0, XAF: 0, XOF: 0, PYG: 0, RWF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** ISO 4217 active alphabetic codes accepted by the default data-quality rules. */
export const ISO_CURRENCIES = new Set(
  ('AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
    'GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT ' +
    'LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR ' +
    'NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP ' +
    'STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF ' +
    'XPF YER ZAR ZMW ZWL').split(' '),
);

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/**
 * Parses a decimal amount ("1234.5", "1,234.50", 1234.5) into minor units.
 * Returns an error string instead of throwing so callers can quarantine with a reason, and which
 * fault it is (`fault`, with the currency's decimal `places`), so a reader's language can say it.
 */
export type AmountFault = 'not_number' | 'not_decimal' | 'decimals' | 'too_large';

export function parseMinorUnits(value: unknown, currency: string): { ok: true; minor: number } | { ok: false; reason: string; fault: AmountFault; places?: number } {
  if (typeof value === 'string') {
    const minor = plainMinor(value, currencyExponent(currency));
    if (minor >= 0) return { ok: true, minor };
  }
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: 'amount is not a finite number', fault: 'not_number' };
    text = String(value);
    if (text.includes('e') || text.includes('E')) text = value.toFixed(currencyExponent(currency) + 2);
  } else if (typeof value === 'string') {
    text = value.trim().replace(/,/g, '');
  } else {
    return { ok: false, reason: 'amount must be a decimal number or string', fault: 'not_number' };
  }
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, reason: `amount "${String(value)}" is not a decimal number`, fault: 'not_decimal' };
  const exp = currencyExponent(currency);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > exp) return { ok: false, reason: `amount "${String(value)}" has more than ${exp} decimal places for ${currency}`, fault: 'decimals', places: exp };
  const digits = m[2] + frac.padEnd(exp, '0');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'amount is too large', fault: 'too_large' };
  return { ok: true, minor: m[1] === '-' ? -minor : minor };
}

/**
 * The common case of parseMinorUnits without a regular expression or any string built: unsigned
 * digits with an optional fraction ("247937.36"), no extra non-zero places, a safe integer.
 * Returns -1 for anything else, which the general path then parses or explains (file ingest
 * parses one amount per record; this is a fifth of that path's cost).
 */
function plainMinor(text: string, exp: number): number {
  const n = text.length;
  if (n === 0) return -1;
  let minor = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return -1;
    minor = minor * 10 + (c - 48);
  }
  if (i === 0) return -1;
  let places = 0;
  if (i < n) {
    if (i === n - 1) return -1; // "5." has no fraction digits
    for (i++; i < n; i++, places++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      if (places < exp) minor = minor * 10 + (c - 48);
      else if (c !== 48) return -1;
    }
  }
  for (; places < exp; places++) minor *= 10;
  // Below 2^53 every step was exact; a larger amount is left to the general path's error.
  return Number.isSafeInteger(minor) ? minor : -1;
}

/** Formats minor units as a decimal string ("480000.00"). */
export function formatMinor(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const neg = minor < 0;
  const s = String(Math.abs(minor)).padStart(exp + 1, '0');
  const body = exp === 0 ? s : `${s.slice(0, -exp)}.${s.slice(-exp)}`;
  return neg ? `-${body}` : body;
}
