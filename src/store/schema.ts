/**
 * Kysely table types. Each bounded context adds its own tables to `DB` by declaration merging
 * in its own `*.tables.ts` file (`declare module '../store/schema.ts' { interface DB { ... } }`),
 * so no one file grows with every feature.
 *
 * Portable column conventions (one SQL for SQLite and PostgreSQL):
 * - timestamps: bigint UTC epoch milliseconds; dates: text `YYYY-MM-DD`
 * - money: bigint minor units + text currency
 * - booleans: integer 0/1; JSON: text
 */
import type { Generated } from 'kysely';
export interface InstitutionsTable {
  id: string;
  code: string;
  name: string;
  bank_code: string;
  created_at: number;
}

export interface BranchesTable {
  id: string;
  institution_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  level: number;
  /** Materialised path of ids from the root, `/br_a/br_b/`, for subtree scope queries. */
  path: string;
  created_at: number;
}

export interface CustomersTable {
  id: string;
  institution_id: string;
  branch_id: string;
  kind: string;
  /** Personal data columns hold ciphertext when field encryption is configured (src/crypto). */
  name: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  /** Keyed hashes (HMAC) for exact lookups of encrypted fields. */
  id_number_hash: string | null;
  phone_hash: string | null;
  birth_date: string | null;
  occupation: string | null;
  risk_level: string;
  kyc_date: string | null;
  kyc_review_date: string | null;
  created_at: number;
  updated_at: number;
  /** The institution's `reference` change counter of the load that last wrote the row (migration 0035). */
  ref_change: Generated<number>;
}

export interface AccountsTable {
  id: string;
  institution_id: string;
  branch_id: string;
  customer_id: string;
  type: string;
  status: string;
  currency: string;
  opened_at: string;
  created_at: number;
  /** The institution's `reference` change counter of the load that last wrote the row (migration 0035). */
  ref_change: Generated<number>;
}

export interface AccountIdentifiersTable {
  institution_id: string;
  account_id: string;
  kind: string;
  value_hash: string;
}

export interface TransactionsTable {
  institution_id: string;
  id: string;
  branch_id: string | null;
  occurred_at: number;
  debit_account: string | null;
  debit_party: string | null;
  debit_bank: string | null;
  credit_account: string | null;
  credit_party: string | null;
  credit_bank: string | null;
  amount_minor: number;
  currency: string;
  channel: string;
  type: string;
  device_id: string | null;
  ip: string | null;
  location: string | null;
  purpose: string | null;
  cross_border: number;
  source: string;
  /** Monotonic ingest sequence: the order of the log, used for replay. */
  seq: number;
  ingested_at: number;
  score: number;
  decision: string;
  /** JSON array of ScenarioHit. */
  hits: string;
}

export interface TransactionLabelsTable {
  institution_id: string;
  txn_id: string;
  typology: string;
  pattern_id: string;
}

export interface QuarantineTable {
  id: string;
  institution_id: string;
  source: string;
  /** Line number (files) or array index (API batches), 1-based for lines. */
  position: number;
  batch_id: string;
  /** The record as received (JSON text). */
  record: string;
  field: string | null;
  code: string;
  reason: string;
  /** JSON array of every error found in the record. */
  errors: string;
  status: string;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  txn_id: string | null;
}

export interface DqDailyTable {
  institution_id: string;
  source: string;
  day: string;
  field: string;
  total: number;
  present: number;
  invalid: number;
}

export interface ConfigVersionsTable {
  id: string;
  institution_id: string;
  kind: string;
  version: number;
  status: string;
  body: string;
  created_by: string | null;
  created_at: number;
}

/** Uploaded files being ingested (src/ingest/ingest-jobs.ts). */
export interface IngestJobsTable {
  institution_id: string;
  id: string;
  file_name: string;
  format: string;
  /** running | done | failed (interrupted is derived from a stale updated_at) */
  status: string;
  error: string | null;
  bytes_total: number;
  bytes_read: number;
  processed: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  created_by: string;
  started_at: number;
  finished_at: number | null;
  updated_at: number;
}

export interface SequencesTable {
  name: string;
  value: number;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  institution_id: string | null;
  actor: string;
  actor_kind: string;
  action: string;
  target_type: string;
  target_id: string | null;
  ip: string | null;
  before: string | null;
  after: string | null;
  at: number;
  prev_hash: string;
  hash: string;
}

export interface DB {
  institutions: InstitutionsTable;
  branches: BranchesTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  account_identifiers: AccountIdentifiersTable;
  transactions: TransactionsTable;
  transaction_labels: TransactionLabelsTable;
  quarantine: QuarantineTable;
  dq_daily: DqDailyTable;
  config_versions: ConfigVersionsTable;
  ingest_jobs: IngestJobsTable;
  sequences: SequencesTable;
  audit_events: AuditEventsTable;
}
