import { AGG_ID, AGGS, DIM, F, WINDOW_IDS, WINDOW_MS, type WindowId } from '../state/flags.ts';
import type { EntityStore } from '../state/entity-store.ts';
import type { SideCtx, StoreKind } from './context.ts';
import type { AccountGraphFeatures } from '../profile.ts';
import { SCALARS } from './scalars.ts';

export type Entity = 'account' | 'customer' | 'counterparty' | 'device' | 'ip' | 'branch';
export type Unit = 'CNY' | 'count' | 'ratio' | 'days' | 'minutes' | 'years' | 'hour' | 'bool' | 'category' | 'score';

/** A piece of state a feature reads: an aggregate or distinct count of one store in one window. */
export interface Need {
  store: StoreKind;
  window: WindowId;
  agg?: number;
  dim?: number;
  /** Track (entity, value) pairs of this dimension for "first time seen" flags. */
  track?: number;
  /** Reads the entity's first/last/previous times, so every movement must be recorded. */
  header?: boolean;
}

export interface BuildEnv {
  store(kind: StoreKind): EntityStore;
  /** Index of window w in the store's layout. */
  win(kind: StoreKind, w: WindowId): number;
  offsetMs: number;
  /** Graph features of the account in slot `slot` (ring mining's latest run), if any. */
  graph(slot: number): AccountGraphFeatures | undefined;
}

export type FeatureFn = (c: SideCtx) => number;

export interface FeatureSpec {
  name: string;
  entity: Entity;
  unit: Unit;
  window: WindowId | null;
  categories?: readonly string[];
  needs: Need[];
  /**
   * Set when the value is just the sum of one or two stored numbers of the entity's row (these
   * needs) divided by `div` (plain aggregates and distinct counts): the engine can then test it
   * inline, without a call (see inline-checks.ts).
   */
  direct?: { needs: Need[]; div: number };
  /** Relative cost of reading the value when it is not a stored number (conditions test cheap features first). */
  cost?: number;
  build(env: BuildEnv): FeatureFn;
}

export const ENTITY_PREFIX: Record<string, Entity> = {
  '': 'account', cust_: 'customer', cp_: 'counterparty', dev_: 'device', ip_: 'ip', branch_: 'branch',
};
const ENTITY_STORE: Record<Entity, StoreKind> = {
  account: 'account', counterparty: 'account', customer: 'customer', device: 'device', ip: 'ip', branch: 'branch',
};
const slotOf: Record<Entity, (c: SideCtx) => number> = {
  account: (c) => c.acct, counterparty: (c) => c.cp, customer: (c) => c.cust,
  device: (c) => c.dev, ip: (c) => c.ip, branch: (c) => c.branch,
};

type Part = { agg: string } | { dim: number };
/** A windowed family derived from one or more aggregates of the same entity and window. */
interface Family {
  unit: Unit;
  parts: Part[];
  /** Extra parts read in the 90d window (velocity baselines). */
  base90?: string[];
  /** Extra: the feature scans the events of the window (max). */
  scanMask?: number;
  /** The value is the sum of the parts' stored numbers divided by this (see FeatureSpec.direct). */
  direct?: number;
  make(r: Array<(c: SideCtx) => number>, x: { slot: (c: SideCtx) => number; store: () => EntityStore; w: number; windowMs: number }): FeatureFn;
}

const div = (a: number, b: number) => (b > 0 ? a / b : NaN);
const money = (r: (c: SideCtx) => number): FeatureFn => (c) => r(c) / 100;

const families = new Map<string, Family>();
for (const ag of AGGS) {
  families.set(ag.name, {
    direct: ag.sum ? 100 : 1,
    unit: ag.sum ? 'CNY' : 'count',
    parts: [{ agg: ag.name }],
    make: ([r]) => (ag.sum ? money(r) : r),
  });
}
const DISTINCT: Array<[string, number]> = [
  ['distinct_payers', DIM.CP_IN], ['distinct_payees', DIM.CP_OUT],
  ['distinct_locations', DIM.LOC], ['distinct_devices', DIM.DEV], ['distinct_ips', DIM.IP], ['distinct_accounts', DIM.ACCT],
];
for (const [name, dim] of DISTINCT) families.set(name, { unit: 'count', parts: [{ dim }], direct: 1, make: ([r]) => r });
/**
 * Distinct payers plus distinct payees: a counterparty seen in both directions counts twice.
 * Chosen over an exact union to save one hash probe per movement on the hot path.
 */
