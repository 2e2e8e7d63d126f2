/** Display helpers: amounts are integer minor units; times are UTC epoch ms shown in the user's zone. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

export function formatAmount(amountMinor: number, currency: string, lang: string): string {
  const digits = MINOR_DIGITS[currency] ?? 2;
  const value = amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(n);
}

export function formatPercent(fraction: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

export function formatTime(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatDate(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(ms));
}

/** `YYYY-MM-DD` of a local date input → epoch ms at local midnight (start) or end of that day. */
export function dayStart(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

export function dayEnd(date: string): number {
  return dayStart(date) + 86_400_000 - 1;
}

/** Local `YYYY-MM-DD` of an epoch ms, for date inputs. */
export function toDateInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Minutes east of UTC of the user's zone now (the dashboard groups days in the user's zone). */
export function tzOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}
