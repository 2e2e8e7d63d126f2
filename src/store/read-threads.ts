import { Worker } from 'node:worker_threads';
import {
  Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult,
} from 'kysely';
import type { DB } from './schema.ts';

/**
 * Reads of the embedded SQLite database on threads of their own, each with a read-only connection
 * to the same file (write-ahead logging lets them read while the main connection writes).
 *
 * better-sqlite3 answers synchronously, so a query on the thread serving requests holds every
 * request for as long as it runs, real-time scoring included: an analyst's transaction list sorted
 * by score reads the whole log (0.48 s at 1.1 M transactions, seconds at tens of millions). Queries
 * through `readThreads(...)` run here instead: the request thread only compiles the query, posts it
 * and takes the rows back (tens of microseconds for a page).
 *
 * Written here, not taken from a package: the Kysely dialects that run better-sqlite3 in a worker
 * (kysely-sqlite-worker, kysely-generic-sqlite) give one read-write connection on one thread; this
 * needs a pool of read-only connections whose idle threads do not keep a CLI process alive, and a
 * thread that fails replaced at the next query.
 */
export function readThreads(file: string, threads: number): Kysely<DB> {
  return new Kysely<DB>({ dialect: new ReadThreadDialect(file, threads) });
}

class ReadThreadDialect implements Dialect {
  constructor(private readonly file: string, private readonly threads: number) {}
  createDriver(): Driver { return new ReadThreadDriver(this.file, this.threads); }
  createQueryCompiler() { return new SqliteQueryCompiler(); }
  createAdapter() { return new SqliteAdapter(); }
  createIntrospector(db: Kysely<unknown>) { return new SqliteIntrospector(db); }
}

interface Reply { id: number; rows?: unknown[]; error?: string; code?: string }

/** One read thread: a query at a time (the driver hands it out as a connection). */
class ReadThread implements DatabaseConnection {
  private readonly worker: Worker;
  private pending: { id: number; resolve: (rows: unknown[]) => void; reject: (e: Error) => void } | null = null;
  private nextId = 1;
  /** Set once the thread has failed or been stopped: the driver replaces it. */
  dead = false;

  constructor(file: string) {
    // Plain JavaScript: no TypeScript loader, nor the parent's inspector flags.
    this.worker = new Worker(new URL('./read-thread.worker.js', import.meta.url), { workerData: { file }, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (m: Reply) => {
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      this.settle();
      if (m.error !== undefined) p.reject(Object.assign(new Error(m.error), { code: m.code }));
      else p.resolve(m.rows!);
    });
    const fail = (err: Error) => {
      this.dead = true;
      const p = this.pending;
      this.settle();
      p?.reject(err);
    };
    this.worker.on('error', (err) => fail(new Error(`SQLite read thread failed: ${err.message}`)));
    this.worker.on('exit', (code) => fail(new Error(`SQLite read thread exited (code ${code})`)));
  }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.dead) throw new Error('SQLite read thread has stopped');
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      this.pending = { id: this.nextId++, resolve, reject };
      // A thread with a query under way keeps the process alive until it answers (an idle one does not).
      this.worker.ref();
      this.worker.postMessage({ id: this.pending.id, sql: q.sql, parameters: q.parameters });
    });
    return { rows: rows.map(withBuffers) as R[] };
  }

  // eslint-disable-next-line require-yield -- no rows are ever streamed
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('SQLite read threads do not stream; page the query instead');
  }

  private settle(): void {
    this.pending = null;
    this.worker.unref();
  }

  /** Ends the thread; a statement under way runs to its end first (better-sqlite3 cannot interrupt one). */
  stop(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }
}

/**
 * Structured cloning hands a BLOB back as a plain Uint8Array; the rest of the code, like
 * better-sqlite3 on the request thread, reads Buffers (same memory, no copy).
 */
function withBuffers(row: unknown): unknown {
  const r = row as Record<string, unknown>;
  for (const k in r) {
    const v = r[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) r[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return r;
}

/**
 * Hands out idle threads as connections (Kysely holds one for a query's length), started when first
 * needed, up to `size`; a query waits for one when all are busy. No transactions: each query is a
 * read of its own, which is what a page of a list or a report's query needs.
 */
class ReadThreadDriver implements Driver {
  private readonly idle: ReadThread[] = [];
  private readonly waiting: Array<{ resolve: (t: ReadThread) => void; reject: (e: Error) => void }> = [];
  private started = 0;
  private readonly all = new Set<ReadThread>();
  private destroyed = false;

  constructor(private readonly file: string, private readonly size: number) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.destroyed) throw new Error('SQLite read threads are closed');
    while (this.idle.length > 0) {
      const t = this.idle.pop()!;
      if (!t.dead) return t;
      this.drop(t);
    }
    if (this.started < this.size) return this.start();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    const t = c as ReadThread;
    // A thread that failed is replaced by a new one for the next in line (or the next query).
    const next = t.dead ? (this.drop(t), this.waiting.length > 0 && !this.destroyed ? this.start() : null) : t;
    if (!next) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(next);
    else this.idle.push(next);
  }

  async beginTransaction(): Promise<void> {
    throw new Error('SQLite read threads run single reads, not transactions');
  }

  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}

  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('SQLite read threads are closed'));
    await Promise.all([...this.all].map((t) => t.stop()));
    this.all.clear();
    this.idle.length = 0;
  }

  private start(): ReadThread {
    const t = new ReadThread(this.file);
    this.started++;
    this.all.add(t);
    return t;
  }

  private drop(t: ReadThread): void {
    if (this.all.delete(t)) this.started--;
  }
}
