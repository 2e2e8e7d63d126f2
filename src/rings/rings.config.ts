import { z } from 'zod';
import { parseEnv } from '../config.ts';

/**
 * Deployment settings of the scheduled mining job, validated once at start (kept beside the
 * module rather than in src/config.ts, which another team owns; fold in when convenient).
 */
const Env = z.object({
  /** Minutes between scheduled mining runs in `outpost serve`; 0 turns the job off. */
  OUTPOST_RING_MINING_INTERVAL_MIN: z.coerce.number().int().min(0).max(10_080).default(60),
  /** Length of the window each scheduled run mines, ending now. */
  OUTPOST_RING_MINING_WINDOW_DAYS: z.coerce.number().int().min(1).max(366).default(30),
});

export interface RingJobConfig {
  intervalMs: number;
  windowMs: number;
  /** After a process starts, when it first asks whether a run is due (rings.schedule.ts). */
  startDelayMs: number;
  /** Then how often it asks: a minute, or the interval when shorter. */
  pollMs: number;
}

const START_DELAY_MS = 5_000;
const POLL_MS = 60_000;

export function ringJobConfig(env: NodeJS.ProcessEnv = process.env): RingJobConfig {
  const e = parseEnv(Env, env);
  const intervalMs = e.OUTPOST_RING_MINING_INTERVAL_MIN * 60_000;
  return {
    intervalMs, windowMs: e.OUTPOST_RING_MINING_WINDOW_DAYS * 86_400_000,
    startDelayMs: START_DELAY_MS, pollMs: Math.min(POLL_MS, intervalMs),
  };
}
