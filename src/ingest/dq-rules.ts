import { z } from 'zod';
import { CHANNELS, TXN_TYPES } from '../domain/transaction.ts';

/**
 * Data-quality rules for incoming transactions. They are data: versioned per institution in
 * config_versions (kind 'dq_rules'), edited through the API, validated by this one schema.
 */
export const INPUT_FIELDS = [
  'id', 'timestamp', 'debitAccount', 'debitParty', 'debitBank', 'creditAccount', 'creditParty', 'creditBank',
  'amount', 'currency', 'channel', 'type', 'deviceId', 'ip', 'location', 'purpose', 'crossBorder', 'branch',
] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** Bit of each field in a record's presence mask (one integer per record instead of a Set). */
export const FIELD_BIT = Object.fromEntries(INPUT_FIELDS.map((f, i) => [f, 1 << i])) as Record<InputField, number>;

export const DqRulesSchema = z.object({
  /** Fields every record must carry (on top of the structural ones the engine needs). */
  required: z.array(z.enum(INPUT_FIELDS)).default(['id', 'timestamp', 'amount', 'currency', 'channel', 'type']),
  /** How far in the future a timestamp may be (clock skew between systems), in seconds. */
  maxFutureSkewSeconds: z.number().int().min(0).max(86_400).default(300),
  /** Oldest acceptable timestamp, in days before now (late files are normal; decades-old dates are not). */
  maxAgeDays: z.number().int().min(1).max(36_500).default(3_650),
  /** Smallest amount in minor units; 1 means "greater than zero". */
  minAmountMinor: z.number().int().min(1).default(1),
  maxAmountMinor: z.number().int().positive().nullable().default(null),
  /** Accepted currencies; null accepts every active ISO 4217 code. */
  currencies: z.array(z.string().regex(/^[A-Z]{3}$/)).nullable().default(null),
  channels: z.array(z.enum(CHANNELS)).default([...CHANNELS]),
  types: z.array(z.enum(TXN_TYPES)).default([...TXN_TYPES]),
  /** A side at our own bank whose account is not in the account register. */
  unknownOwnAccount: z.enum(['quarantine', 'accept']).default('quarantine'),
  /**
   * When a reference load brings accounts or branch codes that open quarantined records were
   * rejected for first of all (`unknown_account`, `unknown_branch`), those records are tried again
   * at once (quarantine.service.ts, retryForReferences): a new account's first transfers, often the
   * ones worth scoring, wait only for the account's reference record.
   */
  retryOnReferenceLoad: z.boolean().default(true),
  /** Timestamps must carry a UTC offset (`Z` or `+08:00`); otherwise `assumeOffset` is applied. */
  requireTimezone: z.boolean().default(true),
  assumeOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/).default('+08:00'),
  maxTextLength: z.number().int().min(8).max(4_096).default(256),
  /** Optional fields whose completeness is reported per source and day. */
  completenessFields: z.array(z.enum(INPUT_FIELDS)).default(['debitParty', 'creditParty', 'deviceId', 'ip', 'location', 'purpose']),
});

export type DqRules = z.infer<typeof DqRulesSchema>;

export const DEFAULT_DQ_RULES: DqRules = DqRulesSchema.parse({});
