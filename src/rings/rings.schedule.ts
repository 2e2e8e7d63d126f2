import { getService, type Container } from '../app/container.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { ScheduledJobs } from '../platform/scheduled-jobs.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import type { RingJobConfig } from './rings.config.ts';
import type { RingsService } from './rings.service.ts';

/** The turn in `scheduled_jobs` that one process per interval takes to mine. */
export const RING_SCHEDULE_JOB = 'rings.schedule';

/**
 * Mines every institution's last `windowMs` once per `intervalMs`, from whichever process on the
 * database takes the turn first. The process asks `startDelayMs` after it starts and then every
 * `pollMs`; the turn (a row of `scheduled_jobs`, so it outlives restarts) decides whether a run
 * is due. So a server that starts on a database never mined, or one whose last scheduled run is
 * older than the interval (the service was down), mines within seconds instead of an interval
 * later, and a restart inside the interval does not mine again. Returns the function that stops it.
 */
export function scheduleRingMining(c: Container, job: RingJobConfig): () => void {
  const rings = getService<RingsService>(c, 'rings');
  const turns = new ScheduledJobs(c.database.db);
  // The turn lasts a poll less than the interval, so pollers whose timers drift apart do not skip
  // a whole interval.
  const turnMs = job.intervalMs - Math.min(job.pollMs, job.intervalMs / 10);
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const to = c.clock.now();
      if (!(await turns.claim(RING_SCHEDULE_JOB, to, turnMs))) return;
      for (const institutionId of await referenceServiceOf(c).institutionIds()) {
        if (stopped) return;
        await rings.mineWindow({ institutionId, from: to - job.windowMs, to, actor: { ...SYSTEM_ACTOR, institutionId }, trigger: 'schedule' });
      }
    } catch (err) {
      if (!stopped) process.stderr.write(`ring mining job failed: ${(err as Error).message}\n`);
    } finally {
      running = false;
    }
  };
  let poll: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void tick();
    poll = setInterval(() => { void tick(); }, job.pollMs);
    poll.unref();
  }, job.startDelayMs);
  first.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(poll);
  };
}
