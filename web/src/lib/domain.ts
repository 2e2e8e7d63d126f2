/** Code lists of the platform (src/domain/transaction.ts), for filters; labels come from the catalogues. */
export const CHANNELS = ['counter', 'atm', 'mobile', 'internet', 'pos', 'third_party'] as const;
export const TXN_TYPES = ['transfer', 'cash_deposit', 'cash_withdrawal', 'payment', 'salary', 'bill', 'fee', 'interest', 'refund'] as const;
export const DECISIONS = ['allow', 'review', 'block'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** Record fields of an ingested transaction (src/ingest/dq-rules.ts INPUT_FIELDS): data-quality rules name them. */
export const INPUT_FIELDS = ['id', 'timestamp', 'debitAccount', 'debitParty', 'debitBank', 'creditAccount', 'creditParty', 'creditBank',
  'amount', 'currency', 'channel', 'type', 'deviceId', 'ip', 'location', 'purpose', 'crossBorder', 'branch'] as const;
/** Reason codes of quarantined records (src/ingest/validator.ts). */
export const QUARANTINE_CODES = ['unknown_account', 'unknown_branch', 'required', 'format', 'enum', 'currency', 'not_positive', 'too_large', 'future', 'too_old',
  'timezone', 'same_account', 'type', 'too_long', 'encoding', 'parse'] as const;
