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
 * head replaces the old in one transaction, and the replaced snapshot's parts are deleted after it.
 * Until then the previous snapshot stays whole and current.
 */
export class EngineSnapshotRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The latest snapshot, or undefined when there is none or its parts are not all there. Parts are
   * read one per query, with `pause` awaited between them (a caller with other work lets it in).
   */
  async load(institutionId: string, pause?: () => Promise<void>): Promise<StoredSnapshot | undefined> {
    const head = await this.db.selectFrom('engine_snapshots').select(['seq', 'body', 'snapshot_id', 'parts'])
      .where('institution_id', '=', institutionId).executeTakeFirst();
    if (!head) return undefined;
    const parts: Uint8Array[] = [];
    for (let i = 0; i < Number(head.parts); i++) {
      const row = await this.db.selectFrom('engine_snapshot_parts').select('data')
        .where('institution_id', '=', institutionId).where('snapshot_id', '=', head.snapshot_id).where('part', '=', i).executeTakeFirst();
      if (!row) return undefined;
      parts.push(row.data);
      await pause?.();
    }
    const body = JSON.parse(head.body) as Omit<EngineSnapshot, 'parts'>;
    return { seq: Number(head.seq), body: { ...body, parts } };
  }

  /** Saves a snapshot in place of the institution's current one, with `pause` awaited between parts. */
  async save(institutionId: string, seq: number, snapshot: EngineSnapshot, now: number, pause?: () => Promise<void>): Promise<void> {
    const id = randomUUID();
    const { parts, ...head } = snapshot;
    for (let i = 0; i < parts.length; i++) {
      await this.db.insertInto('engine_snapshot_parts')
        .values({ institution_id: institutionId, snapshot_id: id, part: i, data: parts[i], created_at: now }).execute();
      await pause?.();
    }
    const old = await this.db.transaction().execute(async (trx) => {
      const replaced = await trx.selectFrom('engine_snapshots').select(['snapshot_id', 'parts']).where('institution_id', '=', institutionId).executeTakeFirst();
      await trx.deleteFrom('engine_snapshots').where('institution_id', '=', institutionId).execute();
      await trx.insertInto('engine_snapshots').values({
        institution_id: institutionId, seq, observed: snapshot.observed, body: JSON.stringify(head), snapshot_id: id, parts: parts.length, created_at: now,
      }).execute();
      return replaced;
    });
    // Then, no longer named by any head: the replaced snapshot's parts, a part per statement (freeing
    // hundreds of MiB in one statement held the thread ~0.2 s), and the parts of saves that never finished.
    for (let i = 0; old && i < Number(old.parts); i++) {
      await this.db.deleteFrom('engine_snapshot_parts')
        .where('institution_id', '=', institutionId).where('snapshot_id', '=', old.snapshot_id).where('part', '=', i).execute();
      await pause?.();
    }
    await this.db.deleteFrom('engine_snapshot_parts').where('institution_id', '=', institutionId)
      .where('snapshot_id', '<>', id).where('created_at', '<', now - ORPHAN_MS).execute();
  }
}
