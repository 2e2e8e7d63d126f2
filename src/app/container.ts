import type { Config } from '../config.ts';
import type { Database } from '../store/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { ChangeWatcher } from '../platform/change-watcher.ts';

/**
 * Process-wide singletons shared by the bounded contexts. Each module's `register` builds its own
 * repositories and services from these (src/app/modules.ts); only composition roots (server,
 * CLI, tests) create a Container.
 */
export interface Container {
  config: Config;
  database: Database;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditRepository;
  /** Changes to reference data, scenarios and rules: raised by the changing process, watched by the others. */
  changes: ChangeWatcher;
  /** Named services that other modules use (e.g. 'engine', 'auth'); set by the module that owns each. */
  services: Map<string, unknown>;
  /** Work to run on shutdown, last registered first. */
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export function getService<T>(c: Container, name: string): T {
  const s = c.services.get(name);
  if (s === undefined) throw new Error(`service "${name}" is not registered (module order in src/app/modules.ts?)`);
  return s as T;
}
