/** SQLite only (migration 0031): runs of account postings, see account-postings.ts. */
export interface AccountPostingsTable {
  run: number;
  institution_id: string;
  account: string;
  occurred_at: number;
  seq: number;
}

/** One run: the postings of log positions in (after_seq, through_seq], and the times they span. */
export interface PostingRunsTable {
  run: number;
  after_seq: number;
  through_seq: number;
  min_occurred_at: number;
  max_occurred_at: number;
}

declare module '../store/schema.ts' {
  interface DB {
    account_postings: AccountPostingsTable;
    posting_runs: PostingRunsTable;
  }
}
