import type { Transaction } from '../domain/transaction.ts';
import { formatMinor } from '../domain/money.ts';
import type { DemoBank } from '../demo/types.ts';

/** A stored transaction as its source system would send it: the record goes through the same ingest path. */
export function toInputRecord(t: Transaction): Record<string, unknown> {
  return {
    id: t.id, timestamp: new Date(t.occurredAt).toISOString(),
    debitAccount: t.debitAccount, debitParty: t.debitParty, debitBank: t.debitBank,
    creditAccount: t.creditAccount, creditParty: t.creditParty, creditBank: t.creditBank,
    amount: formatMinor(t.amountMinor, t.currency), currency: t.currency, channel: t.channel, type: t.type,
    deviceId: t.deviceId, ip: t.ip, location: t.location, purpose: t.purpose, crossBorder: t.crossBorder,
  };
}

/** The source the demo's faulty feed arrives under (a branch front-end system's export). */
export const DEMO_FEED_SOURCE = 'branch_feed';

const SHANGHAI_OFFSET = 8 * 3_600_000;

/**
 * A branch front-end system's feed with the faults such exports have: the currency written "RMB",
 * an amount with its unit ("425.00元"), a reversal sent as a negative amount, a local time without
 * its UTC offset, a closed account that is no longer registered, a transfer without its payee, a
 * channel code the core does not use, a clock running ahead. One record per fault, each a copy of
 * one of the bank's last transfers between two of its own accounts with that one field spoiled
 * (ids `<original>-BF<n>`), so the demo's quarantine, data-quality report and re-submission show
 * what the real rules catch. Deterministic for a given bank and `now`.
 */
export function demoFeedRecords(bank: DemoBank, now: number): Record<string, unknown>[] {
  const own = new Set(bank.accounts.map((a) => a.id));
  const labelled = new Set(bank.labels.map((l) => l.txnId));
  // Ordinary transfers (no planted pattern's), each from another payer.
  const base: Transaction[] = [];
  const payers = new Set<string>();
  for (let i = bank.transactions.length - 1; i >= 0 && base.length < 8; i--) {
    const t = bank.transactions[i];
    if (t.type !== 'transfer' || t.currency !== 'CNY' || labelled.has(t.id) || !t.debitAccount || !t.creditAccount) continue;
    if (!own.has(t.debitAccount) || !own.has(t.creditAccount) || payers.has(t.debitAccount)) continue;
    payers.add(t.debitAccount);
    base.push(t);
  }
  // The same number with its last digits changed until no account of the bank has it.
  const unregistered = (acct: string) => {
    for (let n = 9999; ; n--) {
      const a = `${acct.slice(0, -4)}${String(n).padStart(4, '0')}`;
      if (!own.has(a)) return a;
    }
  };
  const spoil: Array<(r: Record<string, unknown>, t: Transaction) => void> = [
    (r) => { r.currency = 'RMB'; },
    (r) => { r.amount = `${String(r.amount)}元`; },
    (r) => { r.amount = `-${String(r.amount)}`; },
    (r, t) => { r.timestamp = new Date(t.occurredAt + SHANGHAI_OFFSET).toISOString().slice(0, 19); },
    (r) => { r.debitAccount = unregistered(String(r.debitAccount)); },
    (r) => { r.creditAccount = null; r.creditParty = null; },
    (r) => { r.channel = 'wechat'; },
    (r) => { r.timestamp = new Date(now + 36 * 3_600_000).toISOString(); },
  ];
  return base.slice(0, spoil.length).map((t, k) => {
    const r = { ...toInputRecord(t), id: `${t.id}-BF${k + 1}` };
    spoil[k](r, t);
    return r;
  });
}
