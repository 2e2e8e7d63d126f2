import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { resolveFeature, type FeatureFn } from '../features/catalogue.ts';
import type { SideCtx } from '../features/context.ts';
import { majorToCnyMinor, type FxTable, DEFAULT_FX_TABLE } from '../fx.ts';
import { ScenarioSchema, type Comparison, type Condition, type ScenarioDef } from '../rule.schema.ts';
import { formatValue, parseTemplate, type TemplatePart } from './template.ts';
import { F } from '../state/flags.ts';
import { comparedDiffers } from './trace-form.ts';

/** One node of an evaluation trace; same shape as the rule tree. */
export type TraceNode =
  | { kind: 'all' | 'any'; held: boolean; children: TraceNode[] }
  | { kind: 'not'; held: boolean; child: TraceNode }
  | {
      kind: 'cmp'; held: boolean; feature: string; op: Comparison['op'];
      /** Threshold as written, and as compared (CNY yuan for money). */
      value: Comparison['value']; compared: number | number[] | string | string[] | boolean | null;
      actual: number | string | boolean | null;
    };

/** Resolves a feature name to its (memoised) accessor; supplied by the engine after layout. */
export type FeatureAccessor = (name: string) => FeatureFn;

/**
 * A cheap necessary condition taken from the scenario's top-level conjunction: flag bits that
 * must be set / unset on the side's event and the customer kind. The engine checks it inline
 * before calling the compiled test (which still checks everything).
 */
export interface Gate { req: number; forb: number; kind: number }

export interface BoundScenario {
  def: ScenarioDef;
  gate: Gate;
  test(c: SideCtx): boolean;
  trace(c: SideCtx): TraceNode;
  /** `JSON.stringify(storedTrace(trace(c)))` (trace-form.ts), written from text prepared at bind time: what ingest stores for every hit. */
  traceJson(c: SideCtx): string;
  reason(c: SideCtx): { 'zh-CN': string; en: string };
}

export interface CompiledScenario {
  def: ScenarioDef;
  /** Every feature the scenario reads (conditions and reason placeholders). */
  features: string[];
  bind(get: FeatureAccessor, fx?: FxTable): BoundScenario;
}

function pathString(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

/** Fields of a zod issue that its English message names, for a UI to say it in its own language. */
const ISSUE_PARAMS = ['expected', 'minimum', 'maximum', 'inclusive', 'origin', 'format', 'values', 'keys'] as const;

/**
 * A detail's `code` and `params`: the rule checker's key and values for its own problems (check.ts),
 * else zod's issue code and the values its message names.
 */
function issueCode(i: z.core.$ZodIssue): { code: string; params: Record<string, string | number | boolean> } {
  const raw = i as unknown as Record<string, unknown>;
  if (i.code === 'custom' && typeof i.params?.key === 'string') {
    const { key, ...params } = i.params as Record<string, string | number>;
    return { code: String(key), params };
  }
  const params: Record<string, string | number | boolean> = {};
  for (const k of ISSUE_PARAMS) {
    const v = raw[k];
    if (v === undefined) continue;
    params[k] = Array.isArray(v) ? v.map((x) => String(x)).join(', ') : typeof v === 'bigint' ? Number(v) : (v as string | number | boolean);
  }
  return { code: i.code, params };
}

/** Validates a scenario document; throws AppError('validation') with `path: reason` details. */
export function validateScenario(input: unknown): ScenarioDef {
  const r = ScenarioSchema.safeParse(input);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ path: pathString(i.path), message: i.message, ...issueCode(i) }));
    const first = details[0];
    throw new AppError('validation', `invalid scenario: ${first.path ? `${first.path}: ` : ''}${first.message}`, details);
  }
  return r.data as ScenarioDef;
}

function collect(c: Condition, out: Set<string>): void {
  if ('all' in c) c.all.forEach((x) => collect(x, out));
  else if ('any' in c) c.any.forEach((x) => collect(x, out));
  else if ('not' in c) collect(c.not, out);
  else {
    out.add(c.feature);
    const v = c.value;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'feature' in v) out.add(v.feature);
  }
}

