import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { RollupRepository } from './rollup.repository.ts';
import { foldRows } from './rollup.ts';
import { lastLogPosition } from '../store/log-position.ts';
import { letOthersIn } from '../shared/let-others-in.ts';

/**
 * Log positions read and folded per step (as many rows with one institution). better-sqlite3 reads
 * synchronously, so a step holds up the thread that serves requests for its read (~5 ms per 1,000
 * rows with their hit lists).
 */
const POSITIONS_PER_STEP = 1_000;

/**
 * Keeps the dashboard's per-day rollups up to date with the transaction log. The log is append-only
 * and, on either database, committed in position order (positions are reserved under the log's
 * lock, held to the commit), so folding the rows after the stored position and moving the position
 * in the same transaction counts every transaction exactly once, whichever process folds it.
 * Nothing is added to ingest: the rollups catch up when the dashboard is read (and once at server
 * start), so their cost is proportional to the rows stored since the last read.
 */
export class RollupService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly d: { db: Kysely<DB>; repo: RollupRepository; offsetMs: number; rowsPerTransaction?: number }) {}

  /** Folds every log row of the institution not yet in its rollups (joins a catch-up already running here). */
  catchUp(institutionId: string): Promise<void> {
    let p = this.running.get(institutionId);
    if (!p) {
      p = this.run(institutionId).finally(() => this.running.delete(institutionId));
      this.running.set(institutionId, p);
    }
    return p;
  }

  private async run(institutionId: string): Promise<void> {
    const limit = this.d.rowsPerTransaction ?? POSITIONS_PER_STEP;
    for (;;) {
      // Read and fold outside the write transaction, then apply only if nobody moved the position
      // meanwhile (otherwise read again): the write lock is held for a few upserts, not the read.
      // A step covers a window of log positions (see lastLogPosition), and the position moves to
      // the window's end even when none of its rows are the institution's.
      const after = await this.d.repo.position(institutionId, this.d.offsetMs);
      const last = await lastLogPosition(this.d.db);
      if (last <= after) return; // nothing new: no write transaction
      const through = Math.min(last, after + limit);
      const rows = await this.d.repo.logBetween(this.d.db, institutionId, after, through);
      const { txns, scenarios, hits } = foldRows(rows, this.d.offsetMs);
      await this.d.db.transaction().execute(async (trx) => {
        if ((await this.d.repo.lockPosition(trx, institutionId, this.d.offsetMs)) !== after) return;
        await this.d.repo.add(trx, institutionId, txns, scenarios, hits);
        await this.d.repo.setPosition(trx, institutionId, through);
      });
      // Without it a catch-up held the thread to its end: the first view by scenario after 600,000
      // stored transactions answered no request for 20-40 s.
      await letOthersIn();
    }
  }
}
