import type { CmpValue, Condition, ScenarioInput } from '../rule.schema.ts';
import type { Op } from '../rules/ops.ts';

/** Small helpers to write the built-in scenarios as readable data. */
export const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
export const c = (feature: string, op: Op, value: CmpValue): Condition => ({ feature, op, value });
export const all = (...x: Condition[]): Condition => ({ all: x });
export const any = (...x: Condition[]): Condition => ({ any: x });
export const not = (x: Condition): Condition => ({ not: x });
export const usd = (amount: number) => ({ amount, currency: 'USD' });

export const WEIGHT = { low: 15, medium: 25, high: 40, critical: 60 } as const;

/**
 * Postings the bank originates itself (interest settlement, service fees) say nothing about the
 * customer's behaviour; no built-in scenario evaluates on them (they still count in the windows).
 */
export const NOT_SYSTEM_POSTING = c('txn_type', 'not_in', ['fee', 'interest']);

/** Card acquiring and third-party (QR-code) settlement: how a merchant is paid for goods. */
export const ACQUIRING = ['pos', 'third_party'];
/** The movement is a customer-initiated transfer, not a purchase, a settlement, a bill or payroll. */
export const DIRECT_TRANSFER = all(c('txn_type', '==', 'transfer'), c('channel', 'not_in', ACQUIRING));
/**
 * The account is not paid mainly through acquiring: over 30 days at most 20% of its movements come
 * through POS and at most 20% through third-party settlement (most of a merchant's do). One window
 * for every scenario keeps the maintained state small.
 */
export const NOT_MERCHANT: Condition = all(
  c('ch_pos_cnt_30d', '<=', { feature: 'cnt_30d', factor: 0.2 }),
  c('ch_third_party_cnt_30d', '<=', { feature: 'cnt_30d', factor: 0.2 }),
);

export interface BuiltIn extends Omit<ScenarioInput, 'weight' | 'version'> {
  weight?: number;
}

/**
 * Fills defaults (version 1, weight from severity) and appends NOT_SYSTEM_POSTING to the
 * condition (last, so that the scenario's own first condition still fails fast).
 */
export function scenario(s: BuiltIn): ScenarioInput {
  const when = s.when as Condition;
  const has = 'all' in when && when.all.some((x) => JSON.stringify(x) === JSON.stringify(NOT_SYSTEM_POSTING));
  const guarded: Condition = has ? when : 'all' in when ? { all: [...when.all, NOT_SYSTEM_POSTING] } : all(when, NOT_SYSTEM_POSTING);
  return { version: 1, weight: s.weight ?? WEIGHT[s.severity], ...s, when: guarded };
}
