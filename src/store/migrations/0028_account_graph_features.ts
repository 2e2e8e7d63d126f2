import type { Kysely } from 'kysely';

/**
 * The latest ring-mining run's graph features of accounts that are in a finding or show a fan or a
 * cycle (src/rings), which the scoring engine reads as `graph_*` / `cp_graph_*` features. Each run
 * replaces the institution's rows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_graph_features')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('ring_score', 'real', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('cycles', 'integer', (c) => c.notNull())
    .addColumn('fan_out_max', 'integer', (c) => c.notNull())
    .addColumn('fan_in_max', 'integer', (c) => c.notNull())
    .addColumn('two_hop_paths', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_graph_features_pk', ['institution_id', 'account_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_graph_features').execute();
}
