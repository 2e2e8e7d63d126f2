import { sql, type Kysely } from 'kysely';

/**
 * The transactions the engine held or stopped (decision review or block; 0.34% of the demo bank's
 * log), in time order: the analysts' "待复核 / 已拦截" lists filter on the decision, which no index
 * covered, so each page (and its count) read the whole log — 0.2–0.3 s at 1.1 M transactions,
 * seconds at tens of millions. A partial index holds only those rows, so ingest pays for it only on
 * them. Queries name its condition (`decision <> 'allow'`) so that SQLite sees they may use it
 * (transaction-query.repository.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('transactions_flagged').on('transactions').columns(['institution_id', 'occurred_at'])
    .where(sql.ref('decision'), '<>', 'allow').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('transactions_flagged').execute();
}
