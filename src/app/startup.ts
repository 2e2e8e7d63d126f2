import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { ScheduledJobs } from '../platform/scheduled-jobs.ts';
import { createContainer } from './container.factory.ts';
import type { Container } from './container.ts';
import type { Module } from './module.ts';

/** How long a starting process holds the start turn before it must extend it (it does, every third of this). */
const START_TURN_MS = 60_000;

export interface StartOptions {
  config: Config;
  modules: readonly Module[];
  database?: Database;
  /** Told once when another process is starting on the same database and this one waits for it. */
  onWait?: (holder: string) => void;
  /** Between two attempts to take the start turn. */
  retryMs?: number;
}

/**
 * Builds the container and runs every module's `start` (what `outpost serve` does before it
 * listens), one process at a time per database. On a first start the modules create the default
 * institution, the administrators, the built-in scenarios and the demo bank, each by "read, then
 * insert if missing": two servers starting at once on an empty database (a deployment with
 * several replicas) both inserted, and one failed on a unique key. The start turn is a row of
 * `scheduled_jobs` taken with a conditional update and extended while the start runs; a process
 * that dies holding it lets the next one in after START_TURN_MS.
 */
export async function startProcess(o: StartOptions): Promise<Container> {
  const database = o.database ?? openDatabase({
    databaseUrl: o.config.databaseUrl, sqlitePath: o.config.sqlitePath, backgroundCheckpoint: o.config.sqliteCheckpoint === 'background', readThreads: o.config.sqliteReadThreads,
  });
  await migrateToLatest(database);
  const turns = new ScheduledJobs(database.db);
  let told = false;
  while (!(await turns.claim('process.start', Date.now(), START_TURN_MS))) {
    if (!told && o.onWait) {
      const row = await database.db.selectFrom('scheduled_jobs').select('last_holder').where('name', '=', 'process.start').executeTakeFirst();
      o.onWait(row?.last_holder ?? 'another process');
      told = true;
    }
    await new Promise((r) => setTimeout(r, o.retryMs ?? 250));
  }
  const keep = setInterval(() => { void turns.extend('process.start', Date.now() + START_TURN_MS).catch(() => undefined); }, START_TURN_MS / 3);
  keep.unref();
  try {
    const c = await createContainer({ config: o.config, database, modules: o.modules });
    for (const m of o.modules) await m.start?.(c);
    return c;
  } finally {
    clearInterval(keep);
    await turns.release('process.start');
  }
}
