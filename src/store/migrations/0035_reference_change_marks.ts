import type { Kysely } from 'kysely';

/**
 * Each customer and account row carries the institution's `reference` change counter of the load
 * that last wrote it (0 for rows stored before). A process whose account directory has applied the
 * loads up to counter n reads only the rows marked above n (two indexed reads) instead of the
 * whole register joined with every customer, which every load made every process do: seconds on
 * the request thread at a bank's millions of accounts. The counter, not a clock: processes'
 * clocks differ, and the counter's row lock orders the loads' commits.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['customers', 'accounts']) {
    await db.schema.alterTable(table).addColumn('ref_change', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex(`${table}_ref_change`).on(table).columns(['institution_id', 'ref_change']).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['customers', 'accounts']) {
    await db.schema.dropIndex(`${table}_ref_change`).execute();
    await db.schema.alterTable(table).dropColumn('ref_change').execute();
  }
}
