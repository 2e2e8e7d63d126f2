import { sql, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../store/database.ts';
import type { DB, TransactionsTable } from '../store/schema.ts';
import { REPLAY_COLUMNS, TRANSACTION_COLUMNS, fromRow, replayFromRow, toParams, toRow, type StoredTransaction } from './transaction.mapper.ts';
import type { Transaction } from '../domain/transaction.ts';
import { lastLogPosition } from '../store/log-position.ts';
import { POSTING_RUN_ROWS, PostingRunWriter } from './account-postings.ts';

const LOOKUP_CHUNK = 500;
// Rows per SQLite insert statement on the bulk path (the rest of a batch goes one by one).
export const SQLITE_ROWS_PER_INSERT = 16;
// Rows per PostgreSQL insert statement (one JSON parameter each; bounds the statement's size).
const PG_INSERT_CHUNK = 5_000;

/** The transaction log: idempotent appends and the lookups ingest needs. */
export class TransactionRepository {
  private sqliteInsert?: BetterSqlite3.Statement;
  private sqliteInsertMany?: BetterSqlite3.Statement;
  private sqliteExistsStmt?: BetterSqlite3.Statement;
  private postings?: PostingRunWriter;

  /** `runRows`: log positions per run of account postings on SQLite (account-postings.ts). */
  constructor(private readonly database: Database, private readonly runRows = POSTING_RUN_ROWS) {}

  /**
   * Whether an insert runs in another process (PostgreSQL) while this thread goes on, so sending
   * rows early pays (ingest's EarlyInserts); SQLite's run on the calling thread.
   */
  get insertsRunElsewhere(): boolean {
    return this.database.sqlite === undefined;
  }

  /** Stored transactions among `ids` (idempotency: a re-sent id returns its original result). */
  async findExisting(trx: Kysely<DB>, institutionId: string, ids: readonly string[]): Promise<Map<string, StoredTransaction>> {
    const found = new Map<string, StoredTransaction>();
    let candidates = ids;
    if (this.database.sqlite) {
      // The batch's ids as one JSON array parameter, looked up on the primary key inside SQLite:
      // one statement per batch costs 0.5-0.8 µs an id against 2.5 for a prepared point lookup
      // per id (and IN-lists through the query builder cost more still). Full rows are then read
      // only for the (rare) hits.
      if (ids.length === 0) return found;
      candidates = this.sqliteExists().all(institutionId, JSON.stringify(ids)) as string[];
    }
    for (let i = 0; i < candidates.length; i += LOOKUP_CHUNK) {
      const chunk = candidates.slice(i, i + LOOKUP_CHUNK);
      const rows = await trx.selectFrom('transactions').selectAll()
        .where('institution_id', '=', institutionId).where('id', 'in', chunk).execute();
      for (const r of rows) found.set(r.id, fromRow(r));
    }
    return found;
  }

  /**
   * Appends rows inside the caller's database transaction. On SQLite the statement Kysely compiles
   * is prepared once and run per row on the driver (the bulk path; Kysely's per-query overhead
   * would halve the file-ingest rate). On PostgreSQL the rows go as one JSON array parameter that
   * `json_populate_recordset` turns into table rows: a multi-row VALUES list of 25 parameters per
   * row spent about two thirds of the server's time parsing and binding them (2,000 rows: parse
   * 5-14 ms, bind 23 ms, execute 11.5 ms), and as much again on this side compiling the query
   * and serialising the parameters. PostgreSQL-only SQL, hence written here once. On SQLite the
   * same transaction writes the next run of account postings when the rows complete one
   * (account-postings.ts): the log has no account indexes there.
   */
  async insertBatch(trx: Kysely<DB>, txns: readonly StoredTransaction[]): Promise<void> {
    if (txns.length === 0) return;
    if (this.database.sqlite) {
      const one = this.sqliteStatement(trx);
      const many = this.sqliteInsertMany!;
      const width = TRANSACTION_COLUMNS.length;
      const params = new Array<unknown>(width * SQLITE_ROWS_PER_INSERT);
      let i = 0;
      for (; i + SQLITE_ROWS_PER_INSERT <= txns.length; i += SQLITE_ROWS_PER_INSERT) {
        for (let j = 0; j < SQLITE_ROWS_PER_INSERT; j++) toParams(txns[i + j], params, j * width);
        many.run(params);
      }
      const single = new Array<unknown>(width);
      for (; i < txns.length; i++) one.run(toParams(txns[i], single));
      this.postings ??= new PostingRunWriter(this.database.sqlite, this.runRows);
      this.postings.afterAppend(txns[txns.length - 1].seq);
      return;
    }
    for (let i = 0; i < txns.length; i += PG_INSERT_CHUNK) {
      const rows = JSON.stringify(txns.slice(i, i + PG_INSERT_CHUNK).map(toRow));
      await sql`insert into transactions select * from json_populate_recordset(null::transactions, ${rows}::json)
        on conflict (institution_id, id) do nothing`.execute(trx);
    }
  }

  private sqliteExists(): BetterSqlite3.Statement {
    if (!this.sqliteExistsStmt) {
      // SQLite-only (json_each), hence written here once.
      this.sqliteExistsStmt = this.database.sqlite!
        .prepare('select id from transactions where institution_id = ? and id in (select value from json_each(?))').pluck();
    }
    return this.sqliteExistsStmt;
  }

  private sqliteStatement(trx: Kysely<DB>): BetterSqlite3.Statement {
    if (!this.sqliteInsert) {
      const template = Object.fromEntries(TRANSACTION_COLUMNS.map((c) => [c, null])) as unknown as TransactionsTable;
      const insert = (rows: number) => trx.insertInto('transactions').values(Array.from({ length: rows }, () => template))
        .onConflict((oc) => oc.columns(['institution_id', 'id']).doNothing()).compile().sql;
      this.sqliteInsert = this.database.sqlite!.prepare(insert(1));
      this.sqliteInsertMany = this.database.sqlite!.prepare(insert(SQLITE_ROWS_PER_INSERT));
    }
    return this.sqliteInsert;
  }

  /**
   * The first and last log positions of transactions that occurred in [from, to), or null when
   * none did: a replay of a time window reads only that stretch of the log (the log is in ingest
   * order, which only roughly follows occurrence time). The time index answers it (on SQLite
   * without reading the table: the position is the row id).
   */
  async positionsOccurring(institutionId: string, from: number, to: number): Promise<{ first: number; last: number } | null> {
    const r = await this.database.db.selectFrom('transactions')
      .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
      .where('institution_id', '=', institutionId).where('occurred_at', '>=', from).where('occurred_at', '<', to)
      .executeTakeFirst();
    return r && r.first !== null && r.last !== null ? { first: Number(r.first), last: Number(r.last) } : null;
  }

  /**
   * The log in ingest order after a position (through `throughSeq` when given, else to its end,
   * including rows stored while reading), for rebuilding engine state after a restart and for
   * catching up with what other processes stored: each transaction's own fields and position, not
   * its stored score and hits (the engine recomputes those; their JSON is most of a row). Read in
   * windows of `pageSize` positions (see lastLogPosition); a window without rows of the institution
   * yields nothing. `db`: the caller's database transaction, when it holds one (SQLite has one
   * connection).
   */
  async *streamLog(institutionId: string | null, afterSeq = 0, o: { throughSeq?: number; db?: Kysely<DB>; pageSize?: number } = {}): AsyncGenerator<Array<Transaction & { seq: number }>> {
    const db = o.db ?? this.database.db;
    // 2,000 positions a page: pages of 10,000 rows outlived the young generation, so their rows and
    // strings were copied out of it and later collected by full collections. The demo log (281,030
    // rows) read in 1.8-1.9 s of CPU against 3.8-4.5 s (500: 1.8-2.3, 4,000: 2.3-3.3).
    const pageSize = o.pageSize ?? 2_000;
    let cursor = afterSeq;
    let end = o.throughSeq ?? await lastLogPosition(db);
    for (;;) {
      while (cursor < end) {
        const upTo = Math.min(end, cursor + pageSize);
        let q = db.selectFrom('transactions').select(REPLAY_COLUMNS).where('seq', '>', cursor).where('seq', '<=', upTo);
        if (institutionId) q = q.where('institution_id', '=', institutionId);
        const rows = await q.orderBy('seq').execute();
        cursor = upTo;
        if (rows.length > 0) yield rows.map(replayFromRow);
      }
      if (o.throughSeq !== undefined) return;
      const last = await lastLogPosition(db);
      if (last <= end) return;
      end = last;
    }
  }

}
