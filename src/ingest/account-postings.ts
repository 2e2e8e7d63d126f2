import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { DB } from '../store/schema.ts';
import './account-postings.tables.ts';

/**
 * The transaction log's account lookups on SQLite: runs of postings instead of account indexes.
 *
 * An index on `(institution_id, debit_account, occurred_at)` takes random keys: each appended row
 * dirties one of its leaf pages (and one of the credit index's), and a commit writes every dirtied
 * page whole to the write-ahead log. That was most of ingest's database cost, and it grew with the
 * log (bench/ingest-scale.bench.ts: 6.7 KB of log per row at 250,000 rows, 11 KB at 1,500,000; raw
 * inserts 36,000 → 18,000 rows/s, against a flat ~160,000 without the two indexes).
 *
 * Instead, once the log holds `runRows` (1,024) positions past the last run, the committing transaction
 * writes them as one more run: each row's debit and credit account as a posting
 * `(run, institution, account, occurred_at, seq)`, sorted, so the run is appended at the end of
 * one B-tree (about 35 bytes per posting, in order) and the run number is its key's first column.
 * A lookup asks every run (`run IN (...)` with the account: one B-tree seek per run, runs outside
 * a time window skipped by their span) plus the log after the last run (at most `runRows` rows
 * and a commit's worth, read by position). The run and the position it reaches commit with the
 * rows, so a crash loses neither; any connection (another process's ingest) continues from the
 * last run it finds. A worker thread merges runs in tiers (postings-merge.js), so a lookup seeks a
 * few dozen runs however long the log: unmerged, 10 million rows were 2,000 runs and 23-33 ms an
 * account (docs/ingest.md, "The log at scale").
 *
 * Written here rather than taken from a library: this is an embedded database's storage layout
 * (a log-structured merge of secondary keys), which no SQLite extension on npm provides.
 * PostgreSQL keeps its account indexes (its B-tree writes are not copied whole per commit).
 *
 * Log positions per run: the commit that writes a run holds the write lock ~2–3 ms longer at 1,024
 * (4,096: 8–10 ms, seen in single-request latency at 1,000 requests/s); merging makes up for the
 * smaller runs.
 */
export const POSTING_RUN_ROWS = 1024;

interface Statements {
  reached: BetterSqlite3.Statement;
  nextRun: BetterSqlite3.Statement;
  span: BetterSqlite3.Statement<[number, number], { lo: number | null; hi: number | null }>;
  insert: BetterSqlite3.Statement<{ run: number; after: number; through: number }>;
  addRun: BetterSqlite3.Statement<[number, number, number, number, number]>;
}

/** Writes runs on one SQLite connection, inside the transactions that append to the log. */
export class PostingRunWriter {
  private stmts?: Statements;

  constructor(private readonly sqlite: BetterSqlite3.Database, private readonly runRows = POSTING_RUN_ROWS) {}

  /**
   * Inside the write transaction that appended rows through `throughSeq` (the log's last position):
   * writes the next run when the log has `runRows` positions past the runs. The runs' reach is
   * read each time (one index lookup): another connection may have written runs, and a
   * rolled-back transaction takes its run with it.
   */
  afterAppend(throughSeq: number): void {
    const s = this.statements();
    if (!s) return;
    const after = (s.reached.get() as number | null) ?? 0;
    if (throughSeq - after < this.runRows) return;
    const span = s.span.get(after, throughSeq)!;
    const run = Number(s.nextRun.get());
    if (span.lo !== null && span.hi !== null) s.insert.run({ run, after, through: throughSeq });
    s.addRun.run(run, after, throughSeq, span.lo ?? 0, span.hi ?? 0);
  }

  /** The statements, or null on a schema from before migration 0031 (tests of earlier migrations). */
  private statements(): Statements | null {
    if (this.stmts) return this.stmts;
    if (this.sqlite.prepare("select 1 from sqlite_schema where name = 'posting_runs'").get() === undefined) return null;
    return (this.stmts = {
      reached: this.sqlite.prepare('select max(through_seq) from posting_runs').pluck(),
      // Merged runs take numbers from the same sequence (postings-merge.js).
      nextRun: this.sqlite.prepare("update sequences set value = value + 1 where name = 'posting_run' returning value").pluck(),
      span: this.sqlite.prepare('select min(occurred_at) as lo, max(occurred_at) as hi from transactions where seq > ? and seq <= ?'),
      // Unsorted: a run's rows all go in after every earlier run's (the key starts with the run),
      // into a subtree of a few dozen cached pages. Sorting them first (ORDER BY the key) cost more
      // than it saved: 1.9 against 1.5-1.7 µs a log row, and 2% more pages.
      // `or ignore`: a transfer between two of one institution's accounts posts twice, never to one account twice.
      insert: this.sqlite.prepare(`insert or ignore into account_postings (run, institution_id, account, occurred_at, seq)
        select $run, institution_id, debit_account, occurred_at, seq from transactions where seq > $after and seq <= $through and debit_account is not null
        union all
        select $run, institution_id, credit_account, occurred_at, seq from transactions where seq > $after and seq <= $through and credit_account is not null`),
      addRun: this.sqlite.prepare('insert into posting_runs (run, after_seq, through_seq, min_occurred_at, max_occurred_at) values (?, ?, ?, ?, ?)'),
    });
  }
}

/** Optional time bounds of an account lookup: occurred_at in [from, to). */
export interface PostingWindow {
  from?: number;
  to?: number;
}

type LogQuery<O> = SelectQueryBuilder<DB, 'transactions', O>;

