/** Reason templates: literal text with `{{feature}}` or `{{feature|format}}` placeholders. */
export const FORMATS = ['money', 'int', 'num', 'pct', 'days'] as const;
export type Format = (typeof FORMATS)[number];
export type TemplatePart = string | { feature: string; format: Format | null };

export function parseTemplate(text: string): { parts: TemplatePart[]; errors: string[] } {
  const parts: TemplatePart[] = [];
  const errors: string[] = [];
  const re = /\{\{\s*([a-z0-9_]+)\s*(?:\|\s*([a-z]+)\s*)?\}\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const fmt = m[2] ?? null;
    if (fmt !== null && !(FORMATS as readonly string[]).includes(fmt)) errors.push(`unknown format "${fmt}" in {{${m[1]}|${fmt}}} (expected ${FORMATS.join(', ')})`);
    parts.push({ feature: m[1], format: (fmt as Format) ?? null });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  const rest = parts.filter((p): p is string => typeof p === 'string').join('');
  if (rest.includes('{{') || rest.includes('}}')) errors.push('malformed placeholder (expected {{feature}} or {{feature|format}})');
  return { parts, errors };
}

/**
 * Thousands separators: a comma every three digits from the right (`-1234567` → `-1,234,567`).
 * Reasons are rendered for every hit stored, so plain digits are grouped by slicing; anything else
 * (exponent notation) goes through the pattern, which leaves it as it always did.
 */
const group = (s: string): string => {
  if (!PLAIN_INTEGER.test(s)) return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const start = s.charCodeAt(0) === 45 ? 1 : 0; // after a minus sign
  const first = start + ((s.length - start) % 3 || 3);
  let out = s.slice(0, first);
  for (let i = first; i < s.length; i += 3) out += ',' + s.slice(i, i + 3);
  return out;
};
const PLAIN_INTEGER = /^-?\d+$/;

export function formatValue(v: number, format: Format | null): string {
  if (Number.isNaN(v)) return '—';
  if (v === Infinity) return '∞';
  switch (format) {
    case 'money': {
      const r = Math.round(v * 100) / 100;
      const neg = r < 0 ? '-' : '';
      const a = Math.abs(r);
      const whole = Math.trunc(a);
      const cents = Math.round((a - whole) * 100);
      return neg + group(String(whole)) + (cents ? '.' + String(cents).padStart(2, '0') : '');
    }
    case 'int': return group(String(Math.round(v)));
    case 'pct': return `${Math.round(v * 100)}%`;
    case 'days': return String(Math.floor(v));
    default: return String(Math.round(v * 100) / 100);
  }
}
