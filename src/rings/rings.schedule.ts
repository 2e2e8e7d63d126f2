import { getService, type Container } from '../app/container.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { runOnTurns } from '../platform/scheduled-jobs.ts';
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
  return runOnTurns(c.database.db, () => c.clock.now(), { name: RING_SCHEDULE_JOB, intervalMs: job.intervalMs, pollMs: job.pollMs, startDelayMs: job.startDelayMs },
    async (stopped) => {
      const to = c.clock.now();
      for (const institutionId of await referenceServiceOf(c).institutionIds()) {
        if (stopped()) return;
        await rings.mineWindow({ institutionId, from: to - job.windowMs, to, actor: { ...SYSTEM_ACTOR, institutionId }, trigger: 'schedule' });
      }
    },
    (err) => process.stderr.write(`ring mining job failed: ${err.message}\n`));
}
