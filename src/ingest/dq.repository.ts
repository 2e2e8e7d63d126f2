import type { Kysely } from 'kysely';
import type { DB, DqDailyTable } from '../store/schema.ts';
import { param, Precompiled } from '../store/precompiled.ts';

const COLUMNS = ['institution_id', 'source', 'day', 'field', 'total', 'present', 'invalid'] as const satisfies ReadonlyArray<keyof DqDailyTable>;
const upsert = new Precompiled<DqDailyTable, never>((db) => db.insertInto('dq_daily')
  .values(Object.fromEntries(COLUMNS.map((c) => [c, param(c)])) as unknown as DqDailyTable)
  .onConflict((oc) => oc.columns(['institution_id', 'source', 'day', 'field']).doUpdateSet((eb) => ({
    total: eb('dq_daily.total', '+', eb.ref('excluded.total')),
    present: eb('dq_daily.present', '+', eb.ref('excluded.present')),
    invalid: eb('dq_daily.invalid', '+', eb.ref('excluded.invalid')),
  }))));

/** Per source, day and field counters behind the data-quality report. */
export class DqRepository {
  async add(trx: Kysely<DB>, rows: DqDailyTable[]): Promise<void> {
    // A few rows per batch (the record row and fields with missing or invalid values): one
    // precompiled statement each.
    for (const r of rows) await upsert.execute(trx, r);
  }

  async range(db: Kysely<DB>, institutionId: string, fromDay: string, toDay: string, source?: string): Promise<DqDailyTable[]> {
    let q = db.selectFrom('dq_daily').selectAll()
      .where('institution_id', '=', institutionId).where('day', '>=', fromDay).where('day', '<=', toDay);
    if (source) q = q.where('source', '=', source);
    const rows = await q.orderBy('day').orderBy('source').orderBy('field').execute();
    return rows.map((r) => ({ ...r, total: Number(r.total), present: Number(r.present), invalid: Number(r.invalid) }));
  }
}