/**
 * `q` narrowed to rows touching one of `accounts` (debit or credit), on SQLite: their positions as
 * one list, the runs' postings and the rows after the last run, which SQLite reads by position
 * (given as separate conditions, it walked the time index for the rows after the last run).
 */
export function touchingAccounts<O>(q: LogQuery<O>, institutionId: string, accounts: readonly string[], w: PostingWindow = {}): LogQuery<O> {
  return q.where('seq', 'in', (eb) => postingsOf(eb, institutionId, accounts, w));
}

/**
 * The time of the `k`-th newest row touching `account` in the window (null when fewer rows do):
 * every one of the account's `k` newest rows occurred at or after it, so a page of the newest rows
 * needs only the postings from then on, however long the account's history. Ties are kept (the
 * bound is a time, not a position). The runs are asked newest span first for the account's `k`
 * newest postings (one run, then two, four …), until the `k`-th newest time so far is later than
 * anything the next run spans: runs follow the log, so a busy account's page is found in the first.
 * The `k`-th newest of any subset of the rows is no later than the true one, so missing rows only
 * make a page read more; counting a row twice could make the bound too late. The statements read
 * separate snapshots, so the log after the runs is read from the reach of the runs listed first:
 * rows a newer run took meanwhile are read there, once, and a run merged away yields fewer.
 */
export async function kthNewestTime(db: Kysely<DB>, institutionId: string, account: string, w: PostingWindow, k: number): Promise<number | null> {
  const runs = await db.selectFrom('posting_runs').select(['run', 'through_seq', 'min_occurred_at', 'max_occurred_at'])
    .orderBy('max_occurred_at', 'desc').execute();
  const reached = runs.reduce((m, r) => Math.max(m, Number(r.through_seq)), 0);
  const tail = await db.selectFrom('transactions as after_runs').select('after_runs.occurred_at')
    .where(afterRunsTouching(reached, institutionId, [account], w)).execute();
  let times = tail.map((r) => Number(r.occurred_at)).sort((a, b) => b - a).slice(0, k);
  const spanned = runs.filter((r) => (w.from === undefined || Number(r.max_occurred_at) >= w.from) && (w.to === undefined || Number(r.min_occurred_at) < w.to));
  // One run, then two, four …: a busy account fills its page from the first; a quiet one is asked in a few statements.
  for (let i = 0, n = 1; i < spanned.length; i += n, n *= 2) {
    if (times.length >= k && times[k - 1] > Number(spanned[i].max_occurred_at)) break;
    const q = db.selectFrom('account_postings').select('occurred_at')
      .where('run', 'in', spanned.slice(i, i + n).map((r) => r.run)).where('institution_id', '=', institutionId).where('account', '=', account);
    const newest = await inWindow(q, w).orderBy('occurred_at', 'desc').limit(k).execute();
    times = times.concat(newest.map((p) => Number(p.occurred_at))).sort((a, b) => b - a).slice(0, k);
  }
  return times.length >= k ? times[k - 1] : null;
}

/** How many rows touch one of `accounts` in the window, counted up to `cap + 1` from the postings alone. */
export async function countTouching(db: Kysely<DB>, institutionId: string, accounts: readonly string[], w: PostingWindow, cap: number): Promise<number> {
  const row = await db.selectFrom((eb) => eb.selectFrom(postingsOf(eb, institutionId, accounts, w).as('p')).select('p.seq').distinct().limit(cap + 1).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Postings of `q` that occurred in the window. */
function inWindow<O>(q: SelectQueryBuilder<DB, 'account_postings', O>, w: PostingWindow): SelectQueryBuilder<DB, 'account_postings', O> {
  if (w.from !== undefined) q = q.where('account_postings.occurred_at', '>=', w.from);
  if (w.to !== undefined) q = q.where('account_postings.occurred_at', '<', w.to);
  return q;
}

/** Positions of the rows touching one of `accounts`: the runs' postings, then the log after the last run. */
function postingsOf(eb: ExpressionBuilder<DB, keyof DB>, institutionId: string, accounts: readonly string[], w: PostingWindow) {
  let runs = eb.selectFrom('posting_runs').select('run');
  if (w.from !== undefined) runs = runs.where('max_occurred_at', '>=', w.from);
  if (w.to !== undefined) runs = runs.where('min_occurred_at', '<', w.to);
  const indexed = inWindow(eb.selectFrom('account_postings').select('account_postings.seq')
    .where('run', 'in', runs).where('account_postings.institution_id', '=', institutionId).where('account', 'in', accounts), w);
  const reached = eb.selectFrom('posting_runs').select(sql<number>`coalesce(max(through_seq), 0)`.as('reached'));
  const tail = eb.selectFrom('transactions as after_runs').select('after_runs.seq').where(afterRunsTouching(reached, institutionId, accounts, w));
  return indexed.unionAll(tail);
}

/**
 * For `transactions as after_runs`: positions after `reached` (the runs' reach) touching one of
 * `accounts` in the window. The unary pluses keep SQLite from reading them through the time index
 * instead of by position.
 */
function afterRunsTouching(reached: number | Expression<unknown>, institutionId: string, accounts: readonly string[], w: PostingWindow): RawBuilder<SqlBool> {
  const list = sql.join(accounts.map((a) => sql`${a}`));
  const from = w.from === undefined ? sql`` : sql` and +after_runs.occurred_at >= ${w.from}`;
  const to = w.to === undefined ? sql`` : sql` and +after_runs.occurred_at < ${w.to}`;
  return sql<SqlBool>`after_runs.seq > ${reached} and (after_runs.debit_account in (${list}) or after_runs.credit_account in (${list}))
    and +after_runs.institution_id = ${institutionId}${from}${to}`;
}