families.set('distinct_counterparties', { unit: 'count', parts: [{ dim: DIM.CP_IN }, { dim: DIM.CP_OUT }], direct: 1, make: ([a, b]) => (c) => a(c) + b(c) });

const ratio = (a: string, b: string): Family => ({ unit: 'ratio', parts: [{ agg: a }, { agg: b }], make: ([x, y]) => (c) => div(x(c), y(c)) });
families.set('out_in_ratio', ratio('out_sum', 'in_sum'));
families.set('in_out_gap', { unit: 'ratio', parts: [{ agg: 'in_sum' }, { agg: 'out_sum' }], make: ([i, o]) => (c) => div(Math.abs(i(c) - o(c)), i(c)) });
families.set('net_in', { unit: 'CNY', parts: [{ agg: 'in_sum' }, { agg: 'out_sum' }], make: ([i, o]) => (c) => (i(c) - o(c)) / 100 });
families.set('cash_share', ratio('cash_sum', 'sum'));
families.set('cash_out_in_ratio', ratio('cash_out_sum', 'in_sum'));
families.set('xb_share', ratio('xb_sum', 'sum'));
families.set('night_share', ratio('night_cnt', 'cnt'));
families.set('round_share', ratio('round_cnt', 'cnt'));
families.set('round_in_share', ratio('round_in_cnt', 'in_cnt'));
families.set('unit500_in_share', ratio('unit500_in_cnt', 'in_cnt'));
families.set('new_payer_share', ratio('new_payers', 'in_cnt'));
families.set('new_payee_share', ratio('new_payees', 'out_cnt'));
families.set('elder_payer_share', ratio('elder_payer_cnt', 'in_cnt'));
families.set('org_payer_share', ratio('org_payer_cnt', 'in_cnt'));
families.set('low_share', ratio('low_cnt', 'cnt'));
families.set('avg_amount', { unit: 'CNY', parts: [{ agg: 'sum' }, { agg: 'cnt' }], make: ([s, n]) => (c) => div(s(c), n(c)) / 100 });
families.set('avg_in_amount', { unit: 'CNY', parts: [{ agg: 'in_sum' }, { agg: 'in_cnt' }], make: ([s, n]) => (c) => div(s(c), n(c)) / 100 });
families.set('avg_out_amount', { unit: 'CNY', parts: [{ agg: 'out_sum' }, { agg: 'out_cnt' }], make: ([s, n]) => (c) => div(s(c), n(c)) / 100 });
const CH = ['ch_counter_cnt', 'ch_atm_cnt', 'ch_mobile_cnt', 'ch_internet_cnt', 'ch_pos_cnt', 'ch_third_party_cnt'];
families.set('channels', {
  unit: 'count', parts: CH.map((agg) => ({ agg })),
  make: (r) => (c) => { let n = 0; for (let i = 0; i < r.length; i++) if (r[i](c) > 0) n++; return n; },
});
families.set('online_share', {
  unit: 'ratio', parts: [{ agg: 'ch_mobile_cnt' }, { agg: 'ch_internet_cnt' }, { agg: 'ch_third_party_cnt' }, { agg: 'cnt' }],
  make: ([m, i, t, n]) => (c) => div(m(c) + i(c) + t(c), n(c)),
});
const scanMax = (mask: number): Family => ({
  unit: 'CNY', parts: [], scanMask: mask,
  make: (_r, x) => (c) => {
    const st = x.store(); const s = x.slot(c);
    if (s < 0) return NaN;
    let best = 0, e = st.tailOf(s, x.w);
    while (e !== -1) { const a = st.evAmt(e); if ((st.evFlags(e) & mask) === mask && a > best) best = a; e = st.evNext(e); }
    return best / 100;
  },
});
families.set('max_amount', scanMax(0));
families.set('max_in', scanMax(F.IN));
families.set('max_out', scanMax(F.OUT));
families.set('max_cash_out', scanMax(F.CASH | F.OUT));
/** Ratio of this window's value to the entity's own average per window-length over the prior 90 days. */
const velocity = (agg: string): Family => ({
  unit: 'ratio', parts: [{ agg }], base90: [agg],
  make: ([cur, tot], x) => (c) => {
    const s = x.slot(c);
    if (s < 0) return NaN;
    const st = x.store();
    const span = Math.min(WINDOW_MS['90d'], st.last(s) - st.first(s));
    const hist = span - x.windowMs;
    if (!(hist >= x.windowMs)) return NaN;
    const now = cur(c);
    const base = (tot(c) - now) / (hist / x.windowMs);
    return base > 0 ? now / base : now > 0 ? Infinity : NaN;
  },
});
families.set('velocity', velocity('sum'));
families.set('out_velocity', velocity('out_sum'));
families.set('in_velocity', velocity('in_sum'));
families.set('cnt_velocity', velocity('cnt'));

