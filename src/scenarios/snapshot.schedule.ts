import { z } from 'zod';
import { parseEnv } from '../config.ts';
import type { Container } from '../app/container.ts';
import { runOnTurns } from '../platform/scheduled-jobs.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import type { EngineRuntime } from './engine-runtime.ts';

/** The turn in `scheduled_jobs` that one process per interval takes to refresh the snapshots. */
export const SNAPSHOT_JOB = 'engine.snapshot';

/**
 * Deployment setting of the snapshot job, validated once at start (kept beside the module, as the
 * ring-mining job's settings are).
 */
const Env = z.object({
  /** Minutes between snapshot refreshes in `outpost serve`; 0 turns the job off. */
  OUTPOST_SNAPSHOT_INTERVAL_MIN: z.coerce.number().int().min(0).max(10_080).default(360),
});

export interface SnapshotJobConfig {
  intervalMs: number;
  /** After a process starts, when it first asks whether a refresh is due, and then how often. */
  pollMs: number;
}

const POLL_MS = 600_000;

export function snapshotJobConfig(env: NodeJS.ProcessEnv = process.env): SnapshotJobConfig {
  const e = parseEnv(Env, env);
  const intervalMs = e.OUTPOST_SNAPSHOT_INTERVAL_MIN * 60_000;
  return { intervalMs, pollMs: Math.min(POLL_MS, intervalMs) };
}

/**
 * Refreshes every institution's engine snapshot once per `intervalMs` (EngineRuntime.refreshSnapshot:
 * only where enough of the log arrived since the stored one), from whichever process on the
 * database takes the turn. A start saves a snapshot after a long replay; without this job a server
 * that runs for months would replay all of them at its next start. Asks first a poll after the
 * process starts (the start has just saved one), then every poll. Returns the function that stops it.
 */
export function scheduleSnapshots(c: Container, runtime: EngineRuntime, job: SnapshotJobConfig): () => void {
  return runOnTurns(c.database.db, () => c.clock.now(), { name: SNAPSHOT_JOB, intervalMs: job.intervalMs, pollMs: job.pollMs },
    async (stopped) => {
      for (const institutionId of await referenceServiceOf(c).institutionIds()) {
        if (stopped()) return;
        await runtime.refreshSnapshot(institutionId);
      }
    },
    (err) => process.emitWarning(`engine snapshot job failed: ${err.message}`, 'OutpostSnapshotWarning'));
}
