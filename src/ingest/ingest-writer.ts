import { Worker } from 'node:worker_threads';
import type { AuditHashAlgorithm } from '../audit/audit.hash.ts';
import type { WritePlan } from './ingest.persist.ts';

/** Where ingest's writes go when they do not run on the caller's thread. */
export interface IngestWriter {
  /** False once the thread has failed: callers then write on their own connection. */
  readonly available: boolean;
  /**
   * Stores the plans in one database transaction; settles after the commit. After a failed
   * commit, the writer refuses every later call of the same `epoch` (the caller moves on to a new one).
   */
  write(plans: WritePlan[], epoch?: number): Promise<void>;
  close(): Promise<void>;
}

interface Reply { id: number; error?: string }

/**
 * The SQLite ingest writer thread (`ingest-writer.worker.ts`): a second connection to the same
 * file that runs ingest's inserts and commits, so the thread serving requests spends its time on
 * parsing, validation and scoring (about half of a single-transaction request's own time was
 * SQLite statements and the commit's log writes). SQLite allows one writer at a time; the main
 * connection's transactions take the lock when they begin (database.ts) and wait for this one's.
 */
export class IngestWriterThread implements IngestWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | null = null;
  private closing: Promise<void> | null = null;

  constructor(file: string, auditHash: AuditHashAlgorithm) {
    // The worker needs the TypeScript loader, which a worker thread does not inherit.
    this.worker = new Worker(new URL('./ingest-writer.bootstrap.mjs', import.meta.url), {
      workerData: { file, auditHash }, execArgv: [],
    });
    this.worker.unref();
    this.worker.on('message', (m: Reply) => {
      if (m.id === -1) return this.fail(new Error(m.error));
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error === undefined) p.resolve();
      else p.reject(new Error(m.error));
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`ingest writer thread exited with code ${code}`)));
  }

  get available(): boolean {
    return this.failed === null && this.closing === null;
  }

  write(plans: WritePlan[], epoch = 0): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, plans, epoch });
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.failed) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.ref();
      this.worker.postMessage({ close: true });
      setTimeout(() => void this.worker.terminate(), 10_000).unref();
    });
    return this.closing;
  }

  private fail(err: Error): void {
    if (this.closing && this.pending.size === 0) return;
    this.failed ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    if (!this.closing) process.emitWarning(`ingest writer thread failed, writing on the main thread: ${err.message}`, 'OutpostWriterWarning');
  }
}
