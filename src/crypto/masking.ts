/**
 * Display masks for personal data, used when the caller's role may not see the clear value
 * (permission `customers:pii`). Masks keep just enough to recognise a record on the phone with a
 * customer, following common practice in Chinese banks' systems.
 */
const chars = (s: string) => Array.from(s);

/** `6222021234561234` → `6222 **** **** 1234` (first 4 and last 4 digits). */
export function maskAccountNumber(v: string): string {
  const s = v.replace(/\s+/g, '');
  if (s.length <= 8) return s.length <= 4 ? '*'.repeat(s.length) : `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
  return `${s.slice(0, 4)} **** **** ${s.slice(-4)}`;
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`, `Li Lei` → `L*****`; organisations keep their name. */
export function maskName(v: string, kind: 'person' | 'organisation' = 'person'): string {
  if (kind === 'organisation') return v;
  const c = chars(v.trim());
  if (c.length <= 1) return c.length ? '*' : '';
  return c[0] + '*'.repeat(c.length - 1);
}

/** `13812341234` → `138****1234`; other lengths keep the last 4 digits. */
export function maskPhone(v: string): string {
  const s = v.replace(/[\s-]+/g, '');
  if (/^(\+?86)?1\d{10}$/.test(s)) {
    const m = s.slice(-11);
    return `${m.slice(0, 3)}****${m.slice(-4)}`;
  }
  return s.length <= 4 ? '*'.repeat(s.length) : `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/** Resident ID `110101199003071234` → `110101********1234` (region code and last 4 kept). */
export function maskIdNumber(v: string): string {
  const s = v.trim();
  if (s.length === 18 || s.length === 15) return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(s.length - 4)}${s.slice(-2)}`;
}

/** Keeps the first 6 characters (province/city/district) of an address. */
export function maskAddress(v: string): string {
  const c = chars(v.trim());
  return c.length <= 6 ? '*'.repeat(c.length) : `${c.slice(0, 6).join('')}****`;
}
