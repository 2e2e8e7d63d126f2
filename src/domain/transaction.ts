/**
 * A monetary transaction between a debit side (money leaves) and a credit side (money arrives).
 * Cash deposits have no debit account; cash withdrawals have no credit account.
 * Amounts are integer minor units of `currency`; `occurredAt` is UTC epoch milliseconds.
 */
export const CHANNELS = ['counter', 'atm', 'mobile', 'internet', 'pos', 'third_party'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TXN_TYPES = [
  'transfer', 'cash_deposit', 'cash_withdrawal', 'payment', 'salary', 'bill', 'fee', 'interest', 'refund',
] as const;
export type TxnType = (typeof TXN_TYPES)[number];

export interface Transaction {
  /** The source system's id; the idempotency key within an institution. */
  id: string;
  institutionId: string;
  /** Branch of the institution's own account on the transaction (debit side first), if known. */
  branchId: string | null;
  occurredAt: number;
  debitAccount: string | null;
  debitParty: string | null;
  debitBank: string | null;
  creditAccount: string | null;
  creditParty: string | null;
  creditBank: string | null;
  amountMinor: number;
  currency: string;
  channel: Channel;
  type: TxnType;
  deviceId: string | null;
  ip: string | null;
  location: string | null;
  purpose: string | null;
  crossBorder: boolean;
}

export type Decision = 'allow' | 'review' | 'block';

/** One scenario that fired on a transaction, with its reason in both UI languages. */
export interface ScenarioHit {
  scenarioId: string;
  version: number;
  severity: 'low' | 'medium' | 'high' | 'critical';
  typology: string;
  score: number;
  reason: { 'zh-CN': string; en: string };
  /** Evaluation trace of the rule tree: which condition held, with feature values. */
  trace?: unknown;
  /**
   * The trace as JSON text in its stored form (engine/rules/trace-form.ts) instead of `trace`, from an
   * engine that writes it for storage (ingest's: `explain: 'json'`); stored hits are read back with `trace`.
   */
  traceJson?: string;
}

export interface ScoreResult {
  decision: Decision;
  score: number;
  hits: ScenarioHit[];
}
