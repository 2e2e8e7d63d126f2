import { sql } from 'kysely';
import type { Database } from './database.ts';

/** Rows changed since a table's last analysis beyond which it is analysed again (PostgreSQL's autovacuum defaults). */
const CHANGED_BASE = 50;
const CHANGED_SHARE = 0.1;

/**
 * PostgreSQL: ANALYZE the tables of this schema whose rows changed by more than 10% (+50) since
 * their last analysis, as autovacuum would; returns their names. The planner without statistics
 * takes every table for a few pages: on the demo bank freshly loaded (281,030 transactions) the
 * transaction list's 100th page took 0.9 s (a bitmap scan of the institution and a 77 MB sort on
 * disk) and 3.4 ms after ANALYZE (the time index, backwards). Autovacuum analyses within a minute
 * or so of a bulk load where it is on; where it is off (as on the reference machine) never. Run by
 * `outpost serve` at start and every minute (platform module), once per interval across servers.
 * SQLite keeps fixed statistics instead (migration 0023): nothing to do.
 */
export async function refreshStatistics(database: Database): Promise<string[]> {
  if (database.dialect !== 'postgres') return [];
  const { rows } = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema()
      and n_mod_since_analyze > ${CHANGED_BASE}::float8 + ${CHANGED_SHARE}::float8 * greatest(n_live_tup, 0)`.execute(database.db);
  for (const r of rows) await sql`analyze ${sql.id(r.relname)}`.execute(database.db);
  return rows.map((r) => r.relname).sort();
}
