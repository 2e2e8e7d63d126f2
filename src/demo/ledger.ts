/**
 * Collects generated transactions and the labels of injected patterns. Ids are given once all
 * transactions exist, in time order, so `DEMO000000001` is the earliest transaction.
 */
import type { Channel, Transaction, TxnType } from '../domain/transaction.ts';
import type { DemoLabel, DemoPattern, DemoTypology } from './types.ts';
import type { Endpoint, Holder } from './population.ts';
import type { Calendar } from './time.ts';
import type { Rng } from './rng.ts';
import { INSTITUTION } from './population.ts';

export interface TxnSpec {
  at: number;
  /** Money leaves here; null for cash deposits and bank-originated credits without an account. */
  from: Endpoint | null;
  /** Money arrives here; null for cash withdrawals. */
  to: Endpoint | null;
  amountMinor: number;
  currency?: string;
  channel: Channel;
  type: TxnType;
  purpose?: string | null;
  /** Session identifiers; when omitted for mobile/internet, taken from the paying customer. */
  deviceId?: string | null;
  ip?: string | null;
  location?: string | null;
  crossBorder?: boolean;
}

/** A device and IP the customer would use for a mobile or internet-banking session. */
export function session(holder: Holder | null, rng: Rng): { deviceId: string | null; ip: string | null } {
  if (!holder || holder.devices.length === 0) return { deviceId: null, ip: null };
  return { deviceId: rng.pick(holder.devices), ip: rng.pick(holder.ips) };
}

export class Ledger {
  readonly txns: Transaction[] = [];
  readonly patterns: DemoPattern[] = [];
  private readonly labelled: { txn: Transaction; typology: DemoTypology; patternId: string }[] = [];
  private readonly patternSeq = new Map<DemoTypology, number>();

  constructor(readonly calendar: Calendar, private readonly rng: Rng) {}

  add(spec: TxnSpec): Transaction {
    const { calendar } = this;
    if (!Number.isSafeInteger(spec.amountMinor) || spec.amountMinor <= 0) {
      throw new Error(`demo generator produced an invalid amount ${spec.amountMinor}`);
    }
    if (spec.at < calendar.start || spec.at >= calendar.end) {
      throw new Error(`demo generator produced a time outside the window: ${new Date(spec.at).toISOString()}`);
    }
    let { deviceId = null, ip = null } = spec;
    if (spec.deviceId === undefined && (spec.channel === 'mobile' || spec.channel === 'internet')) {
      const s = session(spec.from?.holder ?? null, this.rng);
      deviceId = s.deviceId;
      ip = s.ip;
    }
    const txn: Transaction = {
      id: '',
      institutionId: INSTITUTION.id,
      branchId: spec.from?.branchId ?? spec.to?.branchId ?? null,
      occurredAt: spec.at,
      debitAccount: spec.from?.account ?? null,
      debitParty: spec.from?.party ?? null,
      debitBank: spec.from?.bank ?? null,
      creditAccount: spec.to?.account ?? null,
      creditParty: spec.to?.party ?? null,
      creditBank: spec.to?.bank ?? null,
      amountMinor: spec.amountMinor,
      currency: spec.currency ?? 'CNY',
      channel: spec.channel,
      type: spec.type,
      deviceId,
      ip,
      location: spec.location !== undefined ? spec.location : (spec.from?.holder ? spec.from.city : spec.to?.city ?? null),
      purpose: spec.purpose ?? null,
      crossBorder: spec.crossBorder ?? false,
    };
    this.txns.push(txn);
    return txn;
  }

  /** Starts an injected instance; every transaction added through it is labelled. */
  pattern(typology: DemoTypology, description: DemoPattern['description']): PatternBuilder {
    const n = (this.patternSeq.get(typology) ?? 0) + 1;
    this.patternSeq.set(typology, n);
    const p: DemoPattern = { id: `pat_${typology}_${String(n).padStart(2, '0')}`, typology, accountIds: [], description };
    this.patterns.push(p);
    return new PatternBuilder(this, p, (txn) => this.labelled.push({ txn, typology, patternId: p.id }));
  }

  /** Sorts by time (stable, so equal times keep generation order) and assigns the ids. */
  finish(): { transactions: Transaction[]; labels: DemoLabel[] } {
    this.txns.sort((a, b) => a.occurredAt - b.occurredAt);
    const width = Math.max(9, String(this.txns.length).length);
    this.txns.forEach((t, i) => {
      t.id = `DEMO${String(i + 1).padStart(width, '0')}`;
    });
    const labels = this.labelled.map((l) => ({ txnId: l.txn.id, typology: l.typology, patternId: l.patternId }));
    labels.sort((a, b) => (a.txnId < b.txnId ? -1 : a.txnId > b.txnId ? 1 : 0));
    return { transactions: this.txns, labels };
  }
}

export class PatternBuilder {
  constructor(private readonly ledger: Ledger, readonly info: DemoPattern, private readonly label: (t: Transaction) => void) {}

  get id(): string {
    return this.info.id;
  }

  add(spec: TxnSpec): Transaction {
    const txn = this.ledger.add(spec);
    this.label(txn);
    for (const ep of [spec.from, spec.to]) {
      if (ep?.holder && !this.info.accountIds.includes(ep.account)) this.info.accountIds.push(ep.account);
    }
    return txn;
  }
}
