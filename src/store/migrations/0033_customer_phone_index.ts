import type { Kysely } from 'kysely';

/**
 * Finding customers by phone (查询客户: a fraud victim's or a suspect's number) compares the keyed
 * hash `phone_hash`, which had no index: the lookup read every customer of the institution
 * (81,349 customers: 148 ms a search; seconds at a bank's millions). The ID-number hash has had its
 * index since 0001.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('customers_phone_hash').on('customers').columns(['institution_id', 'phone_hash']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_phone_hash').execute();
}
