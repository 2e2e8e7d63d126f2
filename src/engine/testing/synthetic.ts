/**
 * Deterministic synthetic bank traffic for the engine benchmark and tests: accounts with
 * profiles, home cities, devices and usual counterparties; cash, transfers, payments, some
 * cross-border and foreign-currency movements, mildly skewed activity.
 */
import type { Transaction } from '../../domain/transaction.ts';
import { CHANNELS } from '../../domain/transaction.ts';
import type { AccountProfile } from '../profile.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

export function generateTraffic(nTx: number, nAcc: number, seed = 42): { txns: Transaction[]; profiles: Map<string, AccountProfile> } {
  const r = rng(seed);
  const profiles = new Map<string, AccountProfile>();
  const ids: string[] = [];
  for (let i = 0; i < nAcc; i++) {
    const id = `62220${String(i).padStart(10, '0')}`;
    ids.push(id);
    const org = r() < 0.1;
    const year = 1940 + Math.floor(r() * 66);
    profiles.set(id, {
      customerId: `cus_${Math.floor(i * 0.9)}`,
      customerKind: org ? 'organisation' : 'person',
      birthDate: org ? null : `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
      openedAt: START - Math.floor(r() * 1000) * DAY,
      riskLevel: r() < 0.05 ? 'high' : r() < 0.2 ? 'medium' : 'low',
      branchId: `br_${i % 50}`,
      own: true,
    });
  }
  // Bank-like behaviour: each account has a home city, one or two devices, a few IP addresses
  // and a small set of usual counterparties it pays most of the time; activity is mildly skewed.
  const home = new Int32Array(nAcc), usual: number[][] = [];
  for (let i = 0; i < nAcc; i++) {
    home[i] = Math.floor(r() * 300);
    usual.push(Array.from({ length: 8 }, () => Math.floor(Math.pow(r(), 1.2) * nAcc)));
  }
  const pickIdx = () => Math.floor(Math.pow(r(), 1.2) * nAcc);
  const span = 90 * DAY;
  const txns: Transaction[] = new Array(nTx);
  for (let i = 0; i < nTx; i++) {
    const u = r();
    const type = u < 0.08 ? 'cash_deposit' : u < 0.16 ? 'cash_withdrawal' : u < 0.2 ? 'payment' : 'transfer';
    const external = r() < 0.15;
    const di = pickIdx();
    const debit = type === 'cash_deposit' ? null : ids[di];
    const ci = type === 'cash_deposit' ? di : r() < 0.85 ? usual[di][Math.floor(r() * 8)] : pickIdx();
    const credit = type === 'cash_withdrawal' ? null : external ? `EXT${(di * 7 + Math.floor(r() * 3)) % 200_000}` : ids[ci];
    const big = r() < 0.01;
    const amount = big ? Math.floor(r() * 60_000_00) : Math.floor(Math.exp(4 + r() * 6)) * 100;
    const xb = r() < 0.02;
    const actor = debit ? di : ci;
    txns[i] = {
      id: `t${i}`, institutionId: 'inst_1', branchId: null,
      occurredAt: START + Math.floor((i / nTx) * span) + Math.floor(r() * 60_000),
      debitAccount: debit, debitParty: null, debitBank: null,
      creditAccount: credit, creditParty: null, creditBank: external ? 'OTHER' : null,
      amountMinor: amount, currency: xb && r() < 0.5 ? 'USD' : 'CNY',
      channel: type.startsWith('cash') ? (r() < 0.5 ? 'atm' : 'counter') : CHANNELS[2 + Math.floor(r() * 4)],
      type, deviceId: debit ? `dev_${di}_${r() < 0.95 ? 0 : 1}` : null,
      ip: debit && r() < 0.7 ? `10.${(di >> 8) & 255}.${di & 255}.${r() < 0.9 ? 1 : 2}` : null,
      location: `city_${r() < 0.9 ? home[actor] : Math.floor(r() * 300)}`, purpose: r() < 0.01 ? '理财分红' : null, crossBorder: xb,
    };
  }
  return { txns, profiles };
}

