import { SqliteAdapter, type Kysely } from 'kysely';

/**
 * PostgreSQL: an index on (institution_id, seq) for the readers that walk one institution's log in
 * windows of positions (engine rebuild and catch-up, dashboard rollups, backtests; see
 * store/log-position.ts). Without table statistics the planner combined the `seq` index with the
 * time index's institution prefix (a bitmap AND that read every entry of the institution): 34 ms
 * per 1,000-row window of the demo log, and the first dashboard fold after `outpost demo` took
 * 14 s; with this index 2.9 s. SQLite needs nothing: `seq` is its row id (migration 0019), so a
 * window is a row-id range.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await db.schema.createIndex('transactions_log').on('transactions').columns(['institution_id', 'seq']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await db.schema.dropIndex('transactions_log').execute();
}
