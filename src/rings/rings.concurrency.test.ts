import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { getService } from '../app/container.ts';
import { createContainer } from '../app/container.factory.ts';
import { MODULES } from '../app/modules.ts';
import { openTestDatabase } from '../../test/helpers/db.ts';
import { testConfig } from '../../test/helpers/config.ts';
import { DAY, INST, seed, T0 } from '../../test/helpers/rings.ts';
import type { RingsService } from './rings.service.ts';
import type { KnownBadService } from './known-bad.service.ts';

const actor = { id: 'usr_analyst', kind: 'user' as const, institutionId: INST };

// PostgreSQL only: two SQLite connections in one test process block each other's event loop (the
// driver waits synchronously for the lock), while two processes on a SQLite file queue on its single
// writer lock, taken when the storing transaction begins (BEGIN IMMEDIATE).
describe.each(['postgres'] as const)('two processes changing ring data at once on %s', (dialect) => {
  const open: Container[] = [];
  afterEach(async () => { while (open.length) await open.pop()!.close(); });

  it('both runs complete and each ring is stored once', async (ctx) => {
    const database = await openTestDatabase(dialect);
    if (!database) return ctx.skip();
    const a = await createContainer({ config: testConfig(), database, modules: MODULES });
    open.unshift(a); // closed last: it owns the test database
    const b = await createContainer({ config: testConfig(), database: database.reopen!(), modules: MODULES });
    open.push(b);
    await seed(a);
    const mine = (c: Container) => getService<RingsService>(c, 'rings').mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
    const [ra, rb] = await Promise.all([mine(a), mine(b)]);
    expect(ra.findings).toBeGreaterThanOrEqual(2);
    expect(rb.findings).toBe(ra.findings);
    expect(ra.newFindings + rb.newFindings).toBe(ra.findings); // the later run updated the earlier run's findings
    const stored = await getService<RingsService>(a, 'rings').list(INST, { page: 1, pageSize: 100 });
    expect(stored.total).toBe(ra.findings);
  });

  it('two processes listing the same accounts at once: each is listed once, the later request reports it unchanged', async (ctx) => {
    const database = await openTestDatabase(dialect);
    if (!database) return ctx.skip();
    const a = await createContainer({ config: testConfig(), database, modules: MODULES });
    open.unshift(a);
    const b = await createContainer({ config: testConfig(), database: database.reopen!(), modules: MODULES });
    open.push(b);
    const entries = ['N1', 'N2', 'N3'].map((accountId) => ({ accountId, source: 'police_notice' as const }));
    const add = (c: Container) => getService<KnownBadService>(c, 'ringsKnownBad').add(INST, entries, actor);
    const [ra, rb] = await Promise.all([add(a), add(b)]);
    expect(ra.added.length + rb.added.length).toBe(3);
    expect(ra.unchanged.length + rb.unchanged.length).toBe(3);
    expect((await getService<KnownBadService>(a, 'ringsKnownBad').accountIds(INST)).sort()).toEqual(['N1', 'N2', 'N3']);
  });
});
