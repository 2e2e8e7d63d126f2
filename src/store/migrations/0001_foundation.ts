import type { Kysely } from 'kysely';

/** Foundation tables: reference data, the transaction log, quarantine, data quality, config, audit. */
// Migrations are typed against `any`: they describe history and must not change when DB types do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bank_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('branches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('parent_id', 'text', (c) => c.references('branches.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('branches_inst_code', ['institution_id', 'code'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('occupation', 'text')
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('kyc_date', 'text')
    .addColumn('kyc_review_date', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_scope').on('customers').columns(['institution_id', 'branch_id']).execute();
  await db.schema.createIndex('customers_id_hash').on('customers').columns(['institution_id', 'id_number_hash']).execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('accounts_pk', ['institution_id', 'id'])
    .execute();
  await db.schema.createIndex('accounts_customer').on('accounts').columns(['institution_id', 'customer_id']).execute();

  await db.schema
    .createTable('account_identifiers')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_identifiers_pk', ['institution_id', 'account_id', 'kind', 'value_hash'])
    .execute();
  await db.schema.createIndex('account_identifiers_value').on('account_identifiers').columns(['institution_id', 'kind', 'value_hash']).execute();

  await db.schema
    .createTable('transactions')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'text')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('debit_account', 'text')
    .addColumn('debit_party', 'text')
    .addColumn('debit_bank', 'text')
    .addColumn('credit_account', 'text')
    .addColumn('credit_party', 'text')
    .addColumn('credit_bank', 'text')
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('location', 'text')
    .addColumn('purpose', 'text')
    .addColumn('cross_border', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('ingested_at', 'bigint', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('hits', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('transactions_pk', ['institution_id', 'id'])
    .execute();
  await db.schema.createIndex('transactions_time').on('transactions').columns(['institution_id', 'occurred_at']).execute();
  await db.schema.createIndex('transactions_seq').on('transactions').columns(['seq']).execute();
  await db.schema.createIndex('transactions_debit').on('transactions').columns(['institution_id', 'debit_account', 'occurred_at']).execute();
  await db.schema.createIndex('transactions_credit').on('transactions').columns(['institution_id', 'credit_account', 'occurred_at']).execute();

  await db.schema
    .createTable('transaction_labels')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('txn_id', 'text', (c) => c.notNull())
    .addColumn('typology', 'text', (c) => c.notNull())
    .addColumn('pattern_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('transaction_labels_pk', ['institution_id', 'txn_id', 'pattern_id'])
    .execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .addColumn('txn_id', 'text')
    .execute();
  await db.schema.createIndex('quarantine_list').on('quarantine').columns(['institution_id', 'status', 'created_at']).execute();

  await db.schema
    .createTable('dq_daily')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('present', 'bigint', (c) => c.notNull())
    .addColumn('invalid', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dq_daily_pk', ['institution_id', 'source', 'day', 'field'])
    .execute();

  await db.schema
    .createTable('config_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('config_versions_unique', ['institution_id', 'kind', 'version'])
    .execute();

  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('institution_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_target').on('audit_events').columns(['target_type', 'target_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_events', 'sequences', 'config_versions', 'dq_daily', 'quarantine', 'transaction_labels',
    'transactions', 'account_identifiers', 'accounts', 'customers', 'branches', 'institutions',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
