import { resolveFeature } from '../features/catalogue.ts';
import { OPS } from './ops.ts';
import { parseTemplate } from './template.ts';
import { isPlainObject } from '../../shared/objects.ts';

/**
 * A problem with its path: `message` in English, `key` and `params` for a UI to say it in its own
 * language (web/src/lib/rule-errors.ts, locale keys `ruleErrors.<key>`).
 */
export interface Issue { path: (string | number)[]; message: string; key: string; params?: Record<string, string | number> }


/** Structural and semantic check of a condition tree; returns every problem with its path. */
export function checkCondition(node: unknown, path: (string | number)[]): Issue[] {
  const out: Issue[] = [];
  walk(node, path, out);
  return out;
}

function walk(node: unknown, path: (string | number)[], out: Issue[]): void {
  if (!isPlainObject(node)) {
    out.push({ path, key: 'not_condition', message: 'expected a condition object ({all}, {any}, {not} or {feature, op, value})' });
    return;
  }
  const keys = Object.keys(node);
  for (const g of ['all', 'any'] as const) {
    if (!(g in node)) continue;
    if (keys.length !== 1) out.push({ path, key: 'only_key', params: { group: g, found: keys.join(', ') }, message: `"${g}" must be the only key of its object (found ${keys.join(', ')})` });
    const list = node[g];
    if (!Array.isArray(list) || list.length === 0) out.push({ path: [...path, g], key: 'empty_group', message: 'expected a non-empty list of conditions' });
    else list.forEach((c, i) => walk(c, [...path, g, i], out));
    return;
  }
  if ('not' in node) {
    if (keys.length !== 1) out.push({ path, key: 'only_key', params: { group: 'not', found: keys.join(', ') }, message: `"not" must be the only key of its object (found ${keys.join(', ')})` });
    walk(node.not, [...path, 'not'], out);
    return;
  }
  for (const k of keys) if (k !== 'feature' && k !== 'op' && k !== 'value') out.push({ path: [...path, k], key: 'unknown_key', params: { name: k }, message: `unknown key "${k}"` });
  checkComparison(node, path, out);
}

function checkComparison(node: Record<string, unknown>, path: (string | number)[], out: Issue[]): void {
  const { feature, op, value } = node;
  if (typeof feature !== 'string') { out.push({ path: [...path, 'feature'], key: 'feature_missing', message: 'expected a feature name' }); return; }
  const spec = resolveFeature(feature);
  if (!spec) { out.push({ path: [...path, 'feature'], key: 'unknown_feature', params: { feature }, message: `unknown feature "${feature}"` }); return; }
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) {
    out.push({ path: [...path, 'op'], key: 'unknown_op', params: { op: JSON.stringify(op) ?? 'undefined', allowed: OPS.join(', ') }, message: `unknown operator ${JSON.stringify(op)} (expected one of ${OPS.join(', ')})` });
    return;
  }
  const vpath = [...path, 'value'];
  if (value === undefined) { out.push({ path: vpath, key: 'value_missing', message: 'missing value' }); return; }
  if (spec.unit === 'category') {
    const cats = spec.categories ?? [];
    if (op !== '==' && op !== '!=' && op !== 'in' && op !== 'not_in') { out.push({ path: [...path, 'op'], key: 'category_op', params: { op, feature }, message: `operator "${op}" does not apply to category feature "${feature}"` }); return; }
    const list = op === 'in' || op === 'not_in' ? value : [value];
    if (!Array.isArray(list) || list.length === 0) { out.push({ path: vpath, key: 'list_expected', params: { op }, message: `"${op}" expects a non-empty list` }); return; }
    list.forEach((v, i) => {
      if (typeof v !== 'string' || !cats.includes(v)) out.push({ path: op === 'in' || op === 'not_in' ? [...vpath, i] : vpath, key: 'unknown_category', params: { value: JSON.stringify(v) ?? 'undefined', feature, allowed: cats.join(', ') }, message: `unknown value ${JSON.stringify(v)} for "${feature}" (expected one of ${cats.join(', ')})` });
    });
    return;
  }
  if (spec.unit === 'bool') {
    if ((op !== '==' && op !== '!=') || typeof value !== 'boolean') out.push({ path: vpath, key: 'bool_value', params: { feature }, message: `boolean feature "${feature}" takes op "==" or "!=" with true or false` });
    return;
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number' || value[0] > value[1]) out.push({ path: vpath, key: 'between_range', message: '"between" expects [low, high] numbers with low ≤ high (both inclusive)' });
    return;
  }
  if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'number')) out.push({ path: vpath, key: 'number_list', params: { op }, message: `"${op}" expects a non-empty list of numbers` });
    return;
  }
  if (typeof value === 'number') { if (!Number.isFinite(value)) out.push({ path: vpath, key: 'not_finite', message: 'expected a finite number' }); return; }
  if (isPlainObject(value) && 'amount' in value) {
    if (spec.unit !== 'CNY') out.push({ path: vpath, key: 'money_feature', params: { feature, unit: spec.unit }, message: `a money value needs a money feature; "${feature}" is in ${spec.unit}` });
    if (typeof value.amount !== 'number' || !(value.amount >= 0)) out.push({ path: [...vpath, 'amount'], key: 'not_non_negative', message: 'expected a non-negative number' });
    if (typeof value.currency !== 'string' || !/^[A-Z]{3}$/.test(value.currency)) out.push({ path: [...vpath, 'currency'], key: 'currency_code', message: 'expected an ISO 4217 currency code' });
    return;
  }
  if (isPlainObject(value) && 'feature' in value) {
    const other = typeof value.feature === 'string' ? resolveFeature(value.feature) : undefined;
    if (!other) out.push({ path: [...vpath, 'feature'], key: 'unknown_feature', params: { feature: String(value.feature) }, message: `unknown feature ${JSON.stringify(value.feature)}` });
    else if (other.unit === 'category' || other.unit === 'bool') out.push({ path: [...vpath, 'feature'], key: 'not_numeric', params: { feature: other.name }, message: `feature "${other.name}" is not numeric` });
    if (value.factor !== undefined && (typeof value.factor !== 'number' || !Number.isFinite(value.factor))) out.push({ path: [...vpath, 'factor'], key: 'not_finite', message: 'expected a finite number' });
    return;
  }
  out.push({ path: vpath, key: spec.unit === 'CNY' ? 'value_shape_money' : 'value_shape', message: `expected a number${spec.unit === 'CNY' ? ', {amount, currency}' : ''} or {feature, factor}` });
}

export function checkTemplate(text: string, path: (string | number)[]): Issue[] {
  const out: Issue[] = [];
  const parsed = parseTemplate(text);
  for (const p of parsed.errors) out.push({ path, key: 'template', params: { detail: p }, message: p });
  for (const part of parsed.parts) {
    if (typeof part === 'string') continue;
    if (!resolveFeature(part.feature)) out.push({ path, key: 'unknown_placeholder', params: { feature: part.feature }, message: `unknown feature "${part.feature}" in placeholder` });
  }
  return out;
}