/** Validates and compiles a scenario to closures (no eval). Bind it to an engine to evaluate. */
export function compileScenario(input: unknown): CompiledScenario {
  const def = validateScenario(input);
  const names = new Set<string>();
  collect(def.when, names);
  const templates = { 'zh-CN': parseTemplate(def.reason['zh-CN']).parts, en: parseTemplate(def.reason.en).parts };
  for (const parts of Object.values(templates)) for (const p of parts) if (typeof p !== 'string') names.add(p.feature);
  return {
    def,
    features: [...names],
    bind(get, fx = DEFAULT_FX_TABLE) {
      const root = build(def.when, get, fx);
      // Placeholders resolved once here (feature accessor, unit, format), not for every hit.
      const bindParts = (parts: TemplatePart[]) => parts.map((p) => (typeof p === 'string' ? p : displayer(p.feature, get(p.feature), p.format)));
      const zh = bindParts(templates['zh-CN']), en = bindParts(templates.en);
      const render = (parts: ReadonlyArray<string | ((c: SideCtx) => string)>, c: SideCtx) => {
        let s = '';
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i];
          s += typeof p === 'string' ? p : p(c);
        }
        return s;
      };
      return {
        def,
        gate: gateOf(def.when),
        test: root.test,
        trace: root.trace,
        traceJson: (c) => root.json(c, scratch),
        reason: (c) => ({ 'zh-CN': render(zh, c), en: render(en, c) }),
      };
    },
  };
}

const FLAG_OF: Record<string, number> = {
  is_cash: F.CASH, is_cross_border: F.XB, is_fx: F.FX, is_night: F.NIGHT, is_round: F.ROUND, is_near_threshold: F.NEAR,
  is_large: F.LARGE, is_small: F.SMALL, is_new_counterparty: F.NEWCP, is_new_device: F.NEWDEV, is_new_ip: F.NEWIP,
  is_new_payee: F.NEWCP | F.OUT, is_new_payer: F.NEWCP | F.IN,
};
const SINGLE_BIT = new Set(['is_cash', 'is_cross_border', 'is_fx', 'is_night', 'is_round', 'is_near_threshold', 'is_large', 'is_small', 'is_new_counterparty', 'is_new_device', 'is_new_ip']);

function gateOf(when: Condition): Gate {
  const g: Gate = { req: 0, forb: 0, kind: -1 };
  const list = 'all' in when ? when.all : [when];
  for (const c of list) {
    if (!('feature' in c)) continue;
    const bit = FLAG_OF[c.feature];
    if (bit !== undefined && (c.op === '==' || c.op === '!=') && typeof c.value === 'boolean') {
      const want = (c.op === '==') === c.value;
      if (want) g.req |= bit;
      else if (SINGLE_BIT.has(c.feature)) g.forb |= bit;
    } else if (c.feature === 'customer_kind' && c.op === '==' && (c.value === 'person' || c.value === 'organisation')) {
      g.kind = c.value === 'person' ? 0 : 1;
    } else if (c.feature === 'customer_age' && c.op === '>=' && c.value === 60) {
      g.req |= F.ELDER; // the ELDER flag is set from the 60th birthday (local midnight), i.e. customer_age ≥ 60
    }
  }
  return g;
}

/** A placeholder's text for a side: the feature's value shown by its unit, or in the format written. */
function displayer(feature: string, f: FeatureFn, format: Parameters<typeof formatValue>[1]): (c: SideCtx) => string {
  const spec = resolveFeature(feature)!;
  if (spec.unit === 'category') return (c) => spec.categories?.[f(c)] ?? '—';
  if (spec.unit === 'bool') return (c) => (f(c) ? 'true' : 'false');
  const fmt = format ?? (spec.unit === 'CNY' ? 'money' : spec.unit === 'ratio' ? 'num' : spec.unit === 'days' ? 'days' : 'num');
  return (c) => formatValue(f(c), fmt);
}

/**
 * A compiled condition: its test, its trace, and its trace in the stored form (trace-form.ts) as JSON
 * text. `json` says in `h.held` whether the condition held (its parent's `held` needs it). The text
 * is assembled from pieces serialised once at bind time: JSON.stringify of the trace objects cost
 * ~2.5 µs a stored hit, over a tenth of HTTP batch ingest's time on traffic where most transactions fire.
 */
interface Node { test: (c: SideCtx) => boolean; trace: (c: SideCtx) => TraceNode; json: (c: SideCtx, h: Held) => string; cost: number }
interface Held { held: boolean }
/** Scratch for `json` (evaluation is synchronous and never re-entered). */
const scratch: Held = { held: false };

