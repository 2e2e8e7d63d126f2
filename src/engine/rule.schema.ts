import { z } from 'zod';
import { checkCondition, checkTemplate } from './rules/check.ts';

/**
 * The scenario (rule) language. A scenario is data (JSON or YAML):
 *
 * ```yaml
 * id: TEL-004
 * name: { zh-CN: 短时多笔转给新收款人, en: Several transfers to new payees within an hour }
 * typology: telecom_fraud_victim
 * severity: high
 * weight: 45                 # contribution to the 0–100 score when it fires
 * side: debit                # evaluate on the debit side, the credit side, or both
 * when:
 *   all:
 *     - { feature: new_payees_1h, op: '>=', value: 3 }
 *     - { feature: out_sum_1h, op: '>=', value: 30000 }          # CNY (yuan)
 *     - any:
 *         - { feature: customer_age, op: '>=', value: 60 }
 *         - { not: { feature: channel, op: in, value: [counter] } }
 *     - { feature: amount, op: '>=', value: { amount: 10000, currency: USD } }   # converted via the FX table
 *     - { feature: amount, op: '>=', value: { feature: avg_out_amount_90d, factor: 5 } }
 * reason:
 *   zh-CN: 1 小时内向 {{new_payees_1h}} 个新收款人转出 {{out_sum_1h|money}} 元
 *   en: '{{new_payees_1h}} new payees received CNY {{out_sum_1h|money}} within 1 hour'
 * ```
 * Conditions are `all` / `any` (non-empty lists), `not`, or a comparison. A comparison whose
 * feature value is unknown (NaN, e.g. no profile) is false. Money values are CNY yuan unless
 * given as `{amount, currency}`.
 */
export { OPS, type Op } from './rules/ops.ts';
import type { Op } from './rules/ops.ts';

export type MoneyValue = { amount: number; currency: string };
export type FeatureValue = { feature: string; factor?: number };
export type CmpValue = number | boolean | string | Array<number | string> | MoneyValue | FeatureValue;
export interface Comparison { feature: string; op: Op; value: CmpValue }
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Comparison;

const I18n = z.object({ 'zh-CN': z.string().min(1).max(500), en: z.string().min(1).max(500) }).strict();

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const ScenarioSchema = z
  .object({
    id: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." and "-" only'),
    version: z.number().int().positive().default(1),
    name: I18n,
    description: I18n,
    typology: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case'),
    severity: z.enum(SEVERITIES),
    weight: z.number().min(0).max(100),
    side: z.enum(['debit', 'credit', 'both']),
    minDecision: z.enum(['review', 'block']).optional(),
    when: z.unknown(),
    reason: I18n,
    indicators: z.array(z.string()).default([]),
    doc: z.string().max(4000).default(''),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const issue of checkCondition(s.when, ['when'])) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { ...issue.params, key: issue.key } });
    for (const lang of ['zh-CN', 'en'] as const) {
      if (typeof s.reason?.[lang] !== 'string') continue;
      for (const issue of checkTemplate(s.reason[lang], ['reason', lang])) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { ...issue.params, key: issue.key } });
    }
  });

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioDef = Omit<z.output<typeof ScenarioSchema>, 'when'> & { when: Condition };
