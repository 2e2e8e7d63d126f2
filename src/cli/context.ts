import { loadConfig, type Config } from '../config.ts';
import { createContainer } from '../app/container.factory.ts';
import type { Container } from '../app/container.ts';
import { MODULES } from '../app/modules.ts';

/** Opens the configured database with every module initialised, for CLI commands. */
export async function openCliContainer(config: Config = loadConfig()): Promise<Container> {
  return createContainer({ config, modules: MODULES });
}

/** Runs `fn` with a container and always closes it. */
export async function withContainer<T>(fn: (c: Container) => Promise<T>): Promise<T> {
  const c = await openCliContainer();
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}
