import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { RECORD_FIELD } from '../ingest/dq-stats.ts';
import type { RingTypologyCount } from './dashboard.schema.ts';
import '../rings/rings.tables.ts';

export interface SourceDayRecords {
  source: string;
  day: string;
  records: number;
  accepted: number;
  rejected: number;
}

/**
 * Read-only aggregates for the dashboard besides the transaction rollups (rollup.repository.ts):
 * quarantine, data quality and ring findings, per institution.
 */
export class DashboardRepository {
  constructor(private readonly db: Kysely<DB>) {}

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
