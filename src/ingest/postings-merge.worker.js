/**
 * The merge of account-posting runs on its own thread and connection (postings-merge.js): one
 * step (a short write transaction) per turn, `gapMs` apart while there is work, so that a commit
 * of the main thread waiting for the lock gets it at its busy handler's next try (SQLite's handler
 * sleeps 1, 2, 5, 10 ms … between tries: steps back to back made such commits wait 10–35 ms).
 * With nothing to merge it looks again after `idleMs`. Plain JavaScript, like the checkpoint
 * worker: a worker thread does not inherit the TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { mergeStep } from './postings-merge.js';

const { file, runRows, fanIn, stepPostings, gapMs, idleMs } = workerData;
const db = new BetterSqlite3(file);
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
// The main connection's automatic checkpoint bound; the checkpoint worker copies this log too.
db.pragma('wal_autocheckpoint = 0');
let stopping = false;
let timer;

function turn() {
  if (stopping) return;
  let more;
  try {
    more = mergeStep(db, { runRows, fanIn, stepPostings });
  } catch (err) {
    // Another writer held the lock past the busy timeout: nothing is lost, the step runs again
    // after a pause. Anything else is reported (and tried again too).
    if (!(err && err.code === 'SQLITE_BUSY')) parentPort.postMessage({ type: 'warn', message: String(err && err.message ? err.message : err) });
    more = false;
  }
  timer = setTimeout(turn, more ? gapMs : idleMs);
}

parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  db.close();
  process.exit(0);
});
turn();
