import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * The last position in the transaction log (all institutions; 0 when empty). Readers walk the log
 * in windows of positions up to it, `seq > a AND seq <= b`, rather than `seq > a ORDER BY seq
 * LIMIT n`: a window bounds the rows read whatever plan the database picks. PostgreSQL without
 * table statistics (a fresh bulk load, or autovacuum off as on the reference machine) planned the
 * LIMIT form as a bitmap scan of every later row plus a sort: 236-457 ms per 1,000-row page of the
 * demo log, so the first dashboard fold after `outpost demo` took about 40 s. `max(seq)` is
 * answered from an index end on both databases (SQLite: the row id).
 */
export async function lastLogPosition(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('transactions').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirst();
  return r && r.last !== null ? Number(r.last) : 0;
}
