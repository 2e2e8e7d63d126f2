import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB, QuarantineTable } from '../store/schema.ts';
import type { Scope } from '../domain/scope.ts';
import type { QuarantinedRecord, QuarantineStatus } from './quarantine.types.ts';
import type { RecordError } from './validator.ts';

/** Which open records a bulk action (retry, discard) takes: every given criterion must hold. */
export interface QuarantineMatch {
  source?: string;
  code?: string;
  /** The field of the record's first error. */
  field?: string;
  ids?: readonly string[];
}

export interface QuarantineFilter extends Omit<QuarantineMatch, 'ids'> {
  status?: QuarantineStatus;
  page: number;
  pageSize: number;
}

/** A place in the order (created_at, id) of open records: the bulk retry goes on after it. */
export interface QuarantineCursor {
  createdAt: number;
  id: string;
}

type QuarantineQuery = SelectQueryBuilder<DB, 'quarantine', object>;

/** Records after the cursor in the order (created_at, id). */
function afterCursor(q: QuarantineQuery, after: QuarantineCursor): QuarantineQuery {
  return q.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]));
}

function matching(q: QuarantineQuery, m: QuarantineMatch): QuarantineQuery {
  if (m.source) q = q.where('source', '=', m.source);
  if (m.code) q = q.where('code', '=', m.code);
  if (m.field) q = q.where('field', '=', m.field);
  if (m.ids) q = q.where('id', 'in', m.ids.length > 0 ? [...m.ids] : ['']);
  return q;
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
    let q = matching(db.selectFrom('quarantine').where('institution_id', '=', scope.institutionId), f);
    if (f.status) q = q.where('status', '=', f.status);
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

  /** Open records per source, reason code and field of the first error, most first (at most `limit` groups). */
  async openGroups(db: Kysely<DB>, institutionId: string, limit: number): Promise<Array<{ source: string; code: string; field: string | null; open: number; oldest: number }>> {
    const rows = await db.selectFrom('quarantine')
      .select((eb) => ['source', 'code', 'field', eb.fn.countAll<number>().as('open'), eb.fn.min('created_at').as('oldest')])
      .where('institution_id', '=', institutionId).where('status', '=', 'open')
      .groupBy(['source', 'code', 'field']).orderBy('open', 'desc').orderBy('source').orderBy('code').limit(limit).execute();
    return rows.map((r) => ({ source: r.source, code: r.code, field: r.field, open: Number(r.open), oldest: Number(r.oldest) }));
  }

  async countOpen(db: Kysely<DB>, institutionId: string): Promise<number> {
    const r = await db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('institution_id', '=', institutionId).where('status', '=', 'open').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async resolve(trx: Kysely<DB>, id: string, status: QuarantineStatus, by: string, at: number, txnId: string | null): Promise<void> {
    await trx.updateTable('quarantine').set({ status, resolved_by: by, resolved_at: at, txn_id: txnId }).where('id', '=', id).execute();
  }

  /** Open records matching `m` after `after` in the order (created_at, id), at most `limit` (the list index's order). */
  async openAfter(db: Kysely<DB>, institutionId: string, m: QuarantineMatch, after: QuarantineCursor | null, limit: number): Promise<QuarantinedRecord[]> {
    let q = matching(db.selectFrom('quarantine').where('institution_id', '=', institutionId).where('status', '=', 'open'), m);
    if (after) q = afterCursor(q, after);
    const rows = await q.selectAll().orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map(toRecord);
  }

  /** Open records of reason `code` after `after` (order (created_at, id)), as id, time and errors only: a scan for the records naming some value. */
  async openErrorsAfter(db: Kysely<DB>, institutionId: string, code: string, after: QuarantineCursor | null, limit: number) {
    let q = db.selectFrom('quarantine').where('institution_id', '=', institutionId).where('status', '=', 'open').where('code', '=', code);
    if (after) q = afterCursor(q, after);
    const rows = await q.select(['id', 'created_at', 'errors']).orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, createdAt: Number(r.created_at), errors: JSON.parse(r.errors) as RecordError[] }));
  }

  /** Ids of open records matching `m`, at most `limit` (the next chunk of a bulk discard). */
  async openIds(db: Kysely<DB>, institutionId: string, m: QuarantineMatch, limit: number): Promise<string[]> {
    const rows = await matching(db.selectFrom('quarantine').where('institution_id', '=', institutionId).where('status', '=', 'open'), m)
      .select('id').orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /**
   * Resolves those of the records that are still open (another user's or process's action on one
   * of them stands); returns the ids this call resolved.
   */
  async resolveOpen(
    trx: Kysely<DB>, institutionId: string, items: ReadonlyArray<{ id: string; txnId: string | null }>, status: Exclude<QuarantineStatus, 'open'>, by: string, at: number,
  ): Promise<string[]> {
    const done: string[] = [];
    for (const it of items) {
      const r = await trx.updateTable('quarantine').set({ status, resolved_by: by, resolved_at: at, txn_id: it.txnId })
        .where('institution_id', '=', institutionId).where('id', '=', it.id).where('status', '=', 'open').executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) done.push(it.id);
    }
    return done;
  }

  /** The reasons a record tried again still fails for (they may differ from the first ones: rules and reference data change). */
  async setReasons(trx: Kysely<DB>, id: string, errors: readonly RecordError[]): Promise<void> {
    await trx.updateTable('quarantine').set({
      field: errors[0].field, code: errors[0].code, reason: errors.map((e) => e.message).join('; '), errors: JSON.stringify(errors),
    }).where('id', '=', id).where('status', '=', 'open').execute();
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
