import type { Kysely } from 'kysely';
import type { DB, DqDailyTable } from '../store/schema.ts';

/** Per source, day and field counters behind the data-quality report. */
export class DqRepository {
  async add(trx: Kysely<DB>, rows: DqDailyTable[]): Promise<void> {
    if (rows.length === 0) return;
    await trx.insertInto('dq_daily').values(rows)
      .onConflict((oc) => oc.columns(['institution_id', 'source', 'day', 'field']).doUpdateSet((eb) => ({
        total: eb('dq_daily.total', '+', eb.ref('excluded.total')),
        present: eb('dq_daily.present', '+', eb.ref('excluded.present')),
        invalid: eb('dq_daily.invalid', '+', eb.ref('excluded.invalid')),
      }))).execute();
  }

  async range(db: Kysely<DB>, institutionId: string, fromDay: string, toDay: string, source?: string): Promise<DqDailyTable[]> {
    let q = db.selectFrom('dq_daily').selectAll()
      .where('institution_id', '=', institutionId).where('day', '>=', fromDay).where('day', '<=', toDay);
    if (source) q = q.where('source', '=', source);
    const rows = await q.orderBy('day').orderBy('source').orderBy('field').execute();
    return rows.map((r) => ({ ...r, total: Number(r.total), present: Number(r.present), invalid: Number(r.invalid) }));
  }
}
