/**
 * A tiny scenario-test world: declare accounts with profiles, then write transactions in time
 * order. Used by the engine's tests (not by production code).
 */
import type { Channel, Transaction, TxnType } from '../../domain/transaction.ts';
import { createEngine, type EngineResult } from '../engine.ts';
import { mapProfileLookup, type AccountGraphFeatures, type AccountProfile } from '../profile.ts';
import { DAY, HOUR, MINUTE } from '../time.ts';

/** Monday 2026-03-02 10:00 China Standard Time. */
export const T0 = Date.UTC(2026, 2, 2, 2);

export interface AccountSpec {
  kind?: 'person' | 'organisation';
  age?: number;
  openedDaysAgo?: number;
  customer?: string;
  branch?: string;
  risk?: 'low' | 'medium' | 'high';
}

export interface TxOpts {
  type?: TxnType;
  channel?: Channel;
  currency?: string;
  xb?: boolean;
  device?: string;
  ip?: string;
  location?: string;
  purpose?: string;
  branch?: string;
}

export class World {
  readonly profiles = new Map<string, AccountProfile>();
  /** Graph features from a (pretend) ring-mining run, by account. */
  readonly graph = new Map<string, AccountGraphFeatures>();
  readonly txns: Transaction[] = [];
  now = T0;
  private n = 0;

  account(id: string, s: AccountSpec = {}): this {
    const kind = s.kind ?? 'person';
    const age = s.age ?? 40;
    const birth = kind === 'person' ? `${2026 - age - 1}-06-15` : null;
    this.profiles.set(id, {
      customerId: s.customer ?? `cus_${id}`, customerKind: kind, birthDate: birth,
      openedAt: T0 - (s.openedDaysAgo ?? 400) * DAY, riskLevel: s.risk ?? 'low', branchId: s.branch ?? 'br_1', own: true,
    });
    return this;
  }

  /** Places the account in a mined ring finding with this score (graph features as a mining run stores them). */
  ring(id: string, ringScore: number, findings = 1): this {
    this.graph.set(id, { ringScore, findings, cycles: 0, fanOutMax: 0, fanInMax: 0, twoHopPaths: 0, knownBad: 0, badDistance: NaN });
    return this;
  }

  /** Puts the account on the known-bad list (as the rings module's lookup reads a listing). */
  knownBad(id: string): this {
    this.graph.set(id, { ...(this.graph.get(id) ?? { ringScore: 0, findings: 0, cycles: 0, fanOutMax: 0, fanInMax: 0, twoHopPaths: 0 }), knownBad: 1, badDistance: 0 });
    return this;
  }

  /** Sets the clock to day `d` after T0 at local hour h (default 10:00). */
  day(d: number, h = 10, m = 0): this { this.now = T0 + d * DAY + (h - 10) * HOUR + m * MINUTE; return this; }
  wait(minutes: number): this { this.now += minutes * MINUTE; return this; }
  waitDays(days: number): this { this.now += days * DAY; return this; }

  tx(debit: string | null, credit: string | null, yuan: number, o: TxOpts = {}): this {
    const currency = o.currency ?? 'CNY';
    const exp = currency === 'JPY' || currency === 'KRW' ? 0 : 2;
    this.txns.push({
      id: `t${++this.n}`, institutionId: 'inst_1', branchId: o.branch ?? null, occurredAt: this.now,
      debitAccount: debit, debitParty: null, debitBank: null, creditAccount: credit, creditParty: null, creditBank: null,
      amountMinor: Math.round(yuan * 10 ** exp), currency,
      channel: o.channel ?? (o.type === 'cash_deposit' || o.type === 'cash_withdrawal' ? 'counter' : 'mobile'),
      type: o.type ?? 'transfer', deviceId: o.device ?? null, ip: o.ip ?? null, location: o.location ?? null,
      purpose: o.purpose ?? null, crossBorder: o.xb ?? false,
    });
    this.now += MINUTE;
    return this;
  }

  pay(from: string, to: string, yuan: number, o: TxOpts = {}): this { return this.tx(from, to, yuan, o); }
  cashIn(to: string, yuan: number, o: TxOpts = {}): this { return this.tx(null, to, yuan, { ...o, type: 'cash_deposit' }); }
  cashOut(from: string, yuan: number, o: TxOpts = {}): this { return this.tx(from, null, yuan, { ...o, type: 'cash_withdrawal', channel: o.channel ?? 'counter' }); }

  /** Repeats `f(i)` n times. */
  times(n: number, f: (w: this, i: number) => unknown): this { for (let i = 0; i < n; i++) f(this, i); return this; }

  /** Scores every transaction with the given scenarios; returns the results in order. */
  run(scenarios: readonly unknown[]): EngineResult[] {
    const engine = createEngine({ profiles: mapProfileLookup(this.profiles), graph: { account: (id) => this.graph.get(id) }, scenarios });
    return this.txns.map((t) => engine.score(t));
  }
}

export const world = () => new World();
