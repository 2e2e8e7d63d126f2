import type { Kysely } from 'kysely';
import type { EngineSnapshot } from '../engine/index.ts';
import type { DB } from '../store/schema.ts';
import './scenarios.tables.ts';

export interface StoredSnapshot { seq: number; body: EngineSnapshot }

/** Engine snapshots (one per institution, replaced on each save). */
export class EngineSnapshotRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async load(institutionId: string): Promise<StoredSnapshot | undefined> {
    const r = await this.db.selectFrom('engine_snapshots').select(['seq', 'body']).where('institution_id', '=', institutionId).executeTakeFirst();
    return r ? { seq: Number(r.seq), body: JSON.parse(r.body) as EngineSnapshot } : undefined;
  }

  async save(institutionId: string, seq: number, body: EngineSnapshot, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('engine_snapshots').where('institution_id', '=', institutionId).execute();
      await trx.insertInto('engine_snapshots').values({
        institution_id: institutionId, seq, observed: body.observed, body: JSON.stringify(body), created_at: now,
      }).execute();
    });
  }
}
