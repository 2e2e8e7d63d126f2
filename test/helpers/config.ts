import { loadConfig, type Config } from '../../src/config.ts';

/** A configuration for tests: no demo data, quiet logs, a throwaway data dir. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ OUTPOST_DEMO: 'off', OUTPOST_LOG_LEVEL: 'silent', OUTPOST_DATA_DIR: '/tmp/outpost-test' }), ...overrides };
}
