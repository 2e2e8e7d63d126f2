import type { Kysely } from 'kysely';
import type { DB, QuarantineTable } from '../store/schema.ts';
import type { Scope } from '../domain/scope.ts';
import type { QuarantinedRecord, QuarantineStatus } from './quarantine.types.ts';
import type { RecordError } from './validator.ts';

export interface QuarantineFilter {
  status?: QuarantineStatus;
  source?: string;
  code?: string;
  page: number;
  pageSize: number;
}

/**
 * Rejected records, kept with their reasons. Quarantined records carry no branch (they failed
 * validation, so their branch is unknown): only head-office scope (all branches) may list them.
 */
export class QuarantineRepository {
  async insertMany(trx: Kysely<DB>, rows: QuarantineTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1_000) await trx.insertInto('quarantine').values(rows.slice(i, i + 1_000)).execute();
  }

  async list(db: Kysely<DB>, scope: Scope, f: QuarantineFilter): Promise<{ items: QuarantinedRecord[]; total: number }> {
    let q = db.selectFrom('quarantine').where('institution_id', '=', scope.institutionId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.source) q = q.where('source', '=', f.source);
    if (f.code) q = q.where('code', '=', f.code);
    const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    return { items: rows.map(toRecord), total: Number(n) };
  }

  async get(db: Kysely<DB>, scope: Scope, id: string): Promise<QuarantinedRecord | undefined> {
    const r = await db.selectFrom('quarantine').selectAll()
      .where('institution_id', '=', scope.institutionId).where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : undefined;
  }

  async countOpen(db: Kysely<DB>, institutionId: string): Promise<number> {
    const r = await db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('institution_id', '=', institutionId).where('status', '=', 'open').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async resolve(trx: Kysely<DB>, id: string, status: QuarantineStatus, by: string, at: number, txnId: string | null): Promise<void> {
    await trx.updateTable('quarantine').set({ status, resolved_by: by, resolved_at: at, txn_id: txnId }).where('id', '=', id).execute();
  }
}

function toRecord(r: QuarantineTable): QuarantinedRecord {
  return {
    id: r.id,
    institutionId: r.institution_id,
    source: r.source,
    position: Number(r.position),
    batchId: r.batch_id,
    record: JSON.parse(r.record) as Record<string, unknown>,
    field: r.field,
    code: r.code,
    reason: r.reason,
    errors: JSON.parse(r.errors) as RecordError[],
    status: r.status as QuarantineStatus,
    createdAt: Number(r.created_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    resolvedBy: r.resolved_by,
    txnId: r.txn_id,
  };
}
