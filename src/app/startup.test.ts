import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from './container.ts';
import { MODULES } from './modules.ts';
import { startProcess } from './startup.ts';
import { builtInScenarios } from '../engine/index.ts';
import { openTestDatabase } from '../../test/helpers/db.ts';
import { testConfig } from '../../test/helpers/config.ts';

describe.each(['sqlite-file', 'postgres'] as const)('two servers starting at once on an empty %s database', (dialect) => {
  const open: Container[] = [];
  afterEach(async () => { while (open.length) await open.pop()!.close(); });

  it('start one after the other: both come up, and the first start\'s records exist once', async (ctx) => {
    const database = await openTestDatabase(dialect);
    if (!database) return ctx.skip();
    const [a, b] = await Promise.all([
      startProcess({ config: testConfig(), modules: MODULES, database, retryMs: 20 }),
      startProcess({ config: testConfig(), modules: MODULES, database: database.reopen!(), retryMs: 20 }),
    ]);
    open.push(b, a); // a owns the test database: closed last
    const count = async (table: 'users' | 'institutions' | 'scenario_versions') =>
      Number((await a.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('institutions')).toBe(1);
    expect(await count('users')).toBe(3); // admin, secadmin, auditor (analyst comes with the demo bank)
    expect(await count('scenario_versions')).toBe(builtInScenarios.length);
    const turn = await a.database.db.selectFrom('scheduled_jobs').selectAll().where('name', '=', 'process.start').executeTakeFirstOrThrow();
    expect(Number(turn.next_due)).toBe(0); // released: a third server need not wait
  });
});
