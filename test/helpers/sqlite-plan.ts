import type { Database } from '../../src/store/database.ts';

/** SQLite's query plan for `sql` with these parameters, its steps joined by ' | ' (tests of index use). */
export const sqlitePlan = (d: Database, sql: string, ...args: unknown[]): string =>
  (d.sqlite!.prepare(`explain query plan ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
