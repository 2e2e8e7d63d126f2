/** Table types of the rings context, merged into the store's DB interface. */
export interface RingFindingsTable {
  id: string;
  institution_id: string;
  /** Hash of typology + sorted members (src/graph/finding.ts): the upsert key. */
  finding_key: string;
  typology: string;
  score: number;
  ring_key: string | null;
  member_count: number;
  txn_count: number;
  total_amount_minor: number;
  first_at: number | null;
  last_at: number | null;
  /** JSON: Reason[] (zh-CN and en text). */
  reasons: string;
  /** JSON: structural facts. */
  facts: string;
  /** JSON string[] or null. */
  identifiers: string | null;
  /** JSON [{account, role}]: accounts trimmed from the structure (Finding.context), or null. */
  context: string | null;
  run_id: string;
  created_at: number;
  updated_at: number;
}

export interface RingFindingMembersTable {
  finding_id: string;
  account_id: string;
  role: string;
}

export interface RingFindingTxnsTable {
  finding_id: string;
  position: number;
  txn_id: string;
  src: string;
  dst: string;
  amount_minor: number;
  occurred_at: number;
}

export interface RingRunsTable {
  id: string;
  institution_id: string;
  window_from: number;
  window_to: number;
  params_version: number;
  transactions: number;
  accounts: number;
  findings: number;
  new_findings: number;
  /** JSON: milliseconds per mining step. */
  timings: string;
  trigger: string;
  started_at: number;
  finished_at: number;
}

export interface RingDetectorParamsTable {
  institution_id: string;
  version: number;
  /** JSON: the full validated DetectorParams. */
  params: string;
  comment: string | null;
  created_by: string;
  created_at: number;
}

/** An account's graph features from the institution's latest mining run (migration 0028). */
export interface AccountGraphFeaturesTable {
  institution_id: string;
  account_id: string;
  run_id: string;
  /** Best score (0–100) of a finding holding the account. */
  ring_score: number;
  findings: number;
  cycles: number;
  fan_out_max: number;
  fan_in_max: number;
  two_hop_paths: number;
  /** Transfers to the nearest known bad account in the run's window (0: listed), null beyond reach (migration 0029). */
  bad_distance: number | null;
}

/** Where a known-bad listing comes from. */
export const KNOWN_BAD_SOURCES = ['police_notice', 'str', 'case', 'shared', 'manual'] as const;
export type KnownBadSource = (typeof KNOWN_BAD_SOURCES)[number];

/** An account on the institution's known-bad list (migration 0029). */
export interface KnownBadAccountsTable {
  institution_id: string;
  account_id: string;
  source: KnownBadSource;
  /** The notice's, report's or case's number. */
  reference: string | null;
  note: string | null;
  added_by: string;
  added_at: number;
}

declare module '../store/schema.ts' {
  interface DB {
    ring_findings: RingFindingsTable;
    ring_finding_members: RingFindingMembersTable;
    ring_finding_txns: RingFindingTxnsTable;
    ring_runs: RingRunsTable;
    ring_detector_params: RingDetectorParamsTable;
    account_graph_features: AccountGraphFeaturesTable;
    known_bad_accounts: KnownBadAccountsTable;
  }
}
