import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { TransactionRepository } from './transaction.repository.ts';
import type { StoredTransaction } from './transaction.mapper.ts';

/** Accepted rows per early insert: large enough that a statement's own cost is small beside its rows. */
export const EARLY_INSERT_ROWS = 256;

/**
 * Stores a batch's log rows in chunks while the rest of the batch is still being scored, inside the
 * group's database transaction, in log order, with their reserved positions: what is stored and
 * when it commits are unchanged (an insert that fails fails the group's commit like any other
 * statement). Two gains:
 * - PostgreSQL (`insertsRunElsewhere`): the server inserts while this thread scores. Without it this thread
 *   waited idle for the insert of the whole batch after scoring it, and the server idled while it
 *   scored (a 1,000-row batch: about half of the wall time each way).
 * - Both: a stored row's trace texts are released (`traceJson`: the stored hits need them, the
 *   batch's answer leaves traces out). Kept to the end of a 1,000-record batch, they were most of
 *   what survived each young-generation collection of batch ingest (copied up to twice, then
 *   promoted): on the stress stream, releasing them per chunk halved the collector's time
 *   (docs/ingest.md, "Young-generation collections of a batch").
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
   * worth. When the insert runs in another process, returns a promise to await before scoring goes
   * on (it yields so the query reaches the server and earlier answers are read); otherwise nothing
   * (no await per record).
   */
  offer(rows: readonly StoredTransaction[]): Promise<void> | undefined {
    if (rows.length - this.sent < this.chunk) return undefined;
    const part = rows.slice(this.sent);
    for (let i = 0; i < part.length; i++) part[i].seq = this.firstSeq + this.sent + i;
    this.sent = rows.length;
    const insert = this.repo.insertBatch(this.trx, part);
    insert.catch(() => undefined); // reported by settle(); until then not an unhandled rejection
    this.pending.push(insert);
    if (this.repo.insertsRunElsewhere) {
      insert.then(() => releaseTraces(part), () => undefined);
      return new Promise<void>((resolve) => setImmediate(resolve));
    }
    // SQLite: the rows were bound and stored on this thread before insertBatch returned
    // (transaction.repository.ts), so their traces can go now rather than after the batch.
    releaseTraces(part);
    return undefined;
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

/** Drops the trace texts of stored rows' hits (the rows' results still hold the hits, without them). */
function releaseTraces(rows: readonly StoredTransaction[]): void {
  for (const r of rows) {
    for (let j = 0; j < r.hits.length; j++) if (r.hits[j].traceJson !== undefined) r.hits[j].traceJson = undefined;
  }
}
