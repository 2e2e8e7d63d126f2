/** Display helpers: amounts are integer minor units; times are UTC epoch ms shown in the user's zone. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

/** A summary figure: "¥204万" / "CN¥2M" (the exact amount belongs in a title or a detail view). */
export function formatAmountCompact(amountMinor: number, currency: string, lang: string): string {
  const value = amountMinor / 10 ** (MINOR_DIGITS[currency] ?? 2);
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
  } catch {
    return `${value.toFixed(0)} ${currency}`;
  }
}

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

/**
 * A span of time with the shared parts said once, in the reader's time zone: "2026年11月14日 10:53 –
 * 12月1日 16:03", "… 10:53 – 16:03" within a day. By hand: Intl's formatRange repeats the year of
 * date-time ranges (and falls back to numeric dates in zh-CN).
 */
export function formatTimeRange(from: number, to: number, lang: string): string {
  const a = new Date(from), b = new Date(Math.max(from, to));
  const part = (o: Intl.DateTimeFormatOptions, d: Date) => new Intl.DateTimeFormat(lang, o).format(d);
  const first = part({ year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, a);
  if (from === b.getTime()) return first;
  const sameDay = part({ dateStyle: 'short' }, a) === part({ dateStyle: 'short' }, b);
  const sameYear = part({ year: 'numeric' }, a) === part({ year: 'numeric' }, b);
  const last = sameDay ? part({ hour: 'numeric', minute: '2-digit' }, b)
    : part({ ...(sameYear ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, b);
  return `${first} – ${last}`;
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
