import { z } from 'zod';
import { validation, type ErrorDetail } from '../shared/errors.ts';
import { isPlainObject } from '../shared/objects.ts';

/** A transaction record as sent to the API (fields are validated by the data-quality rules). */
export const TransactionInput = z.object({
  id: z.string().describe('Source system id; the idempotency key within the institution'),
  timestamp: z.string().describe('ISO 8601 with UTC offset, e.g. 2026-11-23T09:30:00+08:00'),
  debitAccount: z.string().nullish(),
  debitParty: z.string().nullish(),
  debitBank: z.string().nullish(),
  creditAccount: z.string().nullish(),
  creditParty: z.string().nullish(),
  creditBank: z.string().nullish(),
  amount: z.union([z.string(), z.number()]).describe('Decimal amount in major units, e.g. "480000.00"'),
  currency: z.string().describe('ISO 4217 code'),
  channel: z.string().describe('counter | atm | mobile | internet | pos | third_party'),
  type: z.string().describe('transfer | cash_deposit | cash_withdrawal | payment | salary | bill | fee | interest | refund'),
  deviceId: z.string().nullish(),
  ip: z.string().nullish(),
  location: z.string().nullish(),
  purpose: z.string().nullish(),
  crossBorder: z.union([z.boolean(), z.string()]).nullish(),
  branch: z.string().nullish().describe('Branch code; defaults to the branch of the own account'),
}).partial().passthrough();

export const MAX_API_BATCH = 10_000;

export const IngestBody = z.union([TransactionInput, z.array(TransactionInput).max(MAX_API_BATCH)]);

/**
 * The records of a POST /transactions body. Only the envelope is checked here: one object, or an
 * array of at most MAX_API_BATCH objects. Fields are checked by the data-quality validator, which
 * quarantines a bad record with every reason instead of refusing the whole batch, and which the
 * zod schema above (kept for the OpenAPI description) would only repeat at ~5% of the route's cost.
 */
export function recordsOf(body: unknown): Record<string, unknown>[] {
  if (isPlainObject(body)) return [body];
  if (!Array.isArray(body)) throw validation('invalid request body', [{ path: 'body', message: 'expected a transaction object or an array of them' }]);
  if (body.length > MAX_API_BATCH) throw validation('invalid request body', [{ path: 'body', message: `at most ${MAX_API_BATCH} transactions per request` }]);
  const details: ErrorDetail[] = [];
  body.forEach((r, i) => {
    if (!isPlainObject(r) && details.length < 100) details.push({ path: `body.${i}`, message: 'expected a transaction object' });
  });
  if (details.length > 0) throw validation('invalid request body', details);
  return body as Record<string, unknown>[];
}

const Hit = z.object({
  scenarioId: z.string(),
  version: z.number(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  typology: z.string(),
  score: z.number(),
  reason: z.object({ 'zh-CN': z.string(), en: z.string() }),
  trace: z.unknown().optional(),
});
export const ScenarioHitSchema = Hit;

const RecordErrorSchema = z.object({ field: z.string(), code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const RecordResultSchema = z.object({
  position: z.number().int(),
  id: z.string().nullable(),
  status: z.enum(['accepted', 'duplicate', 'quarantined']),
  decision: z.enum(['allow', 'review', 'block']).optional(),
  score: z.number().optional(),
  hits: z.array(Hit).optional(),
  quarantineId: z.string().optional(),
  errors: z.array(RecordErrorSchema).optional(),
});

export const IngestResponse = z.object({
  batchId: z.string(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  decisions: z.object({ allow: z.number().int(), review: z.number().int(), block: z.number().int() }),
  results: z.array(RecordResultSchema),
});

export const IngestJobSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'jsonl']),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  bytesTotal: z.number(),
  bytesRead: z.number(),
  processed: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
