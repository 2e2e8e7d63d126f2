import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely, PostgresDialect, SingleConnectionProvider, SqliteDialect, SqliteDriver, Transaction,
  type ConnectionProvider, type DatabaseConnection, type Driver, type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { RESTART_FRAMES, startCheckpointer } from './checkpointer.ts';
import { WriteGate } from './write-gate.ts';
import { readThreads } from './read-threads.ts';

export type Dialect = 'sqlite' | 'postgres';

/**
 * One database handle for the whole process. SQLite (better-sqlite3) is the embedded default;
 * PostgreSQL (pg) is used when a URL is given. Queries are written once with Kysely; the raw
 * driver handles are exposed only for the bulk-insert fast path (see transaction.repository.ts).
 */
export interface Database {
  db: Kysely<DB>;
  /**
   * For reads that may take long (a list over the whole log, a report): on a SQLite file opened
   * with `readThreads`, queries run on threads of their own (read-threads.ts) and see what is
   * committed; otherwise the same handle as `db`. Single reads only, no transactions.
   */
  reader: Kysely<DB>;
  dialect: Dialect;
  sqlite?: BetterSqlite3.Database;
  pool?: pg.Pool;
  /** PostgreSQL schema in use when not the default (tests). */
  pgSchema?: string;
  /**
   * SQLite with a background checkpoint: writers that commit often (ingest) pass through this gate,
   * which the checkpoint worker closes for a moment when the log should restart (write-gate.ts).
   */
  writeGate?: WriteGate;
  /**
   * Options that open another connection to the same data (a worker thread's own reads), or null
   * for an in-memory database, which no other connection can see.
   */
  sameData: OpenOptions | null;
  close(): Promise<void>;
}

// int8 (bigint) and numeric come back from pg as strings by default; our bigints are epoch
// milliseconds and minor units, both within Number.MAX_SAFE_INTEGER.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  /** File path, or ':memory:' for tests. */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests use one schema per test file). */
  pgSchema?: string;
  /**
   * SQLite file databases: checkpoint the write-ahead log from a worker thread (default true)
   * instead of inside the committing transaction every 1,000 pages.
   */
  backgroundCheckpoint?: boolean;
  /** With a background checkpoint: the connection's own threshold in pages (default BACKSTOP_CHECKPOINT_PAGES). */
  checkpointBackstopPages?: number;
  /** With a background checkpoint: log length at which the worker asks for a pause to restart it. */
  restartFrames?: number;
  /**
   * A further connection to a file another connection of this process already serves (the ingest
   * writer thread): no checkpoint worker of its own, and SQLite's automatic checkpoint only at the
   * backstop, as on the main connection.
   */
  secondary?: boolean;
  /**
   * SQLite file databases: threads (each with a read-only connection) that run `reader`'s queries,
   * started when first needed; 0 (the default) reads on the caller's thread.
   */
  readThreads?: number;
}

/**
 * Automatic checkpoint threshold (pages) of a connection whose log a worker checkpoints: four
 * times the length at which the worker restarts the log, so it acts only if that fails.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 4 * RESTART_FRAMES;

export function openDatabase(opts: OpenOptions): Database {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db, reader: db, dialect: 'postgres', pool, pgSchema: opts.pgSchema,
      sameData: { databaseUrl: opts.databaseUrl, pgSchema: opts.pgSchema }, close: () => db.destroy(),
    };
  }
  const file = opts.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL keeps readers off the writer's back; NORMAL sync is durable against process crashes
  // (every committed batch survives a kill), see docs/configuration.md.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB page cache: the log's indexes stay in memory during bulk ingest.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = memory');
  // The log file is cut back to this size when it restarts after a complete checkpoint. Above the
  // length at which the worker restarts it (32,768 frames of 4 KiB + 24 bytes): in steady state the
  // file is reused in place (no truncation, no new blocks to allocate, which cost a ~20 ms stall
  // per restart); only a log that grew past it (the backstop, a long reader) is cut back.
  sqlite.pragma(`journal_size_limit = ${256 * 1024 * 1024}`);
  const background = file !== ':memory:' && opts.backgroundCheckpoint !== false && !opts.secondary;
  const writeGate = background ? new WriteGate() : undefined;
  // If the worker fails, the connection goes back to SQLite's own checkpoint every 1,000 pages.
  const checkpointer = background
    ? startCheckpointer(file, {
      gate: writeGate, restartFrames: opts.restartFrames,
      onFailure: () => { if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000'); },
    })
    : null;
  // With the worker copying the log, the connection's own checkpoint is only the bound on the
  // log's size if the worker's restarts fail (512 MiB of pages).
  if (checkpointer || opts.secondary) sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(opts.checkpointBackstopPages ?? BACKSTOP_CHECKPOINT_PAGES)}`);
  const statements = withStatementCache(sqlite);
  const dialect = new ImmediateSqliteDialect({ database: statements });
  const db = new Kysely<DB>({ dialect });
  // A Kysely instance's transactions share its adapter: the key to the connection's statements.
  sqliteByAdapter.set(db.getExecutor().adapter, statements);
  sqliteWriters.set(db, { dialect, held: null });
  const reader = file !== ':memory:' && (opts.readThreads ?? 0) > 0 ? readThreads(file, Math.trunc(opts.readThreads!)) : db;
  return {
    db, reader, dialect: 'sqlite', sqlite, writeGate,
    sameData: file === ':memory:' ? null : { sqlitePath: file, secondary: true },
    close: async () => {
      if (reader !== db) await reader.destroy();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Transactions take the write lock when they begin (`BEGIN IMMEDIATE`). With a second connection
 * writing to the same file (the ingest writer thread), a deferred transaction that reads and then
 * writes fails at once with SQLITE_BUSY if the other connection committed in between; an
 * immediate one waits for the lock (busy_timeout) and then sees the latest data.
 *
 * Begin, commit and rollback run the connection's prepared statements directly (the driver has one
 * connection, and Kysely calls these while holding it): through the driver's `executeQuery` each
 * built a frozen compiled query, a query id and a result object with BigInts, on every ingest
 * request.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(cfg: SqliteDialectConfig, private readonly statements: StatementSource) {
    super(cfg);
  }

  override async beginTransaction(): Promise<void> {
    this.statements.prepare('begin immediate').run();
  }

  override async commitTransaction(): Promise<void> {
    this.statements.prepare('commit').run();
  }

  override async rollbackTransaction(): Promise<void> {
    this.statements.prepare('rollback').run();
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  /** The driver Kysely created (a transaction object built here names it, as Kysely's own do). */
  driver?: Driver;

  constructor(private readonly cfg: SqliteDialectConfig & { database: StatementSource & SqliteDialectConfig['database'] }) {
    super(cfg);
  }

  override createDriver(): SqliteDriver {
    const driver = new ImmediateSqliteDriver(this.cfg, this.cfg.database);
    this.driver = driver;
    return driver;
  }
}

