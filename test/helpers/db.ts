import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

/**
 * Real-database test support. Every repository test runs on SQLite (in memory) and PostgreSQL
 * (a fresh schema per database opened). PostgreSQL comes from OUTPOST_TEST_PG_URL or the local
 * default; where it is unreachable the PostgreSQL cases are skipped with a message, unless
 * OUTPOST_REQUIRE_SERVICES=1 (CI), where absence fails the run.
 */
export const PG_URL = process.env.OUTPOST_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRE = process.env.OUTPOST_REQUIRE_SERVICES === '1';

let pgAvailable: boolean | undefined;

export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgAvailable = true;
  } catch (err) {
    if (REQUIRE) throw new Error(`PostgreSQL is required (OUTPOST_REQUIRE_SERVICES=1) but unreachable at ${PG_URL}: ${(err as Error).message}`, { cause: err });
    console.warn(`[skip] PostgreSQL tests skipped: ${PG_URL} unreachable (${(err as Error).message})`);
    pgAvailable = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  return pgAvailable;
}

/**
 * `sqlite-file`: SQLite in a temporary file, as deployed (checkpoint worker, read threads; with a
 * container, ingest's writer thread). Used where behaviour differs from an in-memory database.
 */
export type DialectName = 'sqlite' | 'sqlite-file' | 'postgres';
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

/** A test database; `reopen` (files and PostgreSQL) opens another handle on the same data, as a second process would. */
export type TestDatabase = Database & { reopen?: () => Database };

/** Opens a fresh, migrated database of the given dialect; `null` when PostgreSQL is absent (skip). */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase | null> {
  if (dialect === 'sqlite') {
    const d = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(d);
    return d;
  }
  if (dialect === 'sqlite-file') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-test-'));
    const file = path.join(dir, 'outpost.sqlite');
    // Read threads as a server has them (OUTPOST_SQLITE_READ_THREADS' default).
    const d = openDatabase({ sqlitePath: file, readThreads: 2 });
    await migrateToLatest(d);
    const close = d.close;
    return { ...d, reopen: () => openDatabase({ sqlitePath: file, readThreads: 2 }), close: async () => { await close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  if (!(await postgresAvailable())) return null;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const d = openDatabase({ databaseUrl: PG_URL, pgSchema: schema });
  await migrateToLatest(d);
  const close = d.close;
  return {
    ...d,
    reopen: () => openDatabase({ databaseUrl: PG_URL, pgSchema: schema }),
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
