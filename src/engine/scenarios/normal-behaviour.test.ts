/**
 * Everyday banking the built-in scenarios deliberately leave alone (merchant acquiring settlement,
 * payroll, taxes, the bank's own interest and fee postings, a regular night-shift habit). Each
 * case is paired with the same volume done the suspicious way, which must still fire, so the test
 * shows that the exclusion (and not a threshold) is what keeps the normal case quiet.
 */
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from './index.ts';
import { world, type World } from '../testing/world.ts';

const byId = new Map(builtInScenarios.map((s) => [s.id, s]));
/** Scenario ids that fired anywhere in the world built by `build`. */
function fired(ids: string[], build: (w: World) => unknown): Set<string> {
  const w = world();
  build(w);
  return new Set(w.run(ids.map((id) => byId.get(id)!)).flatMap((r) => r.hits.map((h) => h.scenarioId)));
}
const pos = { channel: 'pos' as const, type: 'payment' as const };
const qr = { channel: 'third_party' as const, type: 'payment' as const };

describe('normal behaviour the scenarios exclude', () => {
  it('no built-in scenario fires on the bank\'s own interest and fee postings', () => {
    const all = builtInScenarios.map((s) => s.id);
    const hits = fired(all, (w) => w
      .account('BANK_INT', { kind: 'organisation' }).account('BANK_FEE', { kind: 'organisation' })
      .day(1, 1).times(600, (x, i) => x.account(`C${i}`).pay('BANK_INT', `C${i}`, 3, { type: 'interest', channel: 'internet' }))
      .day(1, 4).times(600, (x, i) => x.pay(`C${i}`, 'BANK_FEE', 2, { type: 'fee', channel: 'internet' })));
    expect([...hits]).toEqual([]);
  });

  it('a new shop paid at the till (POS, QR code) by many individuals is not a collection scheme', () => {
    const ids = ['IFR-001', 'IFR-006', 'FIN-002', 'NEW-002'];
    const shop = (w: World) => w.account('O', { kind: 'organisation', openedDaysAgo: 20 })
      .times(60, (x, i) => x.pay(`P${i}`, 'O', 88.5, i % 2 === 0 ? pos : qr));
    expect([...fired(ids, shop)]).toEqual([]);
    // The same payers sending direct transfers to the same new account: fund-raising indicators fire.
    const direct = fired(ids, (w) => w.account('O', { kind: 'organisation', openedDaysAgo: 20 }).times(60, (x, i) => x.pay(`P${i}`, 'O', 88.5)));
    expect(direct).toEqual(new Set(ids));
  });

  it('a large merchant with 500 card-paying customers is not an underground bank', () => {
    expect(fired(['UBK-002'], (w) => w.account('O', { kind: 'organisation' }).times(500, (x, i) => x.pay(`P${i}`, 'O', 30, pos))).size).toBe(0);
    expect(fired(['UBK-002'], (w) => w.account('O', { kind: 'organisation' }).times(500, (x, i) => x.pay(`P${i}`, 'O', 30))).size).toBe(1);
  });

  it('spending a salary at ten shops in a week is not a fan-out', () => {
    const base = (w: World) => w.account('A').times(6, (x, i) => x.day(i * 5).pay('A', 'Z', 100)).day(40).pay('EMP', 'A', 20000, { type: 'salary', channel: 'internet' });
    expect(fired(['FOU-001'], (w) => base(w).times(10, (x, i) => x.pay('A', `SHOP${i}`, 1900, i % 2 === 0 ? pos : qr))).size).toBe(0);
    expect(fired(['FOU-001'], (w) => base(w).times(10, (x, i) => x.pay('A', `Y${i}`, 1900))).size).toBe(1);
  });

  it('a payroll run to new employees is not a fan-out', () => {
    const ids = ['FOU-002', 'FOU-003', 'VEL-001'];
    const employer = (w: World) => w.account('O', { kind: 'organisation' }).times(12, (x, i) => x.day(i * 5).pay('O', 'SUP', 1000, { channel: 'internet' })).day(61);
    expect([...fired(ids, (w) => employer(w).times(12, (x, i) => x.account(`E${i}`).pay('O', `E${i}`, 45000, { type: 'salary', channel: 'internet' })))]).toEqual([]);
    expect(fired(ids, (w) => employer(w).times(12, (x, i) => x.account(`E${i}`).pay('O', `E${i}`, 45000, { channel: 'internet' })))).toEqual(new Set(['FOU-002', 'FOU-003', 'VEL-001']));
  });

  it('paying tax to the treasury, which many taxpayers pay, is not paying a collecting mule', () => {
    // A sole trader settles tax; five other taxpayers paid the treasury account that day.
    const taxpayers = (w: World) => w.account('A').times(6, (x, i) => x.pay(`T${i}`, 'TREASURY', 5000, { type: 'payment', channel: 'internet' }));
    expect(fired(['TEL-003'], (w) => taxpayers(w).pay('A', 'TREASURY', 20000, { type: 'payment', channel: 'internet' })).size).toBe(0);
    expect(fired(['TEL-003'], (w) => taxpayers(w).pay('A', 'TREASURY', 20000, { channel: 'internet' })).size).toBe(1);
  });

  it('a company paying new suppliers from a new workstation is not a telecom-fraud victim', () => {
    const ids = ['TEL-001', 'TEL-002', 'TEL-004'];
    const pay = (kind: 'person' | 'organisation') => (w: World) => w.account('A', { kind }).pay('A', 'Z', 5000, { device: 'D1' })
      .day(20).pay('A', 'Y', 60000, { device: 'D2' }).pay('A', 'Y2', 10000, { device: 'D2' }).pay('A', 'Y3', 10000, { device: 'D2' });
    expect(fired(ids, pay('organisation')).size).toBe(0);
    expect(fired(ids, pay('person'))).toEqual(new Set(ids));
  });

  it('a night-shift worker\'s regular night activity is not a night burst', () => {
    const ids = ['NGT-001', 'GMB-002'];
    const nights = (weeks: number) => (w: World) => w.account('A').times(weeks, (x, k) => x.day(7 * k + 1, 2).times(30, (y, i) => y.pay(`P${i % 10}`, 'A', 100)));
    expect(fired(ids, nights(12)).size).toBeGreaterThan(0); // the first week was new
    // Only the last week is scored: every earlier week was the same, so the habit is not new.
    const w = world(); nights(12)(w);
    const last = w.run(ids.map((id) => byId.get(id)!)).slice(-30).flatMap((r) => r.hits);
    expect(last).toEqual([]);
  });

  it('a trading company with many buyers and suppliers is not a mirror swap', () => {
    const trade = (kind: 'person' | 'organisation') => (w: World) => w.account('A', { kind })
      .times(20, (x, i) => x.pay(`B${i}`, 'A', 1000)).times(20, (x, i) => x.pay('A', `S${i}`, 950));
    expect(fired(['UBK-001'], trade('organisation')).size).toBe(0);
    expect(fired(['UBK-001'], trade('person')).size).toBe(1);
  });

  it('small card payments at a merchant are not test transfers before a mule goes live', () => {
    const merchant = (small: object) => (w: World) => w.account('O', { kind: 'organisation' })
      .times(20, (x, i) => x.pay(`P${i}`, 'O', 5, small)).pay('X', 'O', 60000);
    expect(fired(['MUL-003'], merchant(pos)).size).toBe(0);
    expect(fired(['MUL-003'], merchant({})).size).toBe(1);
  });
});
