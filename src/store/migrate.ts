import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Reads src/store/migrations in file-name order. Kysely's FileMigrationProvider imports from inside
 * node_modules, where TypeScript files cannot be loaded under a test runner; importing from here can.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.(ts|js)$/.test(f) && !f.includes('.test.')).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, f)).href)) as Migration;
      out[f.replace(/\.(ts|js)$/, '')] = mod;
    }
    return out;
  }
}

/**
 * Applies every migration. Each bounded context owns its own migration files; they use Kysely's
 * schema builder only, so they run on both SQLite and PostgreSQL.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  return migrateTo(database, 'latest');
}

/**
 * Migrates up or down to the named migration (tests of a migration start from the one before).
 * Kysely's migrator looks for its own tables by listing the columns of every schema the user may
 * use; when another schema on the same PostgreSQL server is dropped during that listing (parallel
 * test runs do this all the time; another application could), PostgreSQL fails it with `schema
 * "<that schema>" does not exist`. Nothing was migrated then (the migrations run in one
 * transaction after the listing), so that case is tried again.
 */
export async function migrateTo(database: Database, target: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(database, target);
    } catch (err) {
      const vanished = /schema "([^"]+)" does not exist/.exec((err as Error).message)?.[1];
      if (vanished === undefined || vanished === database.pgSchema || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

async function migrateOnce(database: Database, target: string): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: new FolderMigrationProvider(),
    ...(database.pgSchema ? { migrationTableSchema: database.pgSchema } : {}),
  });
  const { error, results } = target === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
