import { loadConfig, type Config } from '../../src/config.ts';

/** A fixed data key for tests (never used outside them). */
export const TEST_DATA_KEY = '6f'.repeat(32);

/** A configuration for tests: no demo data, quiet logs, a throwaway data dir, a fixed data key. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      OUTPOST_DEMO: 'off', OUTPOST_LOG_LEVEL: 'silent', OUTPOST_DATA_DIR: '/tmp/outpost-test', OUTPOST_DATA_KEY: TEST_DATA_KEY,
      OUTPOST_ADMIN_PASSWORD: 'Test-Admin-Password-1!',
    }),
    ...overrides,
  };
}
