import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EngineSnapshot } from '../engine/index.ts';
import type { DB } from '../store/schema.ts';
import './scenarios.tables.ts';

export interface StoredSnapshot { seq: number; body: EngineSnapshot }

/** A save that never finished (the process stopped) leaves parts no head names; removed after this long. */
const ORPHAN_MS = 3_600_000;

/**
 * Engine snapshots, one per institution, replaced on each save: the head (format, layout, sizes)
 * as JSON in `engine_snapshots`, the state's bytes in `engine_snapshot_parts` (one row per part of
 * the snapshot stream, src/engine/state/snapshot-stream.ts). Each part is written in a statement of
 * its own, so a large state does not hold the database's write lock for the whole save; the new
 * head replaces the old in one transaction, which also deletes the replaced snapshot's parts. Until
 * then the previous snapshot stays whole and current.
 */
export class EngineSnapshotRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The latest snapshot, or undefined when there is none or its parts are not all there. */
  async load(institutionId: string): Promise<StoredSnapshot | undefined> {
    const head = await this.db.selectFrom('engine_snapshots').select(['seq', 'body', 'snapshot_id', 'parts'])
      .where('institution_id', '=', institutionId).executeTakeFirst();
    if (!head) return undefined;
    const rows = await this.db.selectFrom('engine_snapshot_parts').select(['part', 'data'])
      .where('institution_id', '=', institutionId).where('snapshot_id', '=', head.snapshot_id).orderBy('part').execute();
    if (rows.length !== Number(head.parts) || rows.some((r, i) => Number(r.part) !== i)) return undefined;
    const body = JSON.parse(head.body) as Omit<EngineSnapshot, 'parts'>;
    return { seq: Number(head.seq), body: { ...body, parts: rows.map((r) => r.data) } };
  }

  async save(institutionId: string, seq: number, snapshot: EngineSnapshot, now: number): Promise<void> {
    const id = randomUUID();
    const { parts, ...head } = snapshot;
    for (let i = 0; i < parts.length; i++) {
      await this.db.insertInto('engine_snapshot_parts')
        .values({ institution_id: institutionId, snapshot_id: id, part: i, data: parts[i], created_at: now }).execute();
    }
    await this.db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('engine_snapshots').select('snapshot_id').where('institution_id', '=', institutionId).executeTakeFirst();
      await trx.deleteFrom('engine_snapshots').where('institution_id', '=', institutionId).execute();
      await trx.insertInto('engine_snapshots').values({
        institution_id: institutionId, seq, observed: snapshot.observed, body: JSON.stringify(head), snapshot_id: id, parts: parts.length, created_at: now,
      }).execute();
      // The replaced snapshot's parts, and those of saves that never finished.
      await trx.deleteFrom('engine_snapshot_parts').where('institution_id', '=', institutionId).where('snapshot_id', '<>', id)
        .where((eb) => eb.or([eb('created_at', '<', now - ORPHAN_MS), ...(old ? [eb('snapshot_id', '=', old.snapshot_id)] : [])]))
        .execute();
    });
  }
}
