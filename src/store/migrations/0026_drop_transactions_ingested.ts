import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * The `transactions_ingested` index (migration 0018) served only the dashboard's count of
 * transactions ingested today, which now comes from the per-day rollups (migration 0022). It was
 * one more B-tree written by every commit (a log page per single-transaction request); dropped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('transactions_ingested').execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`delete from sqlite_stat1 where tbl = 'transactions' and idx = 'transactions_ingested'`.execute(db);
    await sql`analyze sqlite_schema`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('transactions_ingested').on('transactions').columns(['institution_id', 'ingested_at', 'branch_id']).execute();
}
