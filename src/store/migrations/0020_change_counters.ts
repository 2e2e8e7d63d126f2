import type { Kysely } from 'kysely';

/**
 * One counter per institution and topic (reference data, scenarios, data-quality rules), raised in
 * the transaction of every change, so every process sharing the database can tell that its
 * in-memory copies are stale (src/platform/change-watcher.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_counters')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_counters_pk', ['institution_id', 'topic'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('change_counters').execute();
}
