import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * SQLite only: the log's account lookups move from two indexes on `transactions` to runs of
 * postings (src/ingest/account-postings.repository.ts). The debit and credit indexes take random
 * keys, so every committed row dirtied a page of each and the commit wrote those pages whole to the
 * write-ahead log: 6.7 KB of log per row at 250,000 rows, 11 KB at 1,500,000, and the raw insert
 * rate fell from 165,000 to 18,000 rows/s as the log grew (bench/ingest-scale.bench.ts). A run is
 * the postings of a stretch of the log, written once, sorted, under a key that starts with the run
 * number, so writing one appends to the end of one B-tree. PostgreSQL keeps its indexes.
 *
 * Existing rows are written into runs here (RUN_ROWS at a time, as ingest does); the merge worker
 * (ingest/postings-merge.js) then merges them.
 */
const RUN_ROWS = 4096;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`create table account_postings (
    run integer not null, institution_id text not null, account text not null, occurred_at integer not null, seq integer not null,
    primary key (run, institution_id, account, occurred_at, seq)) without rowid`.execute(db);
  await sql`create table posting_runs (
    run integer primary key, after_seq integer not null, through_seq integer not null, min_occurred_at integer not null, max_occurred_at integer not null)`.execute(db);
  await sql`create index posting_runs_through on posting_runs (through_seq)`.execute(db);
  // A merge of runs in progress (ingest/postings-merge.js): its run, its sources, the next key to copy.
  await sql`create table posting_merges (
    target integer primary key, sources text not null,
    next_institution text, next_account text, next_occurred_at integer, next_seq integer)`.execute(db);
  // Runs merged away whose postings are still being deleted.
  await sql`create table posting_garbage (run integer primary key)`.execute(db);
  await db.schema.dropIndex('transactions_debit').execute();
  await db.schema.dropIndex('transactions_credit').execute();
  await sql`delete from sqlite_stat1 where tbl = 'transactions' and idx in ('transactions_debit', 'transactions_credit')`.execute(db);
  await sql`analyze sqlite_schema`.execute(db);
  const last = Number((await sql<{ s: number | null }>`select max(seq) as s from transactions`.execute(db)).rows[0]?.s ?? 0);
  let run = 0;
  for (let after = 0; after < last; after += RUN_ROWS) {
    run++;
    const through = Math.min(last, after + RUN_ROWS);
    const span = (await sql<{ lo: number | null; hi: number | null }>`select min(occurred_at) as lo, max(occurred_at) as hi
      from transactions where seq > ${after} and seq <= ${through}`.execute(db)).rows[0];
    if (span.lo === null) continue;
    await sql`insert or ignore into account_postings (run, institution_id, account, occurred_at, seq)
      select ${run}, institution_id, debit_account, occurred_at, seq from transactions where seq > ${after} and seq <= ${through} and debit_account is not null
      union all
      select ${run}, institution_id, credit_account, occurred_at, seq from transactions where seq > ${after} and seq <= ${through} and credit_account is not null
      order by 2, 3, 4, 5`.execute(db);
    await sql`insert into posting_runs (run, after_seq, through_seq, min_occurred_at, max_occurred_at)
      values (${run}, ${after}, ${through}, ${span.lo}, ${span.hi})`.execute(db);
  }
  // Run numbers (ingest's runs and merged ones) come from this sequence.
  await sql`insert into sequences (name, value) values ('posting_run', ${run})
    on conflict (name) do update set value = excluded.value`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`drop table account_postings`.execute(db);
  await sql`drop table posting_runs`.execute(db);
  await sql`drop table posting_merges`.execute(db);
  await sql`drop table posting_garbage`.execute(db);
  await sql`delete from sequences where name = 'posting_run'`.execute(db);
  await db.schema.createIndex('transactions_debit').on('transactions').columns(['institution_id', 'debit_account', 'occurred_at']).execute();
  await db.schema.createIndex('transactions_credit').on('transactions').columns(['institution_id', 'credit_account', 'occurred_at']).execute();
  await sql`insert into sqlite_stat1 (tbl, idx, stat) values ('transactions', 'transactions_debit', '10000000 10000000 50 1'),
    ('transactions', 'transactions_credit', '10000000 10000000 50 1')`.execute(db);
  await sql`analyze sqlite_schema`.execute(db);
}
