import { beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../domain/transaction.ts';
import type { DemoBank, DemoTypology } from './types.ts';
import { DEMO_TYPOLOGIES } from './types.ts';
import { generateDemoBank, DEFAULT_DEMO_SEED } from './generator.ts';
import { checkInvariants } from './testing/invariants.ts';
import { shanghaiDate, shanghaiDayStart, SHANGHAI_OFFSET, HOUR } from './time.ts';

const END = Date.UTC(2026, 10, 23, 6, 30); // 14:30 in Shanghai
const SMALL = 0.05;

function ageAt(birthDate: string, isoDate: string): number {
  const years = Number(isoDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return isoDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

function patternTxns(bank: DemoBank, typology: DemoTypology): Map<string, Transaction[]> {
  const byId = new Map(bank.transactions.map((t) => [t.id, t]));
  const out = new Map<string, Transaction[]>();
  for (const l of bank.labels) {
    if (l.typology !== typology) continue;
    const list = out.get(l.patternId) ?? [];
    list.push(byId.get(l.txnId)!);
    out.set(l.patternId, list);
  }
  return out;
}

describe('generateDemoBank (small scale)', () => {
  let bank: DemoBank;
  /** The default seed and four others, so each typology check sees several instances. */
  let banks: DemoBank[];
  beforeAll(() => {
    bank = generateDemoBank({ endDate: END, scale: SMALL });
    banks = [bank, ...[1, 2, 3, 99].map((seed) => generateDemoBank({ endDate: END, scale: SMALL, seed }))];
  });

  it('is reproducible: the same seed gives byte-identical output, another seed differs', () => {
    const again = generateDemoBank({ endDate: END, scale: SMALL });
    expect(JSON.stringify(again)).toBe(JSON.stringify(bank));
    const other = generateDemoBank({ endDate: END, scale: SMALL, seed: DEFAULT_DEMO_SEED + 1 });
    expect(JSON.stringify(other.transactions)).not.toBe(JSON.stringify(bank.transactions));
    expect(other.customers.map((c) => c.name)).not.toEqual(bank.customers.map((c) => c.name));
  });

  it('ends the 90-day window at the start of endDate’s day in Asia/Shanghai, defaulting to today', () => {
    expect(bank.window.end).toBe(Date.UTC(2026, 10, 22, 16));
    expect(bank.window.end - bank.window.start).toBe(90 * 24 * HOUR);
    const before = shanghaiDayStart(Date.now());
    const today = generateDemoBank({ scale: 0.01 });
    expect([before, shanghaiDayStart(Date.now())]).toContain(today.window.end);
  });

  it('satisfies the domain rules for every record, for several seeds', () => {
    for (const b of banks) expect(checkInvariants(b, END)).toEqual([]);
  });

  it('has the institution, a head office and at least five branches with outlets', () => {
    expect(bank.institution).toMatchObject({ id: 'inst_demo', code: 'DEMO', bankCode: '313100000001' });
    const level1 = bank.branches.filter((b) => b.level === 1);
    expect(level1.length).toBeGreaterThanOrEqual(5);
    for (const b of level1) expect(bank.branches.some((o) => o.parentId === b.id && o.level === 2)).toBe(true);
  });

  it('injects every typology at least once and labels its transactions', () => {
    for (const bank of banks) {
      for (const typology of DEMO_TYPOLOGIES) {
        const patterns = patternTxns(bank, typology);
        expect(patterns.size, typology).toBeGreaterThanOrEqual(1);
        expect(bank.patterns.some((p) => p.typology === typology && p.accountIds.length > 0), typology).toBe(true);
      }
    }
  });

  it('uses counterparties at other banks and cross-border foreign currency', () => {
    const accounts = new Set(bank.accounts.map((a) => a.id));
    const external = bank.transactions.filter((t) => t.creditBank !== bank.institution.bankCode && t.creditAccount);
    expect(external.length).toBeGreaterThan(bank.transactions.length / 4);
    expect(external.every((t) => !accounts.has(t.creditAccount!))).toBe(true);
    expect(bank.transactions.some((t) => t.crossBorder && t.currency !== 'CNY')).toBe(true);
  });

  it('has elderly customers, and every elderly-victim pattern is an elderly customer’s first large outflow', () => {
    for (const bank of banks) {
      const endIso = shanghaiDate(bank.window.end - 1);
      const accountOwner = new Map(bank.accounts.map((a) => [a.id, a.customerId]));
      const customers = new Map(bank.customers.map((c) => [c.id, c]));
      expect(bank.customers.filter((c) => c.birthDate && ageAt(c.birthDate, endIso) >= 65).length).toBeGreaterThan(bank.customers.length * 0.08);
      for (const [, txns] of patternTxns(bank, 'elderly_victim')) {
        const account = txns.find((t) => t.amountMinor >= 5_000_000 && (t.type === 'cash_withdrawal' || t.creditBank !== bank.institution.bankCode))!;
        expect(account).toBeDefined();
        const owner = customers.get(accountOwner.get(account.debitAccount!)!)!;
        expect(ageAt(owner.birthDate!, endIso)).toBeGreaterThanOrEqual(65);
        const before = bank.transactions.filter((t) => t.debitAccount === account.debitAccount && t.occurredAt < account.occurredAt);
        expect(before.length).toBeGreaterThan(0);
        expect(before.some((t) => t.amountMinor >= 5_000_000 || t.creditAccount === account.creditAccount && t.creditAccount !== null)).toBe(false);
      }
    }
  });

  it('shares devices and IPs across mule accounts of a ring', () => {
    for (const bank of banks) {
      const owner = new Map(bank.accounts.map((a) => [a.id, a.customerId]));
      const patternAccounts = new Set(bank.patterns.flatMap((p) => p.accountIds));
      const customersByDevice = new Map<string, Set<string>>();
      for (const i of bank.identifiers) {
        if (i.kind !== 'device') continue;
        const set = customersByDevice.get(i.value) ?? new Set();
        set.add(owner.get(i.accountId)!);
        customersByDevice.set(i.value, set);
      }
      const shared = [...customersByDevice.entries()].filter(([, s]) => s.size >= 2);
      expect(shared.length).toBeGreaterThan(3);
      const accountsByCustomer = new Map<string, string[]>();
      for (const a of bank.accounts) accountsByCustomer.set(a.customerId, [...(accountsByCustomer.get(a.customerId) ?? []), a.id]);
      const ringUsed = shared.filter(([, s]) => [...s].some((c) => accountsByCustomer.get(c)!.some((a) => patternAccounts.has(a))));
      expect(ringUsed.length).toBeGreaterThan(3);
      // The shared device is the one their mobile transactions carry.
      const devices = new Set(shared.map(([d]) => d));
      expect(bank.transactions.some((t) => t.deviceId !== null && devices.has(t.deviceId))).toBe(true);
    }
  });

  it('structures below a large-value standard: each structured movement under it, together over it', () => {
    for (const bank of banks) {
      const orgs = new Set(bank.customers.filter((c) => c.kind === 'organisation').map((c) => c.id));
      const orgAccounts = new Set(bank.accounts.filter((a) => orgs.has(a.customerId)).map((a) => a.id));
      for (const [id, txns] of patternTxns(bank, 'structuring')) {
        const deposits = txns.filter((t) => t.type === 'cash_deposit');
        const withdrawals = txns.filter((t) => t.type === 'cash_withdrawal');
        if (deposits.length > 0) {
          // Just under RMB 50,000 on separate days, or several smaller deposits a day adding up to it.
          for (const d of deposits) expect(d.amountMinor, id).toBeLessThan(5_000_000);
          const days = new Map<string, number[]>();
          for (const d of deposits) days.set(shanghaiDate(d.occurredAt), [...(days.get(shanghaiDate(d.occurredAt)) ?? []), d.amountMinor]);
          if (days.size === deposits.length) {
            expect(deposits.length, id).toBeGreaterThanOrEqual(5);
            for (const d of deposits) expect(d.amountMinor, id).toBeGreaterThanOrEqual(4_500_000);
          } else {
            for (const amounts of days.values()) {
              expect(amounts.length, id).toBeGreaterThanOrEqual(3);
              expect(amounts.reduce((a, b) => a + b, 0), id).toBeGreaterThanOrEqual(5_000_000);
            }
          }
        } else if (withdrawals.length > 0) {
          expect(withdrawals.length, id).toBeGreaterThanOrEqual(3);
          for (const w of withdrawals) expect(w.amountMinor >= 4_500_000 && w.amountMinor < 5_000_000, id).toBe(true);
        } else {
          // A large credit moved on in tranches within 90–100% of the person's or organisation's standard.
          const credit = txns.reduce((a, b) => (b.amountMinor > a.amountMinor ? b : a));
          const account = credit.creditAccount!;
          const limit = orgAccounts.has(account) ? 200_000_000 : 50_000_000;
          const tranches = txns.filter((t) => t.debitAccount === account && t.type === 'transfer');
          expect(tranches.length, id).toBeGreaterThanOrEqual(3);
          for (const t of tranches) expect(t.amountMinor >= limit * 0.9 && t.amountMinor < limit, id).toBe(true);
          expect(tranches.reduce((a, t) => a + t.amountMinor, 0), id).toBeGreaterThanOrEqual(limit);
        }
      }
    }
  });

  it('closes every cycle back at its first account', () => {
    for (const bank of banks) {
      for (const [, txns] of patternTxns(bank, 'cycle')) {
        const first = txns[0];
        const next = new Map(txns.map((t) => [t.debitAccount, t.creditAccount]));
        let at = first.creditAccount;
        for (let hops = 0; hops < 10 && at !== first.debitAccount; hops++) at = next.get(at) ?? null;
        expect(at).toBe(first.debitAccount);
      }
    }
  });

  it('gathers fan-in from at least ten payers and fund-raising from at least twelve investors', () => {
    for (const bank of banks) {
      for (const [typology, min] of [['fan_in', 10], ['illegal_fundraising', 12]] as const) {
        for (const [, txns] of patternTxns(bank, typology)) {
          const inflows = new Map<string, Set<string>>();
          for (const t of txns) if (t.creditAccount) inflows.set(t.creditAccount, (inflows.get(t.creditAccount) ?? new Set()).add(t.debitAccount ?? ''));
          expect(Math.max(...[...inflows.values()].map((s) => s.size)), typology).toBeGreaterThanOrEqual(min);
        }
      }
    }
  });

  it('puts night-burst transactions between 00:00 and 05:00 local time', () => {
    for (const bank of banks) {
      for (const [, txns] of patternTxns(bank, 'night_burst')) {
        for (const t of txns) expect(new Date(t.occurredAt + SHANGHAI_OFFSET).getUTCHours()).toBeLessThan(5);
      }
    }
  });

  it('reaches a PBOC large-value threshold in every large-value pattern', () => {
    for (const bank of banks) {
      for (const [, txns] of patternTxns(bank, 'large_value')) {
        const t = txns[0];
        const hit = (t.type === 'cash_deposit' && t.amountMinor >= 5_000_000) || (t.crossBorder && t.currency === 'USD' && t.amountMinor >= 1_000_000)
          || (t.currency === 'CNY' && t.amountMinor >= 50_000_000);
        expect(hit).toBe(true);
      }
    }
  });

  it('rejects a scale that is not a positive number', () => {
    expect(() => generateDemoBank({ scale: 0 })).toThrow(RangeError);
  });
});

describe('generateDemoBank (full scale)', () => {
  it('meets the minimum sizes and the domain rules', () => {
    const bank = generateDemoBank({ endDate: END });
    expect(bank.branches.filter((b) => b.level === 1).length).toBeGreaterThanOrEqual(5);
    expect(bank.customers.length).toBeGreaterThanOrEqual(5_000);
    expect(bank.accounts.length).toBeGreaterThanOrEqual(8_000);
    expect(bank.transactions.length).toBeGreaterThanOrEqual(200_000);
    expect(bank.accounts.some((a) => a.status === 'dormant')).toBe(true);
    expect(bank.patterns.length).toBeGreaterThanOrEqual(24);
    expect(new Set(bank.patterns.map((p) => p.typology))).toEqual(new Set(DEMO_TYPOLOGIES));
    expect(checkInvariants(bank, END)).toEqual([]);

    // Everyday activity stays below the PBOC single-transaction large-value thresholds.
    const labelled = new Set(bank.labels.map((l) => l.txnId));
    const customerKind = new Map(bank.customers.map((c) => [c.id, c.kind]));
    const kindOf = new Map(bank.accounts.map((a) => [a.id, customerKind.get(a.customerId)]));
    const overThreshold = bank.transactions.filter((t) => {
      if (labelled.has(t.id)) return false;
      const kind = kindOf.get(t.debitAccount ?? '') ?? kindOf.get(t.creditAccount ?? '');
      const usd = t.currency === 'USD';
      if (t.type === 'cash_deposit' || t.type === 'cash_withdrawal') return t.amountMinor >= (usd ? 1_000_000 : 5_000_000);
      if (kind === 'organisation') return t.amountMinor >= (usd ? 20_000_000 : 200_000_000);
      if (t.crossBorder) return t.amountMinor >= (usd ? 1_000_000 : 20_000_000);
      return t.amountMinor >= (usd ? 10_000_000 : 50_000_000);
    });
    expect(overThreshold.map((t) => t.id)).toEqual([]);
  });
});
