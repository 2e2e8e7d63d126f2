import { describe, expect, it } from 'vitest';
import type { Transaction } from '../domain/transaction.ts';
import { AppError } from '../shared/errors.ts';
import { createEngine, type EngineHit } from './engine.ts';
import { mapProfileLookup } from './profile.ts';
import { builtInScenarios } from './scenarios/index.ts';
import type { TraceNode } from './rules/compile.ts';
import { DAY, HOUR, localDayStart } from './time.ts';
import { T0, world } from './testing/world.ts';
import { generateTraffic as generate } from './testing/synthetic.ts';

const probe = (features: string[]) => ({
  id: 'PROBE', name: { 'zh-CN': '探针', en: 'Probe' }, description: { 'zh-CN': '探针', en: 'Probe' },
  typology: 'probe', severity: 'low', weight: 0, side: 'both',
  when: { all: features.map((feature) => ({ feature, op: '>=', value: -1 })) }, reason: { 'zh-CN': 'p', en: 'p' },
});
const actuals = (t: TraceNode): Record<string, number> =>
  Object.fromEntries((t as { children: TraceNode[] }).children.map((c) => [(c as { feature: string }).feature, (c as { actual: number }).actual]));

function rng(seed: number) { let s = seed; return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648); }

describe('feature windows', () => {
  it('match a brute-force recomputation on random traffic', () => {
    const r = rng(7);
    const w = world();
    for (let i = 0; i < 6; i++) w.account(`A${i}`);
    const feats = ['out_sum_1h', 'in_sum_24h', 'out_cnt_7d', 'cnt_30d', 'sum_90d', 'distinct_payees_24h', 'distinct_payers_7d', 'cash_in_sum_day', 'cnt_life'];
    for (let i = 0; i < 600; i++) {
      w.wait(Math.floor(r() * 600));
      const a = `A${Math.floor(r() * 6)}`, b = r() < 0.5 ? `A${Math.floor(r() * 6)}` : `X${Math.floor(r() * 8)}`;
      if (r() < 0.15) w.cashIn(a, Math.floor(r() * 9000) + 1); else w.pay(a, b === a ? 'X0' : b, Math.floor(r() * 9000) + 1);
    }
    const engine = createEngine({ profiles: mapProfileLookup(w.profiles), scenarios: [probe(feats)] });
    const win: Record<string, number> = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY };
    let checked = 0;
    w.txns.forEach((t, i) => {
      const res = engine.score(t);
      for (const hit of res.hits) {
        const acct = hit.accountId;
        const got = actuals(hit.trace as TraceNode);
        const past = w.txns.slice(0, i + 1);
        const mine = (tx: Transaction) => tx.debitAccount === acct || tx.creditAccount === acct;
        const inW = (tx: Transaction, ms: number) => tx.occurredAt > t.occurredAt - ms;
        const sum = (xs: Transaction[]) => xs.reduce((s, x) => s + x.amountMinor / 100, 0);
        const outs = past.filter((x) => x.debitAccount === acct), ins = past.filter((x) => x.creditAccount === acct);
        expect(got.out_sum_1h).toBeCloseTo(sum(outs.filter((x) => inW(x, win['1h']))), 6);
        expect(got.in_sum_24h).toBeCloseTo(sum(ins.filter((x) => inW(x, win['24h']))), 6);
        expect(got.out_cnt_7d).toBe(outs.filter((x) => inW(x, win['7d'])).length);
        expect(got.cnt_30d).toBe(past.filter((x) => mine(x) && inW(x, win['30d'])).length);
        expect(got.sum_90d).toBeCloseTo(sum(past.filter((x) => mine(x) && inW(x, win['90d']))), 6);
        expect(got.distinct_payees_24h).toBe(new Set(outs.filter((x) => inW(x, win['24h'])).map((x) => x.creditAccount)).size);
        expect(got.distinct_payers_7d).toBe(new Set(ins.filter((x) => inW(x, win['7d']) && x.debitAccount).map((x) => x.debitAccount)).size);
        const ds = localDayStart(t.occurredAt, 8 * HOUR);
        expect(got.cash_in_sum_day).toBeCloseTo(sum(ins.filter((x) => x.type === 'cash_deposit' && x.occurredAt >= ds)), 6);
        expect(got.cnt_life).toBe(past.filter(mine).length);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(500);
  });
});

describe('device and IP distinct accounts (stores that coalesce repeated movements)', () => {
  it('match a brute-force recomputation on random traffic', () => {
    const r = rng(11);
    const w = world();
    for (let i = 0; i < 5; i++) w.account(`A${i}`);
    // Mostly the same account on the same device and IP back to back (coalesced), sometimes
    // another one, with gaps from minutes to weeks so that both windows empty and refill.
    let a = 'A0';
    for (let i = 0; i < 700; i++) {
      w.wait(r() < 0.1 ? Math.floor(r() * 20 * 1440) : Math.floor(r() * 300));
      if (r() < 0.25) a = `A${Math.floor(r() * 5)}`;
      // Personal devices and IPs (one account each: rows holding their sole account) and shared ones.
      const own = r() < 0.5;
      w.pay(a, 'X', 10, { device: own ? `D_${a}` : `D${Math.floor(r() * 2)}`, ip: own && r() < 0.9 ? `I_${a}` : `I${Math.floor(r() * 2)}` });
    }
    const engine = createEngine({ profiles: mapProfileLookup(w.profiles), scenarios: [{ ...probe(['dev_distinct_accounts_30d', 'ip_distinct_accounts_24h']), side: 'debit' }] });
    let checked = 0;
    w.txns.forEach((t, i) => {
      const hit = engine.score(t).hits[0];
      const got = actuals(hit.trace as TraceNode);
      const past = w.txns.slice(0, i + 1);
      const distinct = (same: (x: Transaction) => boolean, ms: number) =>
        new Set(past.filter((x) => same(x) && x.occurredAt > t.occurredAt - ms).map((x) => x.debitAccount)).size;
      expect(got.dev_distinct_accounts_30d).toBe(distinct((x) => x.deviceId === t.deviceId, 30 * DAY));
      expect(got.ip_distinct_accounts_24h).toBe(distinct((x) => x.ip === t.ip, DAY));
      checked++;
    });
    expect(checked).toBe(700);
  });
});

describe('large-value thresholds (PBOC Order [2016] No. 3)', () => {
  const lv = (id: string) => builtInScenarios.filter((s) => s.id === id);
  const fired = (w: ReturnType<typeof world>, id: string) => w.run(lv(id)).map((r) => r.hits.some((h) => h.scenarioId === id));

  it('cash: RMB 50,000 exactly, or USD 10,000 equivalent for foreign-currency cash, same-day cumulative', () => {
    expect(fired(world().account('A').cashIn('A', 49999.99).cashIn('A', 0.01), 'LVR-001')).toEqual([false, true]);
    expect(fired(world().account('A').cashIn('A', 10000, { currency: 'USD' }), 'LVR-001')).toEqual([true]);
    expect(fired(world().account('A').cashIn('A', 9999.99, { currency: 'USD' }), 'LVR-001')).toEqual([false]);
    // Cumulated per customer across accounts, reset at local midnight.
    const w = world().account('A', { customer: 'C' }).account('B', { customer: 'C' }).cashIn('A', 30000).cashIn('B', 20000).day(1).cashIn('A', 1);
    expect(fired(w, 'LVR-001')).toEqual([false, true, false]);
  });

  it('transfers: organisation 2,000,000 / person domestic 500,000 / person cross-border 200,000 or USD 10,000', () => {
    expect(fired(world().account('O', { kind: 'organisation' }).pay('O', 'X', 200000, { currency: 'USD' }), 'LVR-003')).toEqual([true]);
    expect(fired(world().account('A').pay('A', 'X', 100000, { currency: 'USD' }), 'LVR-005')).toEqual([true]);
    expect(fired(world().account('A').pay('A', 'X', 99999, { currency: 'USD' }), 'LVR-005')).toEqual([false]);
    expect(fired(world().account('A').pay('A', 'F', 150000, { xb: true }).pay('A', 'F', 50000, { xb: true }), 'LVR-007')).toEqual([false, true]);
  });
});

describe('scoring and decisions', () => {
  it('combines typologies into 0–100 and applies review/block thresholds and minimum decisions', () => {
    const w = world().account('A', { age: 70 }).pay('A', 'Y', 15000);
    const eld = builtInScenarios.filter((s) => s.id === 'ELD-002');
    const [r] = w.run(eld);
    expect(r.score).toBe(40);
    expect(r.decision).toBe('review');
    const engine = createEngine({ profiles: mapProfileLookup(w.profiles), scenarios: eld, scoring: { reviewThreshold: 90, blockThreshold: 95 } });
    expect(engine.score(w.txns[0]).decision).toBe('review'); // minDecision still holds
  });

  it('refuses a currency without a reference rate before touching state', () => {
    const w = world().account('A').pay('A', 'X', 10, { currency: 'XAU' });
    const engine = createEngine({ profiles: mapProfileLookup(w.profiles), scenarios: builtInScenarios });
    expect(() => engine.score(w.txns[0])).toThrow(AppError);
    expect(engine.observed).toBe(0);
  });
});

describe('snapshot, restore and replay', () => {
  it('give the same scores as an uninterrupted run', () => {
    const { txns, profiles } = generate(30_000, 2_000, 3);
    // Devices and IPs used by one account (rows holding their sole account) and by several.
    for (let i = 0; i < txns.length; i += 37) if (txns[i].deviceId) txns[i].deviceId = `dev_shared_${i % 60}`;
    for (let i = 0; i < txns.length; i += 23) if (txns[i].ip) txns[i].ip = `10.0.0.${i % 2}`;
    const lookup = mapProfileLookup(profiles);
    const opts = { profiles: lookup, scenarios: builtInScenarios };
    const full = createEngine(opts);
    const expected = txns.map((t) => full.score(t));
    expect(expected.filter((r) => r.hits.length > 0).length).toBeGreaterThan(100);
    const fired = (id: string) => expected.filter((r) => r.hits.some((h) => h.scenarioId === id)).length;
    expect(fired('DEV-001')).toBeGreaterThan(0); // shared devices and IPs counted
    expect(fired('DEV-002')).toBeGreaterThan(0);

    const cut = 17_000;
    const first = createEngine(opts);
    for (let i = 0; i < cut; i++) first.score(txns[i]);
    // As a database gives it back: the head through JSON, the parts as copies of their bytes.
    const taken = first.snapshot();
    expect(taken.parts.length).toBeGreaterThan(0);
    const snap = { ...JSON.parse(JSON.stringify({ ...taken, parts: undefined })), parts: taken.parts.map((p) => Buffer.from(p)) };
    const restored = createEngine(opts, snap);
    expect(restored.observed).toBe(cut);
    // The same in steps (a server refreshing a snapshot lets requests in between them).
    const taken2 = first.snapshotSteps();
    let r = taken2.next(), snapSteps = 0;
    for (; !r.done; r = taken2.next()) snapSteps++;
    expect(r.value!.parts.map((p) => Buffer.from(p).toString('base64'))).toEqual(taken.parts.map((p) => Buffer.from(p).toString('base64')));
    const stepwise = createEngine(opts);
    const restoring = stepwise.restoreSteps(snap);
    let restoreSteps = 0;
    while (!restoring.next().done) restoreSteps++;
    expect(Math.min(snapSteps, restoreSteps)).toBeGreaterThan(3);
    expect(stepwise.observed).toBe(cut);
    expect(() => stepwise.restoreSteps(snap).next()).toThrow(/fresh engine/);
    const replayed = createEngine(opts);
    for (let i = 0; i < cut; i++) replayed.observe(txns[i]);
    for (let i = cut; i < txns.length; i++) {
      expect(restored.score(txns[i])).toEqual(expected[i]);
      expect(stepwise.score(txns[i])).toEqual(expected[i]);
      expect(replayed.score(txns[i])).toEqual(expected[i]);
    }
  });

  it('rejects a snapshot taken with other scenarios', () => {
    const w = world().account('A');
    const a = createEngine({ profiles: mapProfileLookup(w.profiles), scenarios: builtInScenarios.slice(0, 3) });
    expect(() => createEngine({ profiles: mapProfileLookup(w.profiles), scenarios: builtInScenarios.slice(0, 5) }, a.snapshot())).toThrow(/rebuild/);
  });
});

describe('event arena compaction', () => {
  it('does not change features that skip the current movement when it happens between the two sides', () => {
    // The arena starts with room for 1,024 events and is compacted, when full, only if at least a
    // quarter of it is dead (left every window). The 510 events of 255 payments on day 0 die
    // when A's and B's windows move to day 100; then 1 + 2 × 256 more events fill 1,023 slots, so
    // the last payment's debit event takes the last slot and its credit event compacts the arena.
    const w = world().account('A').account('B');
    w.times(255, (x) => x.pay('A', 'B', 100));
    w.day(100);
    w.cashIn('A', 10_000);
    w.times(256, (x) => x.pay('A', 'B', 100));
    w.pay('A', 'B', 500);
    const res = w.run([probe(['amount_vs_max_out_90d'])]);
    const last = res[res.length - 1].hits.find((h) => (h as { side?: string }).side === 'debit')!;
    expect(actuals(last.trace as TraceNode).amount_vs_max_out_90d).toBe(5);
  });
});

describe('inline pre-checks', () => {
  it('agree with the compiled test exactly at the thresholds (money, counts, distinct counts, amount)', () => {
    const sc = {
      ...probe([]), id: 'EDGE',
      when: { all: [
        { feature: 'out_sum_24h', op: '>=', value: 1000.01 }, { feature: 'amount', op: '>', value: 500 },
        { feature: 'distinct_payees_24h', op: '==', value: 2 }, { feature: 'out_cnt_24h', op: '<=', value: 3 },
      ] },
    };
    const w = world().account('A');
    w.pay('A', 'B', 500); // amount not > 500
    w.pay('A', 'C', 500); // out_sum 1,000 < 1,000.01
    w.pay('A', 'C', 0.01); // out_sum 1,000.01 but amount 0.01
    w.pay('A', 'B', 500.01); // all else holds, but a 4th debit (out_cnt_24h 4 > 3)
    const res = w.run([sc]);
    expect(res.map((r) => r.hits.length)).toEqual([0, 0, 0, 0]);
    const w2 = world().account('A');
    w2.pay('A', 'B', 500.5).pay('A', 'C', 500); // out_sum 1,000.50, amount 500 not > 500
    w2.pay('A', 'C', 500.01); // 1,500.51, > 500, 2 payees, 3 debits
    expect(w2.run([sc]).map((r) => r.hits.length)).toEqual([0, 0, 1]);
  });
});

describe('customer age', () => {
  it('counts a customer as 60 from the local midnight starting the 60th birthday', () => {
    const eld = builtInScenarios.filter((s) => s.id === 'ELD-002');
    const profile = (birthDate: string) => new Map([['A', { customerId: 'C', customerKind: 'person' as const, birthDate, openedAt: 0, riskLevel: 'low' as const, branchId: 'b', own: true }]]);
    const w = world().pay('A', 'Y', 15000); // 2026-03-02 10:00 CST = 02:00 UTC
    const fires = (birth: string) => createEngine({ profiles: mapProfileLookup(profile(birth)), scenarios: eld }).score(w.txns[0]).hits.length > 0;
    expect(fires('1966-03-02')).toBe(true);
    expect(fires('1966-03-03')).toBe(false);
    const night = world().day(0, 0, 30).pay('A', 'Y', 15000); // 00:30 CST on the birthday = previous day in UTC
    expect(createEngine({ profiles: mapProfileLookup(profile('1966-03-02')), scenarios: eld }).score(night.txns[0]).hits.length).toBe(1);
  });
});

describe('time handling', () => {
  it('counts a late-arriving transaction at the entity\'s latest time', () => {
    const w = world().account('A').pay('A', 'X', 100).day(0, 9).pay('A', 'Y', 100);
    const engine = createEngine({ profiles: mapProfileLookup(w.profiles), scenarios: [probe(['out_cnt_1h'])] });
    const r = w.txns.map((t) => engine.score(t));
    expect(actuals(r[1].hits[0].trace as TraceNode).out_cnt_1h).toBe(2);
    expect(T0).toBe(Date.UTC(2026, 2, 2, 2));
  });
});

describe('profile lookups', () => {
  it('asks a versioned lookup again only after its version moved, and then sees a newly registered own account', () => {
    const w = world().account('A0');
    w.pay('A0', 'B0', 100).wait(5).pay('A0', 'B0', 200).wait(5).pay('A0', 'B0', 300).wait(5).pay('A0', 'B0', 400);
    let version = 3, asked = 0;
    const lookup = { account: (id: string) => { asked++; return w.profiles.get(id); }, version: () => version };
    const engine = createEngine({ profiles: lookup, scenarios: [probe(['cnt_life'])] });
    const sides = (t: Transaction) => (engine.score(t).hits as EngineHit[]).map((h) => `${h.side}:${h.accountId}`);
    expect(sides(w.txns[0])).toEqual(['debit:A0']);
    expect(asked).toBe(2);
    w.account('B0'); // registered, but the lookup's version has not moved yet
    expect(sides(w.txns[1])).toEqual(['debit:A0']);
    expect(asked).toBe(2);
    version++;
    expect(sides(w.txns[2])).toEqual(['debit:A0', 'credit:B0']);
    expect(asked).toBe(4);
    expect(sides(w.txns[3])).toEqual(['debit:A0', 'credit:B0']);
    expect(asked).toBe(4);
  });

  it('asks an unversioned lookup for both sides of every transaction', () => {
    const w = world().account('A0');
    w.pay('A0', 'B0', 100).wait(5).pay('A0', 'B0', 200);
    let asked = 0;
    const engine = createEngine({ profiles: { account: (id: string) => { asked++; return w.profiles.get(id); } }, scenarios: [probe(['cnt_life'])] });
    engine.score(w.txns[0]);
    w.account('B0');
    expect((engine.score(w.txns[1]).hits as EngineHit[]).map((h) => h.accountId)).toEqual(['A0', 'B0']);
    expect(asked).toBe(4);
  });
});
