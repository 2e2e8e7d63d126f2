/** The scenario rule language's shapes (src/engine/rule.schema.ts), for reading and editing rules. */
export type I18nText = { 'zh-CN': string; en: string };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | { feature: string; op: string; value: unknown };

export const OPS = ['>', '>=', '<', '<=', '==', '!=', 'between', 'in', 'not_in'] as const;

export const isGroup = (c: Condition): c is { all: Condition[] } | { any: Condition[] } => 'all' in c || 'any' in c;
export const groupKind = (c: Condition): 'all' | 'any' | 'not' | 'leaf' => ('all' in c ? 'all' : 'any' in c ? 'any' : 'not' in c ? 'not' : 'leaf');

export function localText(t: I18nText | undefined | null, lang: string): string {
  if (!t) return '';
  return (t as Record<string, string>)[lang] ?? t['zh-CN'] ?? t.en ?? '';
}

/** A threshold that is another feature of the same movement, times a factor (`{ feature: avg_out_amount_90d, factor: 5 }`). */
export function featureRef(v: unknown): { feature: string; factor?: number } | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.feature !== 'string') return null;
  return typeof o.factor === 'number' ? { feature: o.feature, factor: o.factor } : { feature: o.feature };
}

/** A comparison value as people read it: money as "USD 10,000", feature references as "5 × avg_out_90d". */
export function showValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(showValue).join(', ')}]`;
  const ref = featureRef(v);
  if (ref) return `${ref.factor !== undefined ? `${ref.factor.toLocaleString()} × ` : ''}${ref.feature}`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('amount' in o) return `${String(o.currency ?? 'CNY')} ${Number(o.amount).toLocaleString()}`;
    return JSON.stringify(v);
  }
  return typeof v === 'number' ? v.toLocaleString() : String(v);
}

/**
 * Normalises an error path from the API (`body.when.all[1].op`, `when.all.1.op`, or an array) to
 * dot form starting at the scenario document (`when.all.1.op`), so it can be matched to the
 * editor field that holds it.
 */
const ROOTS = ['id', 'version', 'name', 'description', 'typology', 'severity', 'weight', 'side', 'minDecision', 'when', 'reason', 'indicators', 'doc'];
export function normalisePath(path: string | Array<string | number> | undefined): string {
  if (path === undefined) return '';
  const parts = (Array.isArray(path) ? path.map(String) : path.replace(/\[(\w+)\]/g, '.$1').split('.')).filter((p) => p !== '');
  const start = parts.findIndex((p) => ROOTS.includes(p));
  return (start >= 0 ? parts.slice(start) : parts).join('.');
}

/** The editor's form of a condition: leaf values are kept as the text the user typed. */
export type EditNode =
  | { kind: 'all'; children: EditNode[] }
  | { kind: 'any'; children: EditNode[] }
  | { kind: 'not'; child: EditNode }
  | { kind: 'leaf'; feature: string; op: string; value: string };

export function toEdit(c: unknown): EditNode {
  const o = (c ?? {}) as Record<string, unknown>;
  if (Array.isArray(o.all)) return { kind: 'all', children: o.all.map(toEdit) };
  if (Array.isArray(o.any)) return { kind: 'any', children: o.any.map(toEdit) };
  if ('not' in o) return { kind: 'not', child: toEdit(o.not) };
  return { kind: 'leaf', feature: String(o.feature ?? ''), op: String(o.op ?? '>='), value: o.value === undefined ? '' : JSON.stringify(o.value) };
}

/** Back to the rule language; a value that is not JSON is sent as a string (the API says why it is wrong). */
export function fromEdit(n: EditNode): unknown {
  if (n.kind === 'all' || n.kind === 'any') return { [n.kind]: n.children.map(fromEdit) };
  if (n.kind === 'not') return { not: fromEdit(n.child) };
  let value: unknown = n.value;
  try {
    value = JSON.parse(n.value);
  } catch {
    // keep the text
  }
  return { feature: n.feature, op: n.op, value };
}

/** API error messages by normalised field path. */
export type FieldErrors = Map<string, string[]>;
