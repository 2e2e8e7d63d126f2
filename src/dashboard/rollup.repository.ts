import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Scope } from '../domain/scope.ts';
import { inBranches } from '../store/scope-filter.ts';
import type { HitEntry, LogRowForRollup, RollupKind, ScenarioIncrement, TxnIncrement } from './rollup.ts';
import './dashboard.tables.ts';

const ROWS_PER_STATEMENT = 500;

/** Rows of the dashboard rollups (migration 0022) and the log rows they are folded from. */
export class RollupRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Inside the caller's transaction: the institution's rollup position, locked (the UPDATE's row
   * lock serialises two processes folding the same rows on PostgreSQL; SQLite has one writer).
   * Rollups computed with another business-day offset are dropped and start again from 0.
   */
  async lockPosition(trx: Kysely<DB>, institutionId: string, offsetMs: number): Promise<number> {
    await trx.insertInto('rollup_positions').values({ institution_id: institutionId, seq: 0, offset_ms: offsetMs })
      .onConflict((oc) => oc.column('institution_id').doNothing()).execute();
    const row = await trx.updateTable('rollup_positions').set({ seq: sql<number>`seq` })
      .where('institution_id', '=', institutionId).returning(['seq', 'offset_ms']).executeTakeFirstOrThrow();
    if (Number(row.offset_ms) === offsetMs) return Number(row.seq);
    await trx.deleteFrom('txn_rollups').where('institution_id', '=', institutionId).execute();
    await trx.deleteFrom('scenario_rollups').where('institution_id', '=', institutionId).execute();
    await trx.deleteFrom('scenario_hit_log').where('institution_id', '=', institutionId).execute();
    await trx.updateTable('rollup_positions').set({ seq: 0, offset_ms: offsetMs }).where('institution_id', '=', institutionId).execute();
    return 0;
  }

  /** The rollups' position (0 when there is none yet or it was computed in another zone), read without a lock. */
  async position(institutionId: string, offsetMs: number): Promise<number> {
    const pos = await this.db.selectFrom('rollup_positions').select(['seq', 'offset_ms']).where('institution_id', '=', institutionId).executeTakeFirst();
    return pos && Number(pos.offset_ms) === offsetMs ? Number(pos.seq) : 0;
  }

  /** The institution's log rows at positions in (afterSeq, throughSeq], in log order. */
  async logBetween(db: Kysely<DB>, institutionId: string, afterSeq: number, throughSeq: number): Promise<LogRowForRollup[]> {
    const rows = await db.selectFrom('transactions')
      .select(['seq', 'branch_id', 'occurred_at', 'ingested_at', 'decision', 'hits'])
      .where('institution_id', '=', institutionId).where('seq', '>', afterSeq).where('seq', '<=', throughSeq)
      .orderBy('seq').execute();
    return rows.map((r) => ({
      seq: Number(r.seq), branchId: r.branch_id, occurredAt: Number(r.occurred_at), ingestedAt: Number(r.ingested_at), decision: r.decision, hits: r.hits,
    }));
  }

  async add(trx: Kysely<DB>, institutionId: string, txns: readonly TxnIncrement[], scenarios: readonly ScenarioIncrement[], hits: readonly HitEntry[]): Promise<void> {
    for (let i = 0; i < hits.length; i += ROWS_PER_STATEMENT) {
      await trx.insertInto('scenario_hit_log')
        .values(hits.slice(i, i + ROWS_PER_STATEMENT).map((h) => ({ institution_id: institutionId, scenario_id: h.scenarioId, seq: h.seq })))
        .onConflict((oc) => oc.columns(['institution_id', 'scenario_id', 'seq']).doNothing())
        .execute();
    }
    for (let i = 0; i < txns.length; i += ROWS_PER_STATEMENT) {
      await trx.insertInto('txn_rollups')
        .values(txns.slice(i, i + ROWS_PER_STATEMENT).map((t) => ({
          institution_id: institutionId, kind: t.kind, day: t.day, branch_id: t.branchId, decision: t.decision, count: t.count,
        })))
        .onConflict((oc) => oc.columns(['institution_id', 'kind', 'day', 'branch_id', 'decision'])
          .doUpdateSet({ count: sql<number>`txn_rollups.count + excluded.count` }))
        .execute();
    }
    for (let i = 0; i < scenarios.length; i += ROWS_PER_STATEMENT) {
      await trx.insertInto('scenario_rollups')
        .values(scenarios.slice(i, i + ROWS_PER_STATEMENT).map((s) => ({
          institution_id: institutionId, day: s.day, branch_id: s.branchId, scenario_id: s.scenarioId, typology: s.typology, severity: s.severity, hits: s.hits,
        })))
        .onConflict((oc) => oc.columns(['institution_id', 'day', 'branch_id', 'scenario_id']).doUpdateSet({
          hits: sql<number>`scenario_rollups.hits + excluded.hits`, typology: sql<string>`excluded.typology`, severity: sql<string>`excluded.severity`,
        }))
        .execute();
    }
  }

  async setPosition(trx: Kysely<DB>, institutionId: string, seq: number): Promise<void> {
    await trx.updateTable('rollup_positions').set({ seq }).where('institution_id', '=', institutionId).execute();
  }

  /** Every transaction in the caller's scope (of one branch, with one decision, when given): the sum of the rollups over all days. */
  async txnTotal(scope: Scope, only: { branch?: string; decision?: string } = {}): Promise<number> {
    let q = this.db.selectFrom('txn_rollups').where('institution_id', '=', scope.institutionId).where('kind', '=', 'occurred');
    if (scope.branchIds !== null) q = q.where(inBranches('branch_id', scope.branchIds));
    if (only.branch !== undefined) q = q.where('branch_id', '=', only.branch);
    if (only.decision !== undefined) q = q.where('decision', '=', only.decision);
    const row = await q.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Transactions per day and decision with day in [fromDay, toDay], in the caller's scope. */
  async txnCounts(scope: Scope, kind: RollupKind, fromDay: number, toDay: number): Promise<Array<{ day: number; decision: string; count: number }>> {
    let q = this.db.selectFrom('txn_rollups')
      .where('institution_id', '=', scope.institutionId).where('kind', '=', kind)
      .where('day', '>=', fromDay).where('day', '<=', toDay);
    if (scope.branchIds !== null) q = q.where(inBranches('branch_id', scope.branchIds));
    const rows = await q.select((eb) => ['day', 'decision', eb.fn.sum<number>('count').as('n')]).groupBy(['day', 'decision']).execute();
    return rows.map((r) => ({ day: Number(r.day), decision: r.decision, count: Number(r.n) }));
  }

  /** Hits per day and scenario (one scenario's with `scenarioId`) with day in [fromDay, toDay], in the caller's scope. */
  async scenarioCounts(scope: Scope, fromDay: number, toDay: number, scenarioId?: string): Promise<Array<{ day: number; scenarioId: string; typology: string; severity: string; hits: number }>> {
    let q = this.db.selectFrom('scenario_rollups')
      .where('institution_id', '=', scope.institutionId).where('day', '>=', fromDay).where('day', '<=', toDay);
    if (scenarioId !== undefined) q = q.where('scenario_id', '=', scenarioId);
    if (scope.branchIds !== null) q = q.where(inBranches('branch_id', scope.branchIds));
    const rows = await q.select((eb) => [
      'day', 'scenario_id', eb.fn.max('typology').as('typology'), eb.fn.max('severity').as('severity'), eb.fn.sum<number>('hits').as('n'),
    ]).groupBy(['day', 'scenario_id']).execute();
    return rows.map((r) => ({ day: Number(r.day), scenarioId: r.scenario_id, typology: String(r.typology), severity: String(r.severity), hits: Number(r.n) }));
  }
}