export const FAMILY_NAMES: readonly string[] = [...families.keys()];
const SLIDING: ReadonlySet<WindowId> = new Set(['1h', '24h', '7d', '30d']);

const NAME_RE = /^(cust_|cp_|dev_|ip_|branch_)?([a-z0-9_]+)_(1h|24h|7d|30d|90d|day|life)$/;
const cache = new Map<string, FeatureSpec | null>();

/** Resolves a feature name (e.g. `cust_cash_in_cny_sum_day`, `distinct_payees_24h`, `dormant_days`). */
export function resolveFeature(name: string): FeatureSpec | undefined {
  const hit = cache.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const spec = SCALARS.get(name) ?? resolveWindowed(name);
  cache.set(name, spec ?? null);
  return spec;
}

function resolveWindowed(name: string): FeatureSpec | undefined {
  const m = NAME_RE.exec(name);
  if (!m) return undefined;
  const entity = ENTITY_PREFIX[m[1] ?? ''];
  const fam = families.get(m[2]);
  const window = m[3] as WindowId;
  if (!fam) return undefined;
  if ((fam.base90 && !SLIDING.has(window)) || (fam.scanMask !== undefined && window === 'life')) return undefined;
  const store = ENTITY_STORE[entity];
  const needs: Need[] = fam.parts.map((p) => ('agg' in p ? { store, window, agg: AGG_ID.get(p.agg)! } : { store, window, dim: p.dim }));
  for (const b of fam.base90 ?? []) needs.push({ store, window: '90d', agg: AGG_ID.get(b)!, header: true });
  if (fam.scanMask !== undefined) needs.push({ store, window, header: true });
  const slot = slotOf[entity];
  return {
    name, entity, unit: fam.unit, window, needs,
    direct: fam.direct !== undefined ? { needs: needs.slice(0, fam.parts.length), div: fam.direct } : undefined,
    build(env) {
      const readers = needs.filter((n) => n.agg !== undefined || n.dim !== undefined).map((n) => reader(env, n, slot));
      const w = env.win(store, window);
      return fam.make(readers, { slot, store: () => env.store(store), w, windowMs: WINDOW_MS[window] });
    },
  };
}

function reader(env: BuildEnv, n: Need, slot: (c: SideCtx) => number): (c: SideCtx) => number {
  const st = env.store(n.store);
  const w = env.win(n.store, n.window);
  const off = n.agg !== undefined ? st.aggOffset[w * AGGS.length + n.agg] : st.distinctOffset[w * 7 + n.dim!];
  if (off < 0) throw new Error(`layout misses ${n.store}/${n.window}/${n.agg ?? n.dim}`);
  return (c) => {
    const s = slot(c);
    return s < 0 ? NaN : st.value(s, off);
  };
}

export const WINDOWS: readonly WindowId[] = WINDOW_IDS;
