import type { Transaction } from '../domain/transaction.ts';
import type { Institution, Branch, Customer, Account } from '../domain/reference.ts';

/** Typologies the demo injects; each injected instance carries one of these tags. */
export const DEMO_TYPOLOGIES = [
  'structuring',
  'rapid_in_out',
  'fan_in',
  'fan_out',
  'cycle',
  'scatter_gather',
  'gather_scatter',
  'stack',
  'layering_chain',
  'illegal_fundraising',
  'elderly_victim',
  'telecom_fraud',
  'night_burst',
  'dormant_reactivation',
  'large_value',
  'cross_border_splitting',
  'underground_banking',
  'gambling',
] as const;
export type DemoTypology = (typeof DEMO_TYPOLOGIES)[number];

export interface DemoLabel {
  txnId: string;
  typology: DemoTypology;
  patternId: string;
}

export type IdentifierKind = 'device' | 'phone' | 'ip' | 'address';

export interface DemoIdentifier {
  accountId: string;
  kind: IdentifierKind;
  value: string;
}

/** One injected instance: which accounts of the bank take part, and what it is. */
export interface DemoPattern {
  id: string;
  typology: DemoTypology;
  /** The institution's own accounts involved (external counterparties are only on the transactions). */
  accountIds: string[];
  description: { 'zh-CN': string; en: string };
}

export interface DemoBank {
  seed: number;
  /** The 90-day window: `start` inclusive, `end` exclusive (00:00 Asia/Shanghai of endDate's day). */
  window: { start: number; end: number };
  institution: Institution;
  branches: Branch[];
  customers: Customer[];
  accounts: Account[];
  /** Sorted by `occurredAt`; ids are `DEMO` + a zero-padded counter in that order. */
  transactions: Transaction[];
  labels: DemoLabel[];
  identifiers: DemoIdentifier[];
  patterns: DemoPattern[];
}

export interface DemoOptions {
  seed?: number;
  /** Epoch ms or Date; the window ends at 00:00 Asia/Shanghai of this day. Defaults to today. */
  endDate?: number | Date;
  /** Multiplies customer, account and transaction counts (e.g. 0.05 for fast tests). */
  scale?: number;
}
