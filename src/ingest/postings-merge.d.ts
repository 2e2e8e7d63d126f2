import type BetterSqlite3 from 'better-sqlite3';

/** One step of merging runs of account postings, in its own write transaction (postings-merge.js). */
export function mergeStep(db: BetterSqlite3.Database, o: { runRows: number; fanIn?: number; stepPostings?: number }): boolean;
