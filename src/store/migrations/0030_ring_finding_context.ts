import type { Kysely } from 'kysely';

/**
 * A finding's context: the accounts core trimming took out of the detected structure (a busy hub,
 * a payee's ordinary payers), as JSON `[{account, role}]`, null when none. Their transfers stay in
 * `ring_finding_txns` with the members' (src/graph/finding.ts, Finding.context).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ring_findings').addColumn('context', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ring_findings').dropColumn('context').execute();
}
