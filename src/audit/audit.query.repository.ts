import type { Kysely } from 'kysely';
import type { AuditEventsTable, DB } from '../store/schema.ts';

export interface AuditFilter {
  /** Events of this institution plus platform-wide events (institution null). */
  institutionId: string;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: number;
  to?: number;
  /** Return events with seq below this (newest first paging). */
  beforeSeq?: number;
  /** Return events with seq above this (oldest first, for export). */
  afterSeq?: number;
}

/** Reads of the audit log: filtered pages for auditors, ascending pages for verify and export. */
export class AuditQueryRepository {
  async page(db: Kysely<DB>, f: AuditFilter, limit: number, order: 'asc' | 'desc'): Promise<AuditEventsTable[]> {
    let q = db.selectFrom('audit_events').selectAll()
      .where((eb) => eb.or([eb('institution_id', '=', f.institutionId), eb('institution_id', 'is', null)]));
    if (f.actor) q = q.where('actor', '=', f.actor);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.targetType) q = q.where('target_type', '=', f.targetType);
    if (f.targetId) q = q.where('target_id', '=', f.targetId);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
    if (f.afterSeq !== undefined) q = q.where('seq', '>', f.afterSeq);
    return q.orderBy('seq', order).limit(limit).execute();
  }

  /** The whole chain in order, `limit` rows after `afterSeq` (verify). */
  chainPage(db: Kysely<DB>, afterSeq: number, limit: number): Promise<AuditEventsTable[]> {
    return db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
  }

  async lastReserved(db: Kysely<DB>): Promise<number> {
    const r = await db.selectFrom('sequences').select('value').where('name', '=', 'audit').executeTakeFirst();
    return r ? Number(r.value) : 0;
  }
}
