import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { createIdGenerator } from '../domain/ids.ts';
import { AuditRepository } from '../audit/audit.repository.ts';
import { ChangeCounterRepository } from '../platform/change-counters.repository.ts';
import { ChangeWatcher } from '../platform/change-watcher.ts';
import type { Container } from './container.ts';
import type { Module } from './module.ts';

export interface ContainerOptions {
  config: Config;
  clock?: Clock;
  /** An already open database (tests); otherwise opened from the config. */
  database?: Database;
  modules: readonly Module[];
}

/** Opens and migrates the database, then initialises every module in order. */
export async function createContainer(opts: ContainerOptions): Promise<Container> {
  const database = opts.database ?? openDatabase({
    databaseUrl: opts.config.databaseUrl, sqlitePath: opts.config.sqlitePath,
    backgroundCheckpoint: opts.config.sqliteCheckpoint === 'background',
    readThreads: opts.config.sqliteReadThreads,
  });
  await migrateToLatest(database);
  const clock = opts.clock ?? systemClock;
  const ids = createIdGenerator();
  const closers: Array<() => Promise<void> | void> = [];
  const counters = new ChangeCounterRepository();
  const changes = new ChangeWatcher({
    read: () => counters.all(database.db),
    bump: (trx, institutionId, topic) => counters.bump(trx, institutionId, topic, clock.now()),
    onError: (e) => process.emitWarning(`change watcher: ${(e as Error).message ?? String(e)}`, 'OutpostChangeWarning'),
  });
  // Before any module loads a copy, so every change committed after this read is seen later.
  await changes.baseline();
  const container: Container = {
    config: opts.config,
    database,
    clock,
    ids,
    audit: new AuditRepository({ ids, clock, algorithm: opts.config.auditHash }),
    changes,
    services: new Map(),
    onClose: (fn) => closers.push(fn),
    close: async () => {
      await changes.stop();
      for (const fn of closers.reverse()) await fn();
      await database.close();
    },
  };
  for (const m of opts.modules) await m.init?.(container);
  return container;
}
