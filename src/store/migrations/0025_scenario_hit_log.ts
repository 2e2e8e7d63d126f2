import type { Kysely } from 'kysely';

/**
 * Which transactions each scenario fired on (log positions), kept with the dashboard rollups from
 * the log position (src/dashboard/rollup.service.ts), so the transaction list's scenario filter
 * reads the scenario's hits instead of matching the hit JSON of every stored transaction.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scenario_hit_log')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('scenario_hit_log_pk', ['institution_id', 'scenario_id', 'seq'])
    .execute();
  // Rows folded before this table existed have no entries: fold the log again from its start.
  await db.deleteFrom('txn_rollups').execute();
  await db.deleteFrom('scenario_rollups').execute();
  await db.deleteFrom('rollup_positions').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scenario_hit_log').execute();
}
