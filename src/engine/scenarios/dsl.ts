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

export interface BuiltIn extends Omit<ScenarioInput, 'weight' | 'version'> {
  weight?: number;
}

/** Fills defaults (version 1, weight from severity). */
export function scenario(s: BuiltIn): ScenarioInput {
  return { version: 1, weight: s.weight ?? WEIGHT[s.severity], ...s };
}
