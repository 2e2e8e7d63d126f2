import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { ScheduledJobs } from './scheduled-jobs.ts';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 6, 12);

describe.each(['sqlite-file', 'postgres'] as const)('scheduled job turns on %s', (dialect) => {
  const open: TestDatabase[] = [];
  afterEach(async () => { while (open.length) await open.pop()!.close(); });

  it('gives each interval\'s turn to exactly one of several processes', async (ctx) => {
    const d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    open.push(d);
    const second = d.reopen!();
    const a = new ScheduledJobs(d.db, 'host-a:1'), b = new ScheduledJobs(second.db, 'host-b:2');
    try {
      // Both servers' timers fire at once: one runs the job.
      const first = await Promise.all([a.claim('rings.schedule', T, HOUR), b.claim('rings.schedule', T, HOUR)]);
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await b.claim('rings.schedule', T + HOUR / 2, HOUR)).toBe(false); // not due yet
      expect(await b.claim('rings.schedule', T + HOUR, HOUR)).toBe(true); // due again: whoever asks first
      expect(await a.claim('rings.schedule', T + HOUR, HOUR)).toBe(false);
      expect(await a.claim('other.job', T + HOUR, HOUR)).toBe(true); // jobs are independent
      const row = await d.db.selectFrom('scheduled_jobs').selectAll().where('name', '=', 'rings.schedule').executeTakeFirstOrThrow();
      expect({ holder: row.last_holder, started: Number(row.last_started_at), next: Number(row.next_due) }).toEqual({ holder: 'host-b:2', started: T + HOUR, next: T + 2 * HOUR });
    } finally {
      await second.close();
    }
  });
});
