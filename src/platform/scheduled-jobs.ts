import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import './platform.tables.ts';

/** This process, as recorded on the runs it starts. */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}`;

/**
 * Turns of scheduled jobs shared by every process on the database. Each process ticks on its own
 * timer and asks for the turn; the conditional UPDATE moves the job's due time one interval on and
 * succeeds for exactly one caller (PostgreSQL's row lock, SQLite's single writer), so with several
 * servers a job runs once per interval instead of once per server.
 */
export class ScheduledJobs {
  constructor(private readonly db: Kysely<DB>, private readonly holder = PROCESS_HOLDER) {}

  /** True when the job is due at `now` and this caller took the turn (the next one is due `intervalMs` later). */
  async claim(name: string, now: number, intervalMs: number): Promise<boolean> {
    await this.db.insertInto('scheduled_jobs').values({ name, next_due: 0, last_holder: null, last_started_at: null })
      .onConflict((oc) => oc.column('name').doNothing()).execute();
    const r = await this.db.updateTable('scheduled_jobs')
      .set({ next_due: now + intervalMs, last_holder: this.holder, last_started_at: now })
      .where('name', '=', name).where('next_due', '<=', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** While holding the turn: moves its end to `until` (false when another process holds it now). */
  async extend(name: string, until: number): Promise<boolean> {
    const r = await this.db.updateTable('scheduled_jobs').set({ next_due: until })
      .where('name', '=', name).where('last_holder', '=', this.holder).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Ends this process's turn now, so the next caller need not wait for it to run out. */
  async release(name: string): Promise<void> {
    await this.db.updateTable('scheduled_jobs').set({ next_due: 0 })
      .where('name', '=', name).where('last_holder', '=', this.holder).execute();
  }
}

export interface TurnSchedule {
  /** The job's row in `scheduled_jobs`. */
  name: string;
  intervalMs: number;
  /** How often each process asks for the turn. */
  pollMs: number;
  /** When a process first asks after it starts (default: one poll). */
  startDelayMs?: number;
}

/**
 * Runs `work` once per interval from whichever process on the database takes the turn first
 * (ScheduledJobs.claim), asking `startDelayMs` after the call and then every `pollMs`; a run still
 * going when the next poll comes is not started twice. The turn lasts a poll less than the
 * interval, so pollers whose timers drift apart do not skip a whole interval. `work` is told when
 * the schedule has been stopped (to end early); its failure goes to `onError` unless stopped.
 * Returns the function that stops the schedule.
 */
export function runOnTurns(
  db: Kysely<DB>, now: () => number, s: TurnSchedule,
  work: (stopped: () => boolean) => Promise<void>, onError: (err: Error) => void,
): () => void {
  const turns = new ScheduledJobs(db);
  const turnMs = s.intervalMs - Math.min(s.pollMs, s.intervalMs / 10);
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      if (await turns.claim(s.name, now(), turnMs)) await work(() => stopped);
    } catch (err) {
      if (!stopped) onError(err as Error);
    } finally {
      running = false;
    }
  };
  let poll: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void tick();
    poll = setInterval(() => { void tick(); }, s.pollMs);
    poll.unref();
  }, s.startDelayMs ?? s.pollMs);
  first.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(poll);
  };
}