/** Relative cost of reading a feature: transaction/profile facts < window aggregates < event scans. */
function featureCost(name: string): number {
  const spec = resolveFeature(name)!;
  if (spec.cost !== undefined) return spec.cost;
  if (spec.needs.length === 0) return 1;
  if (spec.needs.some((n) => n.agg === undefined && n.dim === undefined && n.track === undefined)) return 8;
  return 2 + spec.needs.length;
}

/** Conjunction/disjunction tests run cheapest child first (results do not depend on order); traces keep the authored order. */
function ordered(kids: Node[]): Array<(c: SideCtx) => boolean> {
  return kids.map((k, i) => ({ k, i })).sort((a, b) => a.k.cost - b.k.cost || a.i - b.i).map((x) => x.k.test);
}

function build(c: Condition, get: FeatureAccessor, fx: FxTable): Node {
  if ('all' in c) {
    const kids = c.all.map((x) => build(x, get, fx));
    const tests = ordered(kids);
    const test = tests.length === 2
      ? ((a, b) => (x: SideCtx) => a(x) && b(x))(tests[0], tests[1])
      : tests.length === 3
        ? ((a, b, d) => (x: SideCtx) => a(x) && b(x) && d(x))(tests[0], tests[1], tests[2])
        : (x: SideCtx) => { for (let i = 0; i < tests.length; i++) if (!tests[i](x)) return false; return true; };
    return { test, cost: kids.reduce((a, k) => a + k.cost, 0), trace: groupTrace('all', kids), json: groupJson('all', kids) };
  }
  if ('any' in c) {
    const kids = c.any.map((x) => build(x, get, fx));
    const tests = ordered(kids);
    const test = (x: SideCtx) => { for (let i = 0; i < tests.length; i++) if (tests[i](x)) return true; return false; };
    return { test, cost: kids.reduce((a, k) => a + k.cost, 0), trace: groupTrace('any', kids), json: groupJson('any', kids) };
  }
  if ('not' in c) {
    const k = build(c.not, get, fx);
    const t = k.test;
    return {
      test: (x) => !t(x), cost: k.cost,
      trace: (x) => { const ch = k.trace(x); return { kind: 'not', held: !ch.held, child: ch }; },
      json: (x, h) => { const ch = k.json(x, h); h.held = !h.held; return `["not",${h.held ? 1 : 0},${ch}]`; },
    };
  }
  return buildCmp(c, get, fx);
}

/**
 * The trace of a conjunction or disjunction: every child's trace in authored order. A loop rather
 * than map/every (the trace is built for every hit stored; no callbacks or intermediate arrays).
 */
function groupTrace(kind: 'all' | 'any', kids: Node[]): Node['trace'] {
  return (x) => {
    const children = new Array<TraceNode>(kids.length);
    let held = kind === 'all';
    for (let i = 0; i < kids.length; i++) {
      const n = kids[i].trace(x);
      children[i] = n;
      held = kind === 'all' ? held && n.held : held || n.held;
    }
    return { kind, held, children };
  };
}

/** `groupTrace` in its stored form as JSON text (trace-form.ts). */
function groupJson(kind: 'all' | 'any', kids: Node[]): Node['json'] {
  const head = `["${kind}",`;
  return (x, h) => {
    let children = '';
    let groupHeld = kind === 'all';
    for (let i = 0; i < kids.length; i++) {
      children += `,${kids[i].json(x, h)}`;
      groupHeld = kind === 'all' ? groupHeld && h.held : groupHeld || h.held;
    }
    h.held = groupHeld;
    return `${head}${groupHeld ? 1 : 0}${children}]`;
  };
}

