import { SqliteAdapter, sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB, TransactionsTable } from '../store/schema.ts';
import type { Scope } from '../domain/scope.ts';
import { inBranches } from '../store/scope-filter.ts';
import { fromRow, type StoredTransaction } from '../ingest/transaction.mapper.ts';
import '../dashboard/dashboard.tables.ts';
import { countTouching, kthNewestTime, touchingAccounts, type PostingWindow } from '../ingest/account-postings.ts';

export interface TransactionFilter {
  account?: string;
  customer?: string;
  branch?: string;
  from?: number;
  to?: number;
  minAmountMinor?: number;
  maxAmountMinor?: number;
  channel?: string;
  type?: string;
  decision?: string;
  scenario?: string;
  sort: 'occurredAt' | 'amount' | 'score';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SORT_COLUMN = { occurredAt: 'occurred_at', amount: 'amount_minor', score: 'score' } as const;
type SortColumn = (typeof SORT_COLUMN)[keyof typeof SORT_COLUMN];
type TxnQuery = SelectQueryBuilder<DB, 'transactions', object>;

/**
 * Matches counted for a list's total. Counting every match reads every matching row (or index
 * entry) on each page turn: ~8 ms per 200,000 rows on SQLite, so seconds for a filter that matches
 * most of a log of tens of millions; past this many the total is reported as a lower bound.
 */
export const LIST_COUNT_CAP = 10_000;

/** An account's matches past which its newest page is read from a time bound (SQLite; see newestOfAccount). */
const BOUND_PAGES_PAST = 500;

/**
 * Every transaction in a scope, of one branch or with one decision when given, as kept by the
 * dashboard's daily rollups once they are up to date (rollup.repository.ts `txnTotal`).
 */
export type TotalOf = (scope: Scope, only: { branch?: string; decision?: string }) => Promise<number>;

/** Reads of the transaction log, always inside the caller's scope. */
export class TransactionQueryRepository {
  constructor(
    private readonly db: Kysely<DB>, private readonly countCap = LIST_COUNT_CAP, private readonly boundPast = BOUND_PAGES_PAST,
    /** Exact totals for lists filtered by nothing but branch and decision (see `list`); without it, such lists count as others do. */
    private readonly totalOf?: TotalOf,
  ) {}

  /** One page of matches; `total` counts matches up to the cap (`totalExact` false beyond it). */
  async list(scope: Scope, f: TransactionFilter): Promise<{ items: StoredTransaction[]; total: number; totalExact: boolean }> {
    const offset = (f.page - 1) * f.pageSize;
    const newest = this.accountOnly(scope, f);
    // The commonest views (a branch officer's list, the unfiltered list, held or stopped ones) have
    // an exact total in the daily rollups; counting read up to 10,000 matching rows along the time
    // index, which for a small branch means most of the log.
    const exact = this.totalOf && this.onlyBranchAndDecision(f) ? await this.totalOf(scope, { branch: f.branch, decision: f.decision }) : null;
    let n = 0;
    if (exact !== null) n = exact;
    else if (newest) n = await countTouching(this.db, scope.institutionId, [newest.account], newest.window, this.countCap);
    else for (const p of await this.parts(scope, f)) n += await this.countOf(p, this.countCap + 1);
    // Bounding the page first pays once the account has more rows than a page can sort at once.
    const rows = newest && f.sort === 'occurredAt' && f.order === 'desc' && n > this.boundPast
      ? await this.newestOfAccount(scope, newest.account, newest.window, f.pageSize, offset)
      : await this.page(await this.parts(scope, f), SORT_COLUMN[f.sort], f.order, f.pageSize, offset);
    return { items: rows.map(fromRow), total: exact ?? Math.min(n, this.countCap), totalExact: exact !== null || n <= this.countCap };
  }

  /** Rows `q` matches, counted up to `limit` when given. */
  private async countOf(q: TxnQuery, limit?: number): Promise<number> {
    const matches = q.select(sql.lit(1).as('one'));
    const counted = await this.db.selectFrom((limit === undefined ? matches : matches.limit(limit)).as('matches'))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(counted.n);
  }

  /** No filter but a branch and a decision, and no time window: what the rollups count. */
  private onlyBranchAndDecision(f: TransactionFilter): boolean {
    return f.account === undefined && f.customer === undefined && f.from === undefined && f.to === undefined
      && f.minAmountMinor === undefined && f.maxAmountMinor === undefined && !f.channel && !f.type && !f.scenario;
  }

