import type { Transaction } from '../../domain/transaction.ts';

/** What the engine derived once from an account's profile (cached per account slot). */
export interface ProfileInfo {
  own: boolean;
  /** 0 person, 1 organisation. */
  kind: number;
  birthDate: string | null;
  /** birthDate as the number YYYYMMDD (NaN when absent or malformed). */
  birthYmd: number;
  openedAt: number;
  /** 0 low, 1 medium, 2 high. */
  risk: number;
  /** Local midnight of the 55th / 60th birthday (persons), else NaN. */
  age55At: number;
  age60At: number;
  customer: number;
  branch: number;
  /** The caller's profile object this was derived from (the engine's cache key). */
  src: unknown;
}

/** Store kinds holding per-entity windows. Counterparty features read the account store. */
export type StoreKind = 'account' | 'customer' | 'device' | 'ip' | 'branch';
export const STORE_KINDS: readonly StoreKind[] = ['account', 'customer', 'device', 'ip', 'branch'];

/**
 * The evaluation context for one side of one transaction. Reused between transactions (no
 * allocation on the hot path); `vals`/`gen` memoise feature values for the current evaluation.
 */
export interface SideCtx {
  /** 0 = debit side (money leaves the subject account), 1 = credit side. */
  side: number;
  t: number;
  /** Amount in CNY minor units (fen). */
  amt: number;
  /** Flags of the subject account's event for this side (including "new" bits). */
  flags: number;
  txn: Transaction;
  acct: number;
  cust: number;
  cp: number;
  dev: number;
  ip: number;
  branch: number;
  acctEv: number;
  prof: ProfileInfo | null;
  cpProf: ProfileInfo | null;
  stamp: number;
  vals: Float64Array;
  gen: Int32Array;
}

export function newSideCtx(side: number, nFeatures: number): SideCtx {
  return {
    side, t: 0, amt: 0, flags: 0, txn: null as unknown as Transaction,
    acct: -1, cust: -1, cp: -1, dev: -1, ip: -1, branch: -1, acctEv: -1,
    prof: null, cpProf: null, stamp: 0,
    vals: new Float64Array(nFeatures), gen: new Int32Array(nFeatures),
  };
}
