/**
 * The merge of account-posting runs on its own thread and connection (postings-merge.js): steps
 * of a few milliseconds each, back to back for at most `budgetMs` per turn, then a pause, so ingest
 * on the main thread gets the write lock between steps. Plain JavaScript, like the checkpoint
 * worker: a worker thread does not inherit the TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { mergeStep } from './postings-merge.js';

const { file, runRows, fanIn, budgetMs, idleMs } = workerData;
const db = new BetterSqlite3(file);
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
// The main connection's automatic checkpoint bound; the checkpoint worker copies this log too.
db.pragma('wal_autocheckpoint = 0');
let stopping = false;
let timer;

function turn() {
  if (stopping) return;
  const t0 = performance.now();
  let more;
  try {
    do more = mergeStep(db, { runRows, fanIn });
    while (more && performance.now() - t0 < budgetMs);
  } catch (err) {
    // Another writer held the lock past the busy timeout: nothing is lost, the step runs again
    // after a pause. Anything else is reported (and tried again too).
    if (!(err && err.code === 'SQLITE_BUSY')) parentPort.postMessage({ type: 'warn', message: String(err && err.message ? err.message : err) });
    more = false;
  }
  timer = setTimeout(turn, more ? budgetMs : idleMs);
}

parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  db.close();
  process.exit(0);
});
turn();
