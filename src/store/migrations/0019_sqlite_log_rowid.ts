import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * SQLite only (PostgreSQL keeps its layout): the two append-only logs use their position as the
 * table's own key. In SQLite a table is a B-tree keyed by rowid; an `INTEGER PRIMARY KEY` column
 * is that rowid, while `seq bigint` was a separate index (transactions) or a separate unique key
 * (audit_events) written on every commit, and the audit events' id was a third (ids are ULIDs,
 * unique by construction, and nothing looks events up by id). A single-transaction request's commit
 * wrote 13–16 log pages; this removes three (measured ~17% of its SQLite time, ad-hoc script
 * `commit.mjs`, see docs/ingest.md). Tables are rebuilt from their own DDL with the columns'
 * declarations changed, rows copied in log order, the other indexes created again.
 */
const REWRITES: Record<string, { replace: Array<[string, string]>; dropIndexes: string[] }> = {
  transactions: {
    replace: [
      ['"seq" bigint not null', '"seq" integer primary key'],
      ['constraint "transactions_pk" primary key', 'constraint "transactions_pk" unique'],
    ],
    dropIndexes: ['transactions_seq'],
  },
  audit_events: {
    replace: [
      ['"seq" bigint primary key', '"seq" integer primary key'],
      ['"id" text not null unique', '"id" text not null'],
    ],
    dropIndexes: [],
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const [table, r] of Object.entries(REWRITES)) await rebuild(db, table, r.replace, r.dropIndexes);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const [table, r] of Object.entries(REWRITES)) {
    await rebuild(db, table, r.replace.map(([a, b]) => [b, a]), []);
    if (table === 'transactions') await sql`create index "transactions_seq" on "transactions" ("seq")`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuild(db: Kysely<any>, table: string, replace: Array<[string, string]>, dropIndexes: string[]): Promise<void> {
  const objects = (await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where tbl_name = ${table}`.execute(db)).rows;
  const create = objects.find((o) => o.type === 'table')?.sql;
  if (!create) throw new Error(`table ${table} not found`);
  let ddl = create;
  for (const [from, to] of replace) {
    if (!ddl.includes(from)) throw new Error(`unexpected layout of ${table}: "${from}" not in ${create}`);
    ddl = ddl.replace(from, to);
  }
  const tmp = `${table}_rebuilt`;
  ddl = ddl.replace(`CREATE TABLE "${table}"`, `CREATE TABLE "${tmp}"`);
  if (!ddl.startsWith(`CREATE TABLE "${tmp}"`)) throw new Error(`unexpected DDL of ${table}: ${create}`);
  // Explicitly named indexes to create again (automatic ones come with the constraints).
  const indexes = objects.filter((o) => o.type === 'index' && o.sql !== null && !dropIndexes.includes(o.name)).map((o) => o.sql!);
  await sql.raw(ddl).execute(db);
  await sql.raw(`insert into "${tmp}" select * from "${table}" order by "seq"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${tmp}" rename to "${table}"`).execute(db);
  for (const ix of indexes) await sql.raw(ix).execute(db);
}
