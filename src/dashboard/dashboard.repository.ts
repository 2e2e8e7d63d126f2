import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { inBranches } from '../store/scope-filter.ts';
import type { Scope } from '../domain/scope.ts';
import { RECORD_FIELD } from '../ingest/dq-stats.ts';
import type { RingTypologyCount } from './dashboard.schema.ts';
import '../rings/rings.tables.ts';

const DAY_MS = 86_400_000;

export interface DayDecisionCount {
  /** Day number: floor((occurredAt + offset) / 1 day), i.e. days since 1970-01-01 in the business zone. */
  day: number;
  decision: string;
  count: number;
}

export interface SourceDayRecords {
  source: string;
  day: string;
  records: number;
  accepted: number;
  rejected: number;
}

/**
 * Read-only aggregates for the dashboard. Every transaction query is limited to the caller's scope
 * (institution, and branches for a branch user).
 */
export class DashboardRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private scoped(scope: Scope) {
    let q = this.db.selectFrom('transactions').where('institution_id', '=', scope.institutionId);
    if (scope.branchIds !== null) q = q.where(inBranches('branch_id', scope.branchIds));
    return q;
  }

  /** Transactions per business day and decision with occurredAt in [from, to). */
  async countByDayAndDecision(scope: Scope, from: number, to: number, offsetMs: number): Promise<DayDecisionCount[]> {
    // Integer division is the same SQL on SQLite and PostgreSQL for bigint operands.
    const day = sql<number>`(occurred_at + ${sql.lit(offsetMs)}) / ${sql.lit(DAY_MS)}`;
    const rows = await this.scoped(scope)
      .where('occurred_at', '>=', from).where('occurred_at', '<', to)
      .select([day.as('day'), 'decision', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy([day, 'decision'])
      .execute();
    return rows.map((r) => ({ day: Number(r.day), decision: r.decision, count: Number(r.count) }));
  }

  /** Transactions ingested (and scored, which happens in the same request) at or after `since`. */
  async countIngestedSince(scope: Scope, since: number): Promise<number> {
    const r = await this.scoped(scope).where('ingested_at', '>=', since)
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The hits JSON of transactions with occurredAt in [from, to) on which at least one scenario fired. */
  async hitLists(scope: Scope, from: number, to: number): Promise<string[]> {
    const rows = await this.scoped(scope)
      .where('occurred_at', '>=', from).where('occurred_at', '<', to)
      .where('hits', '<>', '[]')
      .select('hits').execute();
    return rows.map((r) => r.hits);
  }

  /**
   * Occurrence times of transactions in [from, to) whose hits mention the scenario. The LIKE is a
   * portable pre-filter on the JSON text; the caller confirms the hit by parsing.
   */
  async hitsOfScenario(scope: Scope, scenarioId: string, from: number, to: number): Promise<Array<{ occurredAt: number; hits: string }>> {
    const rows = await this.scoped(scope)
      .where('occurred_at', '>=', from).where('occurred_at', '<', to)
      .where('hits', 'like', `%"scenarioId":${JSON.stringify(scenarioId)}%`)
      .select(['occurred_at', 'hits']).execute();
    return rows.map((r) => ({ occurredAt: Number(r.occurred_at), hits: r.hits }));
  }

  async openQuarantine(institutionId: string): Promise<number> {
    const r = await this.db.selectFrom('quarantine')
      .where('institution_id', '=', institutionId).where('status', '=', 'open')
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Stored ring findings per typology (findings belong to the institution, not to a branch). */
  async ringCounts(institutionId: string): Promise<RingTypologyCount[]> {
    const rows = await this.db.selectFrom('ring_findings')
      .where('institution_id', '=', institutionId)
      .select((eb) => [
        'typology',
        eb.fn.countAll<number>().as('findings'),
        eb.fn.sum<number>('member_count').as('members'),
        eb.fn.sum<number>('total_amount_minor').as('total'),
      ])
      .groupBy('typology').orderBy('typology')
      .execute();
    return rows.map((r) => ({ typology: r.typology, findings: Number(r.findings), members: Number(r.members), totalAmountMinor: Number(r.total) }));
  }

  /** Record-level data-quality counters per source and day from `fromDay` on (the record pseudo-field). */
  async recordCounts(institutionId: string, fromDay: string): Promise<SourceDayRecords[]> {
    const rows = await this.db.selectFrom('dq_daily')
      .where('institution_id', '=', institutionId).where('field', '=', RECORD_FIELD).where('day', '>=', fromDay)
      .select(['source', 'day', 'total', 'present', 'invalid'])
      .orderBy('source').orderBy('day')
      .execute();
    return rows.map((r) => ({
      source: r.source, day: r.day, records: Number(r.total), accepted: Number(r.present), rejected: Number(r.invalid),
    }));
  }
}
