import type { Kysely } from 'kysely';

/**
 * The institution's known-bad account list (已知涉案账户名单: accounts named in police notices,
 * earlier suspicious-transaction reports, confirmed cases or shared by member banks), which ring
 * mining scores against and the scoring engine reads (`graph_known_bad`, `graph_bad_distance`);
 * and each mining run's distance from an account to the nearest listed one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('known_bad_accounts')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('known_bad_accounts_pk', ['institution_id', 'account_id'])
    .execute();
  await db.schema.createIndex('known_bad_accounts_added').on('known_bad_accounts').columns(['institution_id', 'added_at']).execute();
  // Null: no listed account within the run's reach (or no list when the run mined).
  await db.schema.alterTable('account_graph_features').addColumn('bad_distance', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account_graph_features').dropColumn('bad_distance').execute();
  await db.schema.dropTable('known_bad_accounts').execute();
}
