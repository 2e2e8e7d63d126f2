import { SqliteAdapter, type Kysely } from 'kysely';

/**
 * Engine snapshots in binary parts (src/scenarios/engine-snapshot.repository.ts): `engine_snapshots`
 * keeps the head (what was snapshotted, the sizes, which parts), `engine_snapshot_parts` the state's
 * bytes, a part of at most 4 MiB a row (SNAPSHOT_PART_BYTES). The earlier single JSON text could not
 * hold the state of a bank over about 100,000 accounts (src/engine/state/snapshot-stream.ts).
 * Snapshots of the old format are dropped: the next start replays the log and saves one in the new
 * format.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.deleteFrom('engine_snapshots').execute();
  await db.schema.alterTable('engine_snapshots').addColumn('snapshot_id', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('engine_snapshots').addColumn('parts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('engine_snapshot_parts')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('data', sqlite ? 'blob' : 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_snapshot_parts_pk', ['institution_id', 'snapshot_id', 'part'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('engine_snapshot_parts').execute();
  await db.deleteFrom('engine_snapshots').execute();
  await db.schema.alterTable('engine_snapshots').dropColumn('parts').execute();
  await db.schema.alterTable('engine_snapshots').dropColumn('snapshot_id').execute();
}
