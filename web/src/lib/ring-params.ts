/**
 * The ring detectors' parameters a bank tunes (src/graph/params.schema.ts), as form fields: each in
 * the unit people think in (days, %, yuan) and back. The other parameters (scoring weights, work
 * bounds) keep their values; the API merges a change over the current version.
 */
export type ParamKind = 'bool' | 'int' | 'number' | 'days' | 'percent' | 'yuan';
export interface ParamField { path: string; kind: ParamKind }
export interface ParamSection { id: string; fields: ParamField[] }

const f = (path: string, kind: ParamKind): ParamField => ({ path, kind });
const fan = (k: string) => [f(`${k}.enabled`, 'bool'), f(`${k}.minDegree`, 'int'), f(`${k}.maxDegree`, 'int'), f(`${k}.windowMs`, 'days')];

export const PARAM_SECTIONS: ParamSection[] = [
  { id: 'fanOut', fields: fan('fanOut') },
  { id: 'fanIn', fields: fan('fanIn') },
  { id: 'cycle', fields: [f('cycle.enabled', 'bool'), f('cycle.minLength', 'int'), f('cycle.maxLength', 'int'), f('cycle.windowMs', 'days')] },
  { id: 'flow', fields: [f('flow.hopWindowMs', 'days'), f('flow.minForwardRatio', 'percent'), f('flow.maxForwardRatio', 'percent')] },
  { id: 'scatterGather', fields: [f('scatterGather.enabled', 'bool'), f('scatterGather.minMiddle', 'int')] },
  { id: 'gatherScatter', fields: [f('gatherScatter.enabled', 'bool'), f('gatherScatter.minIn', 'int'), f('gatherScatter.minOut', 'int')] },
  { id: 'bipartite', fields: [f('bipartite.enabled', 'bool'), f('bipartite.minSources', 'int'), f('bipartite.minTargets', 'int'), f('bipartite.minDensity', 'percent'), f('bipartite.windowMs', 'days')] },
  { id: 'stack', fields: [f('stack.enabled', 'bool'), f('stack.minLayers', 'int')] },
  { id: 'sharedIdentifier', fields: [f('sharedIdentifier.enabled', 'bool'), f('sharedIdentifier.minAccounts', 'int'), f('sharedIdentifier.maxAccountsPerIdentifier', 'int')] },
  { id: 'selection', fields: [f('minAmount', 'yuan'), f('minScore', 'number'), f('maxFindingsPer10k', 'number')] },
];

const DAY = 86_400_000;
type Tree = Record<string, unknown>;

export function valueAt(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Tree)[k] : undefined), tree);
}

/** The stored value as the form shows it: a checkbox state, or the text of a number in the field's unit. */
export function toForm(v: unknown, kind: ParamKind): string | boolean {
  if (kind === 'bool') return v === true;
  const n = Number(v);
  if (!Number.isFinite(n)) return '';
  const shown = kind === 'days' ? n / DAY : kind === 'percent' ? n * 100 : kind === 'yuan' ? n / 100 : n;
  // Rounded for display: 0.88 × 100 is 88.00000000000001 in binary floating point.
  return String(Number(shown.toFixed(6)));
}

/** The form's value back in the parameter's own unit; the text itself when it is not a number (the API says why). */
export function fromForm(v: string | boolean, kind: ParamKind): unknown {
  if (kind === 'bool') return v === true;
  const text = String(v).trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) return text;
  if (kind === 'days') return Math.round(n * DAY);
  if (kind === 'percent') return Number((n / 100).toFixed(8));
  if (kind === 'yuan') return Math.round(n * 100);
  return n;
}

/** The changed fields only, as the nested object the API merges over the current version. */
export function changedParams(current: Tree, form: Record<string, string | boolean>): Tree {
  const out: Tree = {};
  for (const s of PARAM_SECTIONS) {
    for (const field of s.fields) {
      if (!(field.path in form) || form[field.path] === toForm(valueAt(current, field.path), field.kind)) continue;
      const keys = field.path.split('.');
      let node = out;
      for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Tree;
      node[keys[keys.length - 1]] = fromForm(form[field.path], field.kind);
    }
  }
  return out;
}
