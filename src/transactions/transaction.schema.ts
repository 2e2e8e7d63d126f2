import { z } from 'zod';
import { ScenarioHitSchema } from '../ingest/ingest.schema.ts';
import { formatMinor } from '../domain/money.ts';
import type { StoredTransaction } from '../ingest/transaction.mapper.ts';

export const TransactionView = z.object({
  id: z.string(),
  branchId: z.string().nullable(),
  occurredAt: z.string(),
  debitAccount: z.string().nullable(), debitParty: z.string().nullable(), debitBank: z.string().nullable(),
  creditAccount: z.string().nullable(), creditParty: z.string().nullable(), creditBank: z.string().nullable(),
  amount: z.string().describe('Decimal amount in major units'),
  amountMinor: z.number().int(),
  currency: z.string(),
  channel: z.string(), type: z.string(),
  deviceId: z.string().nullable(), ip: z.string().nullable(), location: z.string().nullable(), purpose: z.string().nullable(),
  crossBorder: z.boolean(),
  source: z.string(),
  ingestedAt: z.string(),
  score: z.number(),
  decision: z.enum(['allow', 'review', 'block']),
  hits: z.array(ScenarioHitSchema),
});

export function transactionView(t: StoredTransaction): z.infer<typeof TransactionView> {
  return {
    id: t.id, branchId: t.branchId, occurredAt: new Date(t.occurredAt).toISOString(),
    debitAccount: t.debitAccount, debitParty: t.debitParty, debitBank: t.debitBank,
    creditAccount: t.creditAccount, creditParty: t.creditParty, creditBank: t.creditBank,
    amount: formatMinor(t.amountMinor, t.currency), amountMinor: t.amountMinor, currency: t.currency,
    channel: t.channel, type: t.type, deviceId: t.deviceId, ip: t.ip, location: t.location, purpose: t.purpose,
    crossBorder: t.crossBorder, source: t.source, ingestedAt: new Date(t.ingestedAt).toISOString(),
    score: t.score, decision: t.decision, hits: t.hits,
  };
}

const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 date/time');
const Decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount such as 50000 or 49999.99');

export const TransactionListQuery = z.object({
  account: z.string().optional(),
  customer: z.string().optional().describe('customer number: transactions on the customer\'s accounts; for a number that is not a customer of the institution, transactions naming it as debit or credit party'),
  branch: z.string().optional(),
  from: Iso.optional(),
  to: Iso.optional(),
  minAmount: Decimal.optional(),
  maxAmount: Decimal.optional(),
  channel: z.string().optional(),
  type: z.string().optional(),
  decision: z.enum(['allow', 'review', 'block']).optional(),
  scenario: z.string().optional(),
  sort: z.enum(['occurredAt', 'amount', 'score']).default('occurredAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
