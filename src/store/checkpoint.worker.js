/**
 * Background WAL checkpointer for the embedded SQLite database (runs in a worker thread).
 *
 * Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader the CLI
 * registers in the main thread. It opens its own connection to the same file and copies the
 * write-ahead log back into the database (`wal_checkpoint(PASSIVE)`: never blocks the writer or
 * readers) a few times a second. SQLite's automatic checkpoint would otherwise run inside the
 * committing request every 1,000 pages, with two fsyncs and megabytes of copying, on the same
 * thread that scores transactions. When readers hold the log back for long and it grows past
 * `restartBytes`, one RESTART checkpoint waits for them (bounded by the busy timeout) so the log
 * cannot grow without limit.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { file, intervalMs, restartBytes } = workerData;
const db = new BetterSqlite3(file);
// NORMAL: the log is synced before each checkpoint and the database after (durable against power loss).
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');

let stopping = false;
let timer;

function walBytes() {
  try { return fs.statSync(`${file}-wal`).size; } catch { return 0; }
}

function checkpoint(mode) {
  try {
    const [r] = db.pragma(`wal_checkpoint(${mode})`);
    return r;
  } catch (err) {
    // SQLITE_BUSY/LOCKED: another checkpoint or a schema change holds the lock; try next tick.
    parentPort.postMessage({ type: 'warn', message: String(err && err.message ? err.message : err) });
    return null;
  }
}

function tick() {
  if (stopping) return;
  checkpoint(walBytes() > restartBytes ? 'RESTART' : 'PASSIVE');
  timer = setTimeout(tick, intervalMs);
}

parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});

timer = setTimeout(tick, intervalMs);
parentPort.postMessage({ type: 'ready' });
