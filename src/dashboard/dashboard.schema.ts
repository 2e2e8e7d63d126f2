import { z } from 'zod';

const Counts = {
  total: z.number().int(),
  allow: z.number().int(),
  review: z.number().int(),
  block: z.number().int(),
};
const Range = { from: z.number().int().describe('epoch ms, inclusive'), to: z.number().int().describe('epoch ms, exclusive') };

export const DayCounts = z.object({ day: z.string().describe('business day YYYY-MM-DD'), ...Range, ...Counts });

export const RingTypologyCount = z.object({
  typology: z.string(),
  findings: z.number().int(),
  members: z.number().int().describe('member accounts over all findings of the typology'),
  totalAmountMinor: z.number().int().describe('sum of the findings\' totals in minor units (CNY)'),
});
export type RingTypologyCount = z.infer<typeof RingTypologyCount>;

/** Each section is null when the caller lacks the permission to see what it summarises. */
export const DashboardSummary = z.object({
  asOf: z.number().int(),
  utcOffsetMinutes: z.number().int().describe('zone of the business day boundaries'),
  transactions: z.object({
    today: DayCounts.extend({ ingested: z.number().int().describe('ingested and scored since the start of today') }),
    last30Days: z.object({ ...Range, ...Counts }),
    days: z.array(DayCounts).describe('the last 30 business days, oldest first, by transaction time'),
  }).nullable(),
  topScenarios: z.object({
    ...Range,
    items: z.array(z.object({ scenarioId: z.string(), typology: z.string(), severity: z.string(), hits: z.number().int() })),
  }).nullable(),
  rings: z.object({ byTypology: z.array(RingTypologyCount) }).nullable(),
  dataQuality: z.array(z.object({
    source: z.string(),
    day: z.string().describe('latest business day with records from the source'),
    records: z.number().int(),
    rejected: z.number().int(),
    validity: z.number().describe('share of records accepted that day'),
    status: z.enum(['ok', 'warning', 'failing']),
  })).nullable(),
  quarantine: z.object({ open: z.number().int() }).nullable(),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;
export type DecisionCounts = { total: number; allow: number; review: number; block: number };

export const ScenarioHitDaysQuery = z.object({
  scenario: z.string().min(1).max(64),
  days: z.coerce.number().int().min(1).max(366).default(90),
});

export const ScenarioHitDays = z.object({
  scenarioId: z.string(),
  ...Range,
  days: z.array(z.object({ day: z.string(), ...Range, hits: z.number().int().describe('transactions on which the scenario fired') })),
});
export type ScenarioHitDays = z.infer<typeof ScenarioHitDays>;
