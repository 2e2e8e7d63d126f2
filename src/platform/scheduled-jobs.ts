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
