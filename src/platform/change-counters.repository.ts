import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import './platform.tables.ts';

export interface ChangeCounter {
  institutionId: string;
  topic: string;
  counter: number;
}

/** The change counters (one row per institution and topic); see migration 0020_change_counters. */
export class ChangeCounterRepository {
  /** Raises the counter inside the caller's transaction and returns its new value. */
  async bump(trx: Kysely<DB>, institutionId: string, topic: string, at: number): Promise<number> {
    const row = await trx.insertInto('change_counters')
      .values({ institution_id: institutionId, topic, counter: 1, changed_at: at })
      .onConflict((oc) => oc.columns(['institution_id', 'topic']).doUpdateSet({
        counter: sql<number>`change_counters.counter + 1`, changed_at: at,
      }))
      .returning('counter')
      .executeTakeFirstOrThrow();
    return Number(row.counter);
  }

  /** One counter as committed now (0 before its first change). */
  async current(db: Kysely<DB>, institutionId: string, topic: string): Promise<number> {
    const row = await db.selectFrom('change_counters').select('counter').where('institution_id', '=', institutionId).where('topic', '=', topic).executeTakeFirst();
    return row ? Number(row.counter) : 0;
  }

  async all(db: Kysely<DB>): Promise<ChangeCounter[]> {
    const rows = await db.selectFrom('change_counters').select(['institution_id', 'topic', 'counter']).execute();
    return rows.map((r) => ({ institutionId: r.institution_id, topic: r.topic, counter: Number(r.counter) }));
  }
}
