/**
 * A read thread of the embedded SQLite database (read-threads.ts): its own read-only connection to
 * the file, answering one query at a time with every row it returns.
 *
 * Plain JavaScript on purpose, as checkpoint.worker.js: a worker thread does not inherit the
 * TypeScript loader the CLI registers, and this needs nothing but better-sqlite3.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const db = new BetterSqlite3(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// A list's sort of a few hundred thousand rows stays in memory; 32 MiB of pages per thread.
db.pragma('cache_size = -32768');
db.pragma('temp_store = memory');

/** Prepared statements by SQL, most recent last (a list's filters give a few dozen shapes). */
const statements = new Map();
const CAPACITY = 200;

function prepare(sql) {
  let stmt = statements.get(sql);
  if (stmt) statements.delete(sql);
  else {
    stmt = db.prepare(sql);
    if (statements.size >= CAPACITY) statements.delete(statements.keys().next().value);
  }
  statements.set(sql, stmt);
  return stmt;
}

/** Structured cloning turns a Buffer into a plain Uint8Array: better-sqlite3 binds Buffers. */
const bindable = (p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p);

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    const stmt = prepare(sql);
    // The connection is read-only (SQLite refuses any write); a statement that returns no rows has no business here.
    if (!stmt.reader) throw Object.assign(new Error(`a read thread runs only statements that return rows: ${sql.slice(0, 80)}`), { code: 'OUTPOST_NOT_A_READ' });
    parentPort.postMessage({ id, rows: stmt.all(parameters.map(bindable)) });
  } catch (err) {
    parentPort.postMessage({ id, error: err.message, code: err.code });
  }
});