  async get(scope: Scope, id: string): Promise<StoredTransaction | undefined> {
    const r = await this.inScope(scope).selectAll().where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  /** Latest transactions touching an account, newest first. */
  async recentForAccount(scope: Scope, account: string, limit: number): Promise<StoredTransaction[]> {
    const rows = scope.branchIds === null && this.sqlite
      ? await this.newestOfAccount(scope, account, {}, limit, 0)
      : await this.page(this.accountParts(this.inScope(scope), scope.institutionId, [account]), 'occurred_at', 'desc', limit, 0);
    return rows.map(fromRow);
  }

  private get sqlite(): boolean {
    return this.db.getExecutor().adapter instanceof SqliteAdapter;
  }

  /**
   * On SQLite, an account's list with no filter but its time window and no branch scope: then the
   * postings alone count the matches and bound a page of the newest (account-postings.ts), so a
   * busy account's page does not read its whole history.
   */
  private accountOnly(scope: Scope, f: TransactionFilter): { account: string; window: PostingWindow } | null {
    const other = f.customer || f.branch || f.minAmountMinor !== undefined || f.maxAmountMinor !== undefined || f.channel || f.type || f.decision || f.scenario;
    return this.sqlite && f.account && !other && scope.branchIds === null ? { account: f.account, window: { from: f.from, to: f.to } } : null;
  }

  /** Rows `offset` to `offset + limit` of an account's newest in the window (accountOnly's case). */
  private async newestOfAccount(scope: Scope, account: string, window: PostingWindow, limit: number, offset: number): Promise<TransactionsTable[]> {
    const bound = await kthNewestTime(this.db, scope.institutionId, account, window, offset + limit);
    const narrowed = bound === null ? window : { ...window, from: Math.max(window.from ?? bound, bound) };
    let q = this.inScope(scope);
    if (narrowed.from !== undefined) q = q.where('occurred_at', '>=', narrowed.from);
    if (narrowed.to !== undefined) q = q.where('occurred_at', '<', narrowed.to);
    return this.page([touchingAccounts(q, scope.institutionId, [account], narrowed)], 'occurred_at', 'desc', limit, offset);
  }

  /**
   * Matching rows as one query, or with an account filter (or a customer's accounts) as two: the
   * debits of the accounts, and their credits that are not also their debits (validation refuses
   * transfers to the same account; the test keeps the parts disjoint whatever is stored).
   * `debit_account = ? OR credit_account = ?` in one query made SQLite scan the time index and test
   * every row (524 ms for an account's 20 latest among the demo bank's 281,030 transactions); each
   * part uses its account index (1.7 ms). On SQLite one part finds the accounts' rows by their postings
   * (ingest/account-postings.ts).
   */
  private async parts(scope: Scope, f: TransactionFilter): Promise<TxnQuery[]> {
    const q = this.filtered(scope, f);
    const inst = scope.institutionId;
    const window = { from: f.from, to: f.to };
    if (!f.customer) return f.account ? this.accountParts(q, inst, [f.account], window) : [this.flaggedOnly(q, f)];
    // A customer number: the customer's own accounts; otherwise (a counterparty) the party named on the transaction.
    const own = (await this.db.selectFrom('accounts').select('id')
      .where('institution_id', '=', scope.institutionId).where('customer_id', '=', f.customer).execute()).map((a) => a.id);
    const party = (eb: ExpressionBuilder<DB, 'transactions'>) => eb.or([eb('debit_party', '=', f.customer!), eb('credit_party', '=', f.customer!)]);
    if (f.account) {
      // Both: the account's transactions that touch the customer (either side); the account index narrows first.
      const touches = (eb: ExpressionBuilder<DB, 'transactions'>) => eb.or([eb('debit_account', 'in', own), eb('credit_account', 'in', own)]);
      return this.accountParts(q.where(own.length > 0 ? touches : party), inst, [f.account], window);
    }
    return own.length > 0 ? this.accountParts(q, inst, own, window) : [this.flaggedOnly(q.where(party), f)];
  }

  /**
   * With a decision filter other than allow and no account to start from: the condition of the
   * flagged-transactions index (migration 0034), implied by the filter; named, SQLite uses the
   * index instead of reading the whole log. (From an account, its postings are the narrower start.)
   */
  private flaggedOnly(q: TxnQuery, f: TransactionFilter): TxnQuery {
    return f.decision && f.decision !== 'allow' ? q.where('decision', '<>', sql.lit('allow')) : q;
  }

  private accountParts(q: TxnQuery, institutionId: string, accounts: readonly string[], window: PostingWindow = {}): TxnQuery[] {
    if (this.sqlite) return [touchingAccounts(q, institutionId, accounts, window)];
    return [
      q.where('debit_account', 'in', accounts),
      q.where('credit_account', 'in', accounts).where((eb) => eb.or([eb('debit_account', 'is', null), eb('debit_account', 'not in', accounts)])),
    ];
  }

  /** Rows `offset` to `offset + limit` of the parts' rows in one order (ties by id); each part sorts only its first `offset + limit`. */
  private async page(parts: TxnQuery[], column: SortColumn, order: 'asc' | 'desc', limit: number, offset: number): Promise<TransactionsTable[]> {
    if (parts.length === 1 && column === 'score') return this.byScore(parts[0], order, limit, offset);
    if (parts.length === 1) return parts[0].selectAll().orderBy(column, order).orderBy('id', order).limit(limit).offset(offset).execute();
    const [a, b] = parts.map((p, i) => this.db.selectFrom(p.selectAll().orderBy(column, order).orderBy('id', order).limit(offset + limit).as(`part${i}`)).selectAll());
    return this.db.selectFrom(a.unionAll(b).as('merged')).selectAll().orderBy(column, order).orderBy('id', order).limit(limit).offset(offset).execute();
  }

  /**
   * A page in score order (ties by id) as two reads: the scored rows (score above 0) from the
   * scored-transactions index (migration 0036; its condition named as a literal, so SQLite uses it),
   * and the unscored ones (score 0: the engine's scores are 0–100) by id, after them in descending
   * order and before them in ascending. Sorting the whole log for each page took 0.4–0.5 s at
   * 1.1 M transactions; this reads the page and, past the first part, that part's count.
   */
  private async byScore(q: TxnQuery, order: 'asc' | 'desc', limit: number, offset: number): Promise<TransactionsTable[]> {
    const scored = q.where('score', '>', sql.lit(0));
    const unscored = q.where('score', '=', sql.lit(0));
    const [first, second] = order === 'desc' ? [scored, unscored] : [unscored, scored];
    const read = (p: TxnQuery, n: number, skip: number) => p.selectAll().orderBy('score', order).orderBy('id', order).limit(n).offset(skip).execute();
    const head = await read(first, limit, offset);
    if (head.length === limit) return head;
    // The page reaches past the first part: it continues at the second part's start, or further in when it begins after the first part.
    const firstCount = head.length > 0 ? offset + head.length : await this.countOf(first);
    return [...head, ...await read(second, limit - head.length, Math.max(0, offset - firstCount))];
  }

  private inScope(scope: Scope): TxnQuery {
    let q = this.db.selectFrom('transactions').where('institution_id', '=', scope.institutionId);
    if (scope.branchIds) q = q.where(inBranches('branch_id', scope.branchIds));
    return q;
  }

  /** Every filter but the account and the customer (see `parts`). */
  private filtered(scope: Scope, f: TransactionFilter): TxnQuery {
    let q = this.inScope(scope);
    if (f.branch) q = q.where('branch_id', '=', f.branch);
    if (f.from !== undefined) q = q.where('occurred_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('occurred_at', '<', f.to);
    if (f.minAmountMinor !== undefined) q = q.where('amount_minor', '>=', f.minAmountMinor);
    if (f.maxAmountMinor !== undefined) q = q.where('amount_minor', '<=', f.maxAmountMinor);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.type) q = q.where('type', '=', f.type);
    if (f.decision) q = q.where('decision', '=', f.decision);
    // The scenario's hits from the hit log (kept from the log position; the caller brings it up to date).
    if (f.scenario) {
      const scenario = f.scenario;
      q = q.where('seq', 'in', (eb) => eb.selectFrom('scenario_hit_log').select('seq')
        .where('institution_id', '=', scope.institutionId).where('scenario_id', '=', scenario));
    }
    return q;
  }
}
