import { describe, expect, it } from 'vitest';
import { resolveFeature } from './features/catalogue.ts';
import { newSideCtx, type StoreKind } from './features/context.ts';
import { DEFAULT_FX_TABLE } from './fx.ts';
import { inlineChecks, passes, SRC_STORES } from './inline-checks.ts';
import { compileScenario } from './rules/compile.ts';
import { EntityStore } from './state/entity-store.ts';
import { DIM, F, NDIMS } from './state/flags.ts';
import { buildLayouts } from './state/layout.ts';
import { HOUR } from './time.ts';

const cmp = (feature: string, op: string, value: unknown) => ({ feature, op, value });
const doc = {
  id: 'INL', name: { 'zh-CN': '内联', en: 'Inline' }, description: { 'zh-CN': '内联', en: 'Inline' },
  typology: 'probe', severity: 'low', weight: 0, side: 'debit', reason: { 'zh-CN': 'p', en: 'p' },
  when: {
    all: [
      cmp('amount', '>=', 100),
      { any: [cmp('cust_cash_in_cny_sum_day', '>=', 500), cmp('cust_cash_in_fx_sum_day', '>=', { amount: 100, currency: 'USD' })] },
      cmp('distinct_counterparties_30d', '>=', 2),
      cmp('dev_distinct_accounts_30d', '>=', 1),
      { any: [cmp('out_cnt_24h', '>=', 1), cmp('channel', '==', 'atm')] }, // not inlinable as a whole: skipped
    ],
  },
};

function setup() {
  const def = compileScenario(doc).def;
  const names = ['cust_cash_in_cny_sum_day', 'cust_cash_in_fx_sum_day', 'distinct_counterparties_30d', 'dev_distinct_accounts_30d', 'out_cnt_24h'];
  const layouts = buildLayouts(names.flatMap((n) => resolveFeature(n)!.needs));
  const stores: Partial<Record<StoreKind, EntityStore>> = {};
  for (const [k, l] of Object.entries(layouts)) stores[k as StoreKind] = new EntityStore(l, 8 * HOUR);
  const keys = new Int32Array(NDIMS).fill(-1), none = new Int32Array(NDIMS);
  const t = Date.UTC(2026, 2, 2, 2);
  const acct = stores.account!, cust = stores.customer!, dev = stores.device!;
  keys[DIM.CP_OUT] = 7;
  acct.add(0, t, 100_00, F.OUT | F.TR, keys, none);
  keys[DIM.CP_OUT] = -1; keys[DIM.CP_IN] = 8;
  acct.add(0, t + 1, 100_00, F.IN | F.TR, keys, none);
  keys.fill(-1); keys[DIM.ACCT] = 0;
  dev.add(0, t, 100_00, F.OUT | F.TR, keys, none);
  const c = newSideCtx(0, 0);
  Object.assign(c, { acct: 0, cust: 0, dev: 0, cp: -1, ip: -1, branch: -1, amt: 150_00 });
  const fc = inlineChecks(def, stores, DEFAULT_FX_TABLE);
  const run = () => passes(fc, c, acct.pages[0], 0, SRC_STORES.map((k) => stores[k]));
  const cashIn = (yuan: number, fx: boolean) => cust.add(0, t + 2, yuan * 100, F.CASH | F.IN | (fx ? F.FX : F.CNY), keys, none);
  return { fc, c, run, cashIn };
}

describe('inline pre-checks', () => {
  it('encode top-level comparisons and all-inlinable any groups, over several entities', () => {
    const { fc } = setup();
    // amount, any(2), distinct_counterparties (two offsets), dev_distinct_accounts; the mixed any is left to the test
    expect(fc.length).toBe((1 + 6) + (1 + 12) + (1 + 6) + (1 + 6));
    expect(fc[14 + 1 + 2]).toBeGreaterThanOrEqual(0); // distinct_counterparties reads two stored numbers
  });

  it('are necessary conditions with the accessors arithmetic', () => {
    const { c, run, cashIn } = setup();
    expect(run()).toBe(false); // customer cash-in sums are 0 (no row yet)
    cashIn(499.99, false);
    expect(run()).toBe(false);
    cashIn(0.01, false);
    expect(run()).toBe(true); // 500 CNY: >= holds at equality
    c.amt = 99_99;
    expect(run()).toBe(false);
    c.amt = 100_00;
    c.dev = -1;
    expect(run()).toBe(false); // no device: NaN fails every comparison
  });

  it('accept an any group through its converted foreign-currency alternative', () => {
    const { run, cashIn } = setup();
    cashIn(400, false); // CNY alternative fails
    cashIn(709.99, true); // below USD 100 = CNY 710
    expect(run()).toBe(false);
    cashIn(0.01, true);
    expect(run()).toBe(true);
  });
});
