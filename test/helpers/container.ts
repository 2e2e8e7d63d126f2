import { createContainer } from '../../src/app/container.factory.ts';
import type { Container } from '../../src/app/container.ts';
import { MODULES } from '../../src/app/modules.ts';
import type { Config } from '../../src/config.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { openTestDatabase, type DialectName } from './db.ts';
import { testConfig } from './config.ts';

/**
 * The whole product (every module) on a fresh database of the given dialect; null when that
 * database is unavailable (PostgreSQL on a laptop without it: the caller skips).
 */
export async function createTestContainer(
  dialect: DialectName,
  opts: { config?: Partial<Config>; clock?: Clock; services?: Record<string, unknown> } = {},
): Promise<Container | null> {
  const database = await openTestDatabase(dialect);
  if (!database) return null;
  const c = await createContainer({ config: testConfig(opts.config), database, clock: opts.clock, modules: MODULES });
  for (const [k, v] of Object.entries(opts.services ?? {})) c.services.set(k, v);
  return c;
}
