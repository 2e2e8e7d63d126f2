import type { Kysely } from 'kysely';

/**
 * When each scheduled job (e.g. ring mining) is next due, shared by every process on the database,
 * so a job runs once per interval however many servers run it (src/platform/scheduled-jobs.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_due', 'bigint', (c) => c.notNull())
    /** Which process started the latest run (host and pid), for operators. */
    .addColumn('last_holder', 'text')
    .addColumn('last_started_at', 'bigint')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduled_jobs').execute();
}
