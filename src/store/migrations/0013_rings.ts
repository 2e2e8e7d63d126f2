import type { Kysely } from 'kysely';

/** Ring (团伙) mining: findings with members and transactions, mining runs, detector parameters (src/rings). */
// Migrations are typed against `any`: they describe history and must not change when DB types do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ring_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('typology', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('ring_key', 'text')
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('txn_count', 'integer', (c) => c.notNull())
    .addColumn('total_amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint')
    .addColumn('last_at', 'bigint')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('identifiers', 'text')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ring_findings_key', ['institution_id', 'finding_key'])
    .execute();
  await db.schema.createIndex('ring_findings_list').on('ring_findings').columns(['institution_id', 'last_at']).execute();

  await db.schema
    .createTable('ring_finding_members')
    .addColumn('finding_id', 'text', (c) => c.notNull().references('ring_findings.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ring_finding_members_pk', ['finding_id', 'account_id'])
    .execute();
  await db.schema.createIndex('ring_finding_members_account').on('ring_finding_members').columns(['account_id']).execute();

  await db.schema
    .createTable('ring_finding_txns')
    .addColumn('finding_id', 'text', (c) => c.notNull().references('ring_findings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('txn_id', 'text', (c) => c.notNull())
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('dst', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ring_finding_txns_pk', ['finding_id', 'position'])
    .execute();

  await db.schema
    .createTable('ring_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('window_from', 'bigint', (c) => c.notNull())
    .addColumn('window_to', 'bigint', (c) => c.notNull())
    .addColumn('params_version', 'integer', (c) => c.notNull())
    .addColumn('transactions', 'integer', (c) => c.notNull())
    .addColumn('accounts', 'integer', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('new_findings', 'integer', (c) => c.notNull())
    .addColumn('timings', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ring_runs_institution').on('ring_runs').columns(['institution_id', 'started_at']).execute();

  await db.schema
    .createTable('ring_detector_params')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ring_detector_params_pk', ['institution_id', 'version'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ring_detector_params', 'ring_runs', 'ring_finding_txns', 'ring_finding_members', 'ring_findings']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
