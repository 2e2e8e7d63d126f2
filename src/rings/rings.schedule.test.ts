import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { getService } from '../app/container.ts';
import { createContainer } from '../app/container.factory.ts';
import { MODULES } from '../app/modules.ts';
import { fixedClock } from '../domain/clock.ts';
import { openTestDatabase, DIALECTS } from '../../test/helpers/db.ts';
import { testConfig } from '../../test/helpers/config.ts';
import { DAY, INST, seed, T0 } from '../../test/helpers/rings.ts';
import type { RingsService } from './rings.service.ts';
import { RING_SCHEDULE_JOB, scheduleRingMining } from './rings.schedule.ts';

const HOUR = 3_600_000;
const job = { intervalMs: HOUR, windowMs: 30 * DAY, startDelayMs: 20, pollMs: 40 };
const until = async (f: () => Promise<boolean>, ms = 20_000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) if (await f()) return;
  throw new Error('timed out');
};

describe.each(DIALECTS)('scheduled ring mining on %s', (dialect) => {
  const open: Array<() => Promise<void> | void> = [];
  afterEach(async () => { while (open.length) await open.pop()!(); });

  it('mines a database never mined soon after start, not again on a restart inside the interval, and again once due', async (ctx) => {
    const database = await openTestDatabase(dialect);
    if (!database) return ctx.skip();
    const clock = fixedClock(T0 + 30 * DAY);
    const c: Container = await createContainer({ config: testConfig(), database, clock, modules: MODULES });
    open.push(() => c.close());
    await c.database.db.insertInto('institutions').values({ id: INST, code: 'T', name: 'Test bank', bank_code: '1', created_at: T0 }).execute();
    await seed(c);
    const rings = getService<RingsService>(c, 'rings');
    const scheduled = async () => (await rings.runs(INST)).filter((r) => r.trigger === 'schedule');

    // First start: the run begins after the start delay, not an interval later.
    let stop = scheduleRingMining(c, job);
    open.push(stop);
    await until(async () => (await scheduled()).length === 1);
    const [run] = await scheduled();
    expect(run).toMatchObject({ window_from: T0, window_to: T0 + 30 * DAY });
    expect(run.findings).toBeGreaterThanOrEqual(2); // the seed's cycle and fan-out
    expect((await rings.list(INST, { page: 1, pageSize: 100 })).total).toBe(run.findings);

    // A restart 10 minutes later: the turn is still taken, so nothing runs however often it polls.
    stop();
    clock.advance(10 * 60_000);
    stop = scheduleRingMining(c, job);
    open.push(stop);
    await new Promise((r) => setTimeout(r, 400));
    expect(await scheduled()).toHaveLength(1);

    // Once the interval has passed (the service was down, or simply an hour on), the next poll mines.
    clock.advance(HOUR);
    await until(async () => (await scheduled()).length === 2);
    const latest = (await scheduled())[0];
    expect(latest.window_to).toBe(T0 + 30 * DAY + 70 * 60_000);
    const turn = await c.database.db.selectFrom('scheduled_jobs').selectAll().where('name', '=', RING_SCHEDULE_JOB).executeTakeFirstOrThrow();
    expect(Number(turn.next_due)).toBe(latest.window_to + HOUR - job.pollMs);
  });
});
