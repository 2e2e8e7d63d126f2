import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * SQLite only: fixed planner statistics for the transaction log's indexes, the approach SQLite's
 * documentation gives for stable plans (a representative `sqlite_stat1`, shipped with the schema).
 * Without statistics the planner does not know that `institution_id` selects the whole log (one
 * bank per database is usual) while an account selects a few dozen rows, so for an account or a
 * customer's accounts with `ORDER BY occurred_at LIMIT n` it walked the time index and tested
 * every row: 200–370 ms for a customer's 50 latest transactions among the demo bank's 281,030
 * (customer list filter), 10 ms with statistics. A full `ANALYZE` gives the same plans but reads
 * the whole log under the write lock (0.7 s per 281,030 rows), which a running ingest cannot
 * wait for. The figures describe a large log: ten million transactions of one institution, 50 per
 * account, one per time. PostgreSQL keeps its own statistics (autovacuum).
 */
const ROWS = 10_000_000;
const STATS: ReadonlyArray<[index: string | null, stat: string]> = [
  [null, `${ROWS}`],
  ['transactions_time', `${ROWS} ${ROWS} 1`],
  ['transactions_debit', `${ROWS} ${ROWS} 50 1`],
  ['transactions_credit', `${ROWS} ${ROWS} 50 1`],
  ['transactions_ingested', `${ROWS} ${ROWS} 10 10`],
  ['sqlite_autoindex_transactions_1', `${ROWS} ${ROWS} 1`],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`analyze sqlite_schema`.execute(db); // creates sqlite_stat1 (reads only the schema table)
  await sql`delete from sqlite_stat1 where tbl = 'transactions'`.execute(db);
  for (const [index, stat] of STATS) await sql`insert into sqlite_stat1 (tbl, idx, stat) values ('transactions', ${index}, ${stat})`.execute(db);
  await sql`analyze sqlite_schema`.execute(db); // the planner loads the statistics again
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`delete from sqlite_stat1 where tbl = 'transactions'`.execute(db);
  await sql`analyze sqlite_schema`.execute(db);
}
