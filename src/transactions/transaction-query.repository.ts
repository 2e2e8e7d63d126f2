import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Scope } from '../domain/scope.ts';
import { inBranches } from '../store/scope-filter.ts';
import { fromRow, type StoredTransaction } from '../ingest/transaction.mapper.ts';

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

/**
 * Matches counted for a list's total. Counting every match reads every matching row (or index
 * entry) on each page turn: ~8 ms per 200,000 rows on SQLite, so seconds for a filter that matches
 * most of a log of tens of millions; past this many the total is reported as a lower bound.
 */
export const LIST_COUNT_CAP = 10_000;

/** Reads of the transaction log, always inside the caller's scope. */
export class TransactionQueryRepository {
  constructor(private readonly db: Kysely<DB>, private readonly countCap = LIST_COUNT_CAP) {}

  /** One page of matches; `total` counts matches up to the cap (`totalExact` false beyond it). */
  async list(scope: Scope, f: TransactionFilter): Promise<{ items: StoredTransaction[]; total: number; totalExact: boolean }> {
    const q = this.filtered(scope, f);
    const counted = await this.db.selectFrom(q.select(sql.lit(1).as('one')).limit(this.countCap + 1).as('matches'))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const n = Number(counted.n);
    const rows = await q.selectAll().orderBy(SORT_COLUMN[f.sort], f.order).orderBy('id', f.order)
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    return { items: rows.map(fromRow), total: Math.min(n, this.countCap), totalExact: n <= this.countCap };
  }

  async get(scope: Scope, id: string): Promise<StoredTransaction | undefined> {
    const r = await this.inScope(scope).selectAll().where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  /** Latest transactions touching an account, newest first. */
  async recentForAccount(scope: Scope, account: string, limit: number): Promise<StoredTransaction[]> {
    const rows = await this.inScope(scope).selectAll()
      .where((eb) => eb.or([eb('debit_account', '=', account), eb('credit_account', '=', account)]))
      .orderBy('occurred_at', 'desc').limit(limit).execute();
    return rows.map(fromRow);
  }

  private inScope(scope: Scope): SelectQueryBuilder<DB, 'transactions', object> {
    let q = this.db.selectFrom('transactions').where('institution_id', '=', scope.institutionId);
    if (scope.branchIds) q = q.where(inBranches('branch_id', scope.branchIds));
    return q;
  }

  private filtered(scope: Scope, f: TransactionFilter): SelectQueryBuilder<DB, 'transactions', object> {
    let q = this.inScope(scope);
    if (f.account) q = q.where((eb) => eb.or([eb('debit_account', '=', f.account!), eb('credit_account', '=', f.account!)]));
    if (f.customer) q = q.where((eb) => eb.or([eb('debit_party', '=', f.customer!), eb('credit_party', '=', f.customer!)]));
    if (f.branch) q = q.where('branch_id', '=', f.branch);
    if (f.from !== undefined) q = q.where('occurred_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('occurred_at', '<', f.to);
    if (f.minAmountMinor !== undefined) q = q.where('amount_minor', '>=', f.minAmountMinor);
    if (f.maxAmountMinor !== undefined) q = q.where('amount_minor', '<=', f.maxAmountMinor);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.type) q = q.where('type', '=', f.type);
    if (f.decision) q = q.where('decision', '=', f.decision);
    // Hits are stored as JSON text; the scenario id is matched as its exact JSON member.
    if (f.scenario) q = q.where('hits', 'like', `%"scenarioId":${JSON.stringify(f.scenario)}%`);
    return q;
  }
}