function buildCmp(c: Comparison, get: FeatureAccessor, fx: FxTable): Node {
  const spec = resolveFeature(c.feature)!;
  const f = get(c.feature);
  const v = c.value;
  let test: (x: SideCtx) => boolean;
  let compared: (x: SideCtx) => number | number[] | string | string[] | boolean | null;
  /** Whether `compared` is the same for every transaction (its JSON is then written once). */
  let fixed = true;
  if (spec.unit === 'category') {
    const cats = spec.categories!;
    const codes = (Array.isArray(v) ? v : [v]).map((s) => cats.indexOf(s as string));
    const set = new Set(codes);
    const one = codes[0];
    const positive = c.op === '==' || c.op === 'in';
    test = set.size === 1 ? (positive ? (x) => f(x) === one : (x) => f(x) !== one) : positive ? (x) => set.has(f(x)) : (x) => !set.has(f(x));
    compared = () => (Array.isArray(v) ? (v as string[]) : (v as string));
  } else if (spec.unit === 'bool') {
    const want = (v as boolean) === (c.op === '==') ? 1 : 0;
    test = (x) => f(x) === want;
    compared = () => v as boolean;
  } else if (c.op === 'between') {
    const [lo, hi] = v as number[];
    test = (x) => { const a = f(x); return a >= lo && a <= hi; };
    const bounds = [lo, hi];
    compared = () => bounds;
  } else if (c.op === 'in' || c.op === 'not_in') {
    const set = new Set(v as number[]);
    test = c.op === 'in' ? (x) => set.has(f(x)) : (x) => { const a = f(x); return a === a && !set.has(a); };
    compared = () => v as number[];
  } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'feature' in v) {
    const g = get(v.feature);
    const k = v.factor ?? 1;
    test = cmp(c.op, f, (x) => g(x) * k);
    compared = (x) => num(g(x) * k);
    fixed = false;
  } else {
    const k = typeof v === 'number' ? v : majorToCnyMinor(fx, (v as { amount: number }).amount, (v as { currency: string }).currency) / 100;
    test = cmpConst(c.op, f, k);
    compared = () => k;
  }
  const actualOf = (a: number) => (spec.unit === 'category' ? (spec.categories![a] ?? null) : spec.unit === 'bool' ? a === 1 : num(a));
  const trace = (x: SideCtx): TraceNode => ({ kind: 'cmp', held: test(x), feature: c.feature, op: c.op, value: v, compared: compared(x), actual: actualOf(f(x)) });
  // Stored form (trace-form.ts): ["cmp", held, feature, op, value, actual(, compared when it differs)].
  const middle = `,${JSON.stringify(c.feature)},${JSON.stringify(c.op)},${JSON.stringify(v)},`;
  const fixedCompared = fixed ? compared(undefined as unknown as SideCtx) : undefined;
  const fixedTail = fixed && comparedDiffers(v, fixedCompared) ? `,${JSON.stringify(fixedCompared)}]` : ']';
  const json = (x: SideCtx, h: Held): string => {
    const actual = JSON.stringify(actualOf(f(x)));
    h.held = test(x);
    if (fixed) return `["cmp",${h.held ? 1 : 0}${middle}${actual}${fixedTail}`;
    // Compared with another feature's value: a number, never the value as written ({feature, factor}).
    return `["cmp",${h.held ? 1 : 0}${middle}${actual},${JSON.stringify(compared(x))}]`;
  };
  let cost = featureCost(c.feature);
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'feature' in v) cost += featureCost(v.feature);
  return { test, trace, json, cost };
}

const num = (a: number): number | null => (Number.isNaN(a) ? null : a === Infinity || a === -Infinity ? a : Math.round(a * 1e6) / 1e6);

function cmpConst(op: Comparison['op'], f: FeatureFn, k: number): (x: SideCtx) => boolean {
  switch (op) {
    case '>': return (x) => f(x) > k;
    case '>=': return (x) => f(x) >= k;
    case '<': return (x) => f(x) < k;
    case '<=': return (x) => f(x) <= k;
    case '==': return (x) => f(x) === k;
    case '!=': return (x) => { const a = f(x); return a === a && a !== k; };
    default: throw new AppError('internal', `operator ${op} not applicable`);
  }
}

function cmp(op: Comparison['op'], f: FeatureFn, g: FeatureFn): (x: SideCtx) => boolean {
  switch (op) {
    case '>': return (x) => f(x) > g(x);
    case '>=': return (x) => f(x) >= g(x);
    case '<': return (x) => f(x) < g(x);
    case '<=': return (x) => f(x) <= g(x);
    case '==': return (x) => f(x) === g(x);
    case '!=': return (x) => { const a = f(x), b = g(x); return a === a && b === b && a !== b; };
    default: throw new AppError('internal', `operator ${op} not applicable`);
  }
}
