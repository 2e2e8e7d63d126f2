import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { TransactionRepository } from './transaction.repository.ts';
import type { StoredTransaction } from './transaction.mapper.ts';

/** Accepted rows per early insert: large enough that a statement's own cost is small beside its rows. */
export const EARLY_INSERT_ROWS = 256;

/**
 * Sends a batch's log rows to a database server while the rest of the batch is still being scored
 * (PostgreSQL; SQLite's inserts run on this thread, so there is nothing to overlap). Inline ingest
 * holds one database transaction per group: without this, this thread waited idle for the server's
 * insert of the whole batch after scoring it, and the server idled while it scored (a 1,000-row
 * batch: about half of the wall time each way). The rows go into the same database transaction,
 * in log order, with their reserved positions, so what is stored and when it commits are
 * unchanged: an insert that fails fails the group's commit like any other statement.
 */
export class EarlyInserts {
  private sent = 0;
  private readonly pending: Array<Promise<void>> = [];

  constructor(
    private readonly trx: Kysely<DB>,
    private readonly repo: TransactionRepository,
    /** Log position reserved for the batch's first accepted row. */
    private readonly firstSeq: number,
    private readonly chunk = EARLY_INSERT_ROWS,
  ) {}

  /** Rows sent so far (the leading rows of the batch's accepted rows). */
  get count(): number {
    return this.sent;
  }

  /**
   * Called with the batch's accepted rows so far: sends the unsent ones once there are a chunk's
   * worth, then yields so the query reaches the server (and earlier answers are read) before
   * scoring goes on.
   */
  async offer(rows: readonly StoredTransaction[]): Promise<void> {
    if (rows.length - this.sent < this.chunk) return;
    const part = rows.slice(this.sent);
    for (let i = 0; i < part.length; i++) part[i].seq = this.firstSeq + this.sent + i;
    this.sent = rows.length;
    const insert = this.repo.insertBatch(this.trx, part);
    insert.catch(() => undefined); // reported by settle(); until then not an unhandled rejection
    this.pending.push(insert);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /**
   * Waits for every insert sent, then rejects with the first failure. All of them: an insert still
   * queued when the caller rolls back would run after the rollback, outside the transaction.
   */
  async settle(): Promise<void> {
    const done = await Promise.allSettled(this.pending);
    const failed = done.find((d): d is PromiseRejectedResult => d.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
