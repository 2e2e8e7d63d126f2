import type { Kysely } from 'kysely';

/**
 * Dashboard figures rolled up per business day and branch from the transaction log, advanced from
 * a log position (src/dashboard/rollup.service.ts), so the dashboard reads a few hundred rows
 * instead of every transaction of the last 30 days.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('txn_rollups')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    /** 'occurred' (by transaction time) or 'ingested' (by ingest time). */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    /** '' for transactions without a branch. */
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('txn_rollups_pk', ['institution_id', 'kind', 'day', 'branch_id', 'decision'])
    .execute();
  await db.schema
    .createTable('scenario_rollups')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('typology', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('hits', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('scenario_rollups_pk', ['institution_id', 'day', 'branch_id', 'scenario_id'])
    .execute();
  await db.schema
    .createTable('rollup_positions')
    .addColumn('institution_id', 'text', (c) => c.primaryKey())
    /** Log position (transactions.seq) the rollups include. */
    .addColumn('seq', 'bigint', (c) => c.notNull())
    /** Business-day offset the days were computed with (ms east of UTC). */
    .addColumn('offset_ms', 'bigint', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_positions').execute();
  await db.schema.dropTable('scenario_rollups').execute();
  await db.schema.dropTable('txn_rollups').execute();
}
