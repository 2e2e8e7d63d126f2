import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { refreshStatistics } from './statistics.ts';

describe.each(DIALECTS)('planner statistics on %s', (dialect) => {
  let db: TestDatabase | null = null;
  afterEach(async () => { await db?.close(); db = null; });

  it('analyses the tables that changed by more than a tenth since their last analysis, then nothing until they change again', async (ctx) => {
    db = await openTestDatabase(dialect);
    if (!db) return ctx.skip();
    if (dialect !== 'postgres') {
      // SQLite's statistics are fixed rows (migration 0023): nothing to refresh.
      expect(await refreshStatistics(db)).toEqual([]);
      return;
    }
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ name: `t${i}`, value: i }));
    await sql`create table stats_probe (name text, value integer)`.execute(db.db);
    await sql`insert into stats_probe select r.name, r.value from json_populate_recordset(null::stats_probe, ${JSON.stringify(rows)}::json) r`.execute(db.db);
    const reltuples = async () => Number((await sql<{ n: number }>`select reltuples as n from pg_class where oid = 'stats_probe'::regclass`.execute(db!.db)).rows[0].n);
    expect(await reltuples()).toBeLessThan(0); // never analysed: the planner guesses from the table's size
    // Other connections' counts reach pg_stat_user_tables within about a second (PostgreSQL 15).
    let analysed: string[] = [];
    for (let i = 0; i < 60 && !analysed.includes('stats_probe'); i++) {
      analysed = await refreshStatistics(db);
      if (!analysed.includes('stats_probe')) await new Promise((r) => setTimeout(r, 250));
    }
    expect(analysed).toContain('stats_probe');
    expect(await reltuples()).toBe(2_000);
    expect(await refreshStatistics(db)).not.toContain('stats_probe');
  });
});