/** A transaction's hold on the SQLite connection: queries pass only while the transaction is open. */
class HeldConnection implements ConnectionProvider {
  open = false;
  private readonly inner: SingleConnectionProvider;

  constructor(readonly connection: DatabaseConnection) {
    this.inner = new SingleConnectionProvider(connection);
  }

  provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    if (!this.open) return Promise.reject(new Error('query on a SQLite write transaction that has ended'));
    return this.inner.provideConnection(consumer);
  }
}

interface SqliteWriter {
  dialect: ImmediateSqliteDialect;
  /** Built at the first transaction: the connection, and the transaction object bound to it. */
  held: { provider: HeldConnection; trx: Kysely<DB> } | null;
}
const sqliteWriters = new WeakMap<Kysely<DB>, SqliteWriter>();

/**
 * `db.transaction().execute(fn)` for a frequent small writer (single-record ingest). On a SQLite
 * database opened here the transaction object is built once and reused: Kysely builds a new one
 * (executor, connection provider, frozen props) per transaction: 7–8 µs against 3–4 µs for an
 * empty transaction, ~1 KB less garbage per single-record ingest. The
 * connection is still taken through Kysely's driver, so the transaction waits for and excludes
 * every other query as Kysely's own does; the reused object refuses queries outside its
 * transaction. Begin, commit and rollback are the driver's (`BEGIN IMMEDIATE`). Elsewhere
 * (PostgreSQL, a transaction already open) it is Kysely's transaction.
 */
export function writeTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const w = db.isTransaction ? undefined : sqliteWriters.get(db);
  const driver = w?.dialect.driver;
  if (!w || !driver) return db.transaction().execute(fn);
  return db.getExecutor().provideConnection(async (connection) => {
    let held = w.held;
    if (held?.provider.connection !== connection) {
      const provider = new HeldConnection(connection);
      const trx = new Transaction<DB>({ config: { dialect: w.dialect }, driver, dialect: w.dialect, executor: db.getExecutor().withConnectionProvider(provider) });
      w.held = held = { provider, trx };
    }
    await driver.beginTransaction(connection, {});
    held.provider.open = true;
    try {
      const result = await fn(held.trx);
      await driver.commitTransaction(connection);
      return result;
    } catch (err) {
      await driver.rollbackTransaction(connection);
      throw err;
    } finally {
      held.provider.open = false;
    }
  });
}

export type StatementSource = { prepare(sql: string): BetterSqlite3.Statement };
const sqliteByAdapter = new WeakMap<object, StatementSource>();

/**
 * Inside a SQLite database transaction opened through Kysely: the prepared statements of its one
 * connection, for hot statements whose SQL Kysely compiled once (store/precompiled.ts), so they
 * skip Kysely's executor (~1.5 KB of garbage per statement). Only in a transaction, which holds the
 * connection: outside one, a statement must wait its turn through Kysely.
 */
export function sqliteStatementsOf(db: Kysely<DB>): StatementSource | undefined {
  return db.isTransaction ? sqliteByAdapter.get(db.getExecutor().adapter) : undefined;
}

/**
 * Kysely's SQLite driver prepares every statement on every execution; preparing is a tenth of a
 * small write's cost. Statements are reusable in better-sqlite3, so keep the most recent ones.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, capacity = 500) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => { cache.clear(); sqlite.close(); },
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
