import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { RollupRepository } from './rollup.repository.ts';
import { foldRows } from './rollup.ts';

/** Log rows folded per database transaction: short enough not to hold SQLite's write lock for long. */
const ROWS_PER_TRANSACTION = 5_000;

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
    if (!(await this.d.repo.behind(institutionId, this.d.offsetMs))) return; // nothing new: no write transaction
    const limit = this.d.rowsPerTransaction ?? ROWS_PER_TRANSACTION;
    for (;;) {
      const folded = await this.d.db.transaction().execute(async (trx) => {
        const after = await this.d.repo.lockPosition(trx, institutionId, this.d.offsetMs);
        const rows = await this.d.repo.logAfter(trx, institutionId, after, limit);
        if (rows.length === 0) return 0;
        const { txns, scenarios } = foldRows(rows, this.d.offsetMs);
        await this.d.repo.add(trx, institutionId, txns, scenarios);
        await this.d.repo.setPosition(trx, institutionId, rows[rows.length - 1].seq);
        return rows.length;
      });
      if (folded < limit) return;
    }
  }
}
