import { describe, expect, it } from 'vitest';
import { resolveFeature } from './features/catalogue.ts';
import { newSideCtx, type StoreKind } from './features/context.ts';
import { DEFAULT_FX_TABLE } from './fx.ts';
import { buildSidePlan, candidates, inlineChecks, passes, SRC_STORES } from './inline-checks.ts';
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

describe('side plans (candidate scenarios by one indexed conjunct)', () => {
  // Scenarios' inline checks over the amount and two row offsets: every scenario passing all its
  // checks must be a candidate, whatever the values (NaN included) and the gates.
  const row = new Float64Array(8);
  const sextuple = (src: number, o1: number, o2: number, div: number, op: number, k: number) => [src, o1, o2, div, op, k];
  const checks = [
    [1, ...sextuple(-1, -1, -1, 100, 1, 50)], // amount >= 50
    [1, ...sextuple(-1, -1, -1, 100, 0, 50)], // amount > 50 (same group, strict after >= at equal thresholds)
    [1, ...sextuple(0, 1, -1, 1, 1, 3), 1, ...sextuple(-1, -1, -1, 100, 1, 10)], // row[1] >= 3 ; amount >= 10
    [1, ...sextuple(0, 1, 2, 1, 0, 4)], // row[1] + row[2] > 4
    [2, ...sextuple(0, 3, -1, 100, 1, 2), ...sextuple(0, 4, -1, 100, 1, 7)], // any(row[3]/100 >= 2, row[4]/100 >= 7)
    [1, ...sextuple(0, 1, -1, 1, 4, 2), 1, ...sextuple(0, 5, -1, 1, 0, 1)], // row[1] == 2 (not indexable) ; row[5] > 1
    [1, ...sextuple(0, 6, -1, 1, 3, 1)], // row[6] <= 1: no indexable conjunct, always a candidate
    [], // no inline checks: always a candidate
    ...Array.from({ length: 30 }, (_, i) => [1, ...sextuple(0, 1 + (i % 6), -1, 1, i % 2, i % 5)]), // a second word of scenarios
    [1, ...sextuple(0, 7, -1, 1, 1, 2), 1, ...sextuple(0, 7, -1, 1, 2, 4)], // row[7] >= 2 (a group of one) ; row[7] < 4
  ].map((a) => Float64Array.from(a));
  const gates = checks.map((_, i) => ({ req: i % 3 === 0 ? 0 : 1 << (i % 4), forb: i % 5 === 1 ? 8 : 0, kind: i % 7 === 0 ? 0 : -1 }));
  const plan = buildSidePlan(checks, gates);
  const stores = SRC_STORES.map(() => undefined);

  it('index every scenario with a conjunct of > / >= comparisons; the others are always candidates', () => {
    expect(plan.words).toBe(2);
    expect([...plan.oneIdx]).toEqual([38]);
    expect(plan.always[0]).toBe((1 << 6) | (1 << 7));
    expect(plan.always[1]).toBe(0);
  });

  it('mark every scenario whose inline checks pass (and those whose gate may pass) as a candidate', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = () => { const u = rnd(); return u < 0.1 ? NaN : u < 0.3 ? Math.floor(rnd() * 6) : Math.floor(rnd() * 1200) / (rnd() < 0.5 ? 1 : 100); };
    const c = newSideCtx(0, 0);
    const out = new Int32Array(plan.words);
    let passed = 0, skipped = 0;
    for (let n = 0; n < 3000; n++) {
      for (let j = 0; j < row.length; j++) row[j] = pick();
      c.amt = rnd() < 0.5 ? pick() * 100 : 5000;
      const flags = Math.floor(rnd() * 16), kind = Math.floor(rnd() * 3) - 1;
      candidates(plan, out, c, flags, kind, row, 0, stores);
      checks.forEach((fc, i) => {
        const g = gates[i];
        const gateOk = (flags & g.req) === g.req && (flags & g.forb) === 0 && (g.kind < 0 || g.kind === kind);
        const cand = (out[i >>> 5] & (1 << (i & 31))) !== 0;
        if (gateOk && passes(fc, c, row, 0, stores)) { passed++; expect(cand).toBe(true); }
        if (!cand) skipped++;
      });
    }
    expect(passed).toBeGreaterThan(1000);
    expect(skipped).toBeGreaterThan(20_000); // of 114,000: most scenarios are not visited
  });
});
