/**
 * Background WAL checkpointer for the embedded SQLite database (runs in a worker thread).
 *
 * Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader the CLI
 * registers in the main thread. It opens its own connection to the same file and copies the
 * write-ahead log back into the database (`wal_checkpoint(PASSIVE)`: never blocks the writer or
 * readers) whenever 1,000 frames are waiting, the threshold at which SQLite's automatic checkpoint
 * would otherwise run inside the committing request, with two fsyncs and megabytes of copying, on
 * the same thread that scores transactions. The writer restarts the log from the beginning when it finds
 * every frame copied; under a continuous stream of commits that moment may not come, so the
 * worker asks the main thread for a short pause in commits once the log holds `restartFrames`
 * frames (write-gate.ts), copies the last frames during it, and the next commit restarts the log.
 * Before asking, it flushes the database file (syncDatabaseFile), so the pause's own sync is short.
 * The writer's own automatic checkpoint stays on at a higher threshold (see database.ts) as the
 * bound on the log if that fails: it then copies only the few frames this worker has not.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { file, intervalMs, minFrames, restartFrames } = workerData;
const fdsBefore = openFds();
const db = new BetterSqlite3(file);
// The descriptor SQLite opened for this connection's database file (Linux; null elsewhere), see syncDatabaseFile.
const databaseFd = ownDatabaseFd(fdsBefore);
// NORMAL: the log is synced before each checkpoint and the database after (durable against power loss).
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');

let stopping = false;
let timer;
// A pause was asked for and not yet granted; the log length at which to ask again after a failure.
let awaitingQuiet = false;
let askAgainAt = restartFrames;
// Before a pause: copy the log down to this many frames not yet copied, at most MAX_DRAINS times.
const PAUSE_FRAMES = 256;
const MAX_DRAINS = 3;
let drains = 0;
// The database file was synced since the last pause was asked for.
let presynced = false;

/** This process's open file descriptors and what each names (Linux `/proc`), or null where that cannot be read. */
function openFds() {
  try {
    return new Map(fs.readdirSync('/proc/self/fd').map((fd) => [fd, fdTarget(fd)]));
  } catch {
    return null;
  }
}

function fdTarget(fd) {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

/** The descriptor that appeared for the database file while this worker's connection opened it. */
function ownDatabaseFd(before) {
  const after = openFds();
  if (!before || !after) return null;
  let real;
  try {
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  // A number can come back for another file (the directory listing's own descriptor is closed and reused).
  for (const [fd, target] of after) if (target === real && before.get(fd) !== real) return { fd: Number(fd), path: real };
  return null;
}

/**
 * Flushes the database file to disk through this connection's own descriptor, outside any pause.
 * A PASSIVE checkpoint syncs the database only when it copies the log to its end, which under a
 * steady stream of commits it never does: the pages of every copy since the last restart stay
 * dirty in the kernel's cache, and the checkpoint inside the pause had to write them all (its
 * database sync took 33 ms of a 45 ms pause, strace at 1,000 single requests/s). Syncing here first
 * leaves that sync only the pages of the last few copies. The descriptor is SQLite's (opened and
 * closed by SQLite with the connection): opening and closing one of our own on the file would drop
 * every POSIX lock this process holds on it. fsync flushes the file whichever descriptor names it.
 */
function syncDatabaseFile() {
  if (!databaseFd || fdTarget(databaseFd.fd) !== databaseFd.path) return;
  const t0 = performance.now();
  try {
    fs.fdatasyncSync(databaseFd.fd);
  } catch {
    return; // best effort: the checkpoint in the pause syncs the file in any case
  }
  parentPort.postMessage({ type: 'presync', ms: performance.now() - t0 });
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
  // Copying a few pages at a time would cost an fsync of each file per tick for little: wait
  // until the log holds `minFrames` frames not yet copied (SQLite's own threshold is 1,000).
  // Larger batches were measured worse: their copy and fsync bursts stall the writer's log
  // appends (single-transaction p99 about 130 ms at 4,096 and 16,384 frames, 35–50 ms at 1,000).
  const pending = checkpoint('NOOP');
  if (pending && pending.log < restartFrames) {
    // The log restarted (after a pause, or by itself in a quiet moment): the next pause syncs afresh.
    askAgainAt = restartFrames;
    presynced = false;
  }
  if (pending && restartFrames > 0 && pending.log >= askAgainAt) {
    // Copy what is waiting first, without a pause, so that the pause copies only the frames of the
    // last few commits: pauses that copied up to `minFrames` frames held commits for 16-22 ms at
    // 1,000 single-transaction requests/s. A few tries, then ask anyway (heavy ingest may append
    // faster than one copy drains).
    if (pending.log - pending.checkpointed > PAUSE_FRAMES && drains < MAX_DRAINS) {
      drains++;
      checkpoint('PASSIVE');
      timer = setTimeout(tick, 0);
      return;
    }
    if (!presynced) {
      // Flush the copies so far while commits go on, then drain what arrived meanwhile.
      presynced = true;
      drains = 0;
      syncDatabaseFile();
      timer = setTimeout(tick, 0);
      return;
    }
    drains = 0;
    presynced = false;
    // Ask for a pause; the main thread answers 'quiet' once no commit is running ('pause' below).
    awaitingQuiet = true;
    parentPort.postMessage({ type: 'quiesce' });
    // If no answer comes (the main thread is busy for long), carry on as before.
    timer = setTimeout(() => { awaitingQuiet = false; askAgainAt = pending.log + restartFrames / 4; tick(); }, 1_000);
    return;
  }
  if (pending && pending.log - pending.checkpointed < minFrames) {
    timer = setTimeout(tick, intervalMs);
    return;
  }
  const r = checkpoint('PASSIVE');
  // Frames were appended while copying: go again at once (the writer can restart the log only
  // when it finds every frame copied); otherwise wait for the next interval.
  const behind = r && r.busy === 0 && r.checkpointed > 0 && r.checkpointed < r.log;
  timer = setTimeout(tick, behind ? 0 : intervalMs);
}

/** Commits are held back: copy the rest of the log, then let them go (the next one restarts the log). */
function pause() {
  if (!awaitingQuiet) {
    parentPort.postMessage({ type: 'resume' });
    return;
  }
  awaitingQuiet = false;
  clearTimeout(timer);
  const r = checkpoint('PASSIVE');
  const caughtUp = !!r && r.busy === 0 && r.checkpointed === r.log;
  parentPort.postMessage({ type: 'resume' });
  // A writer outside the gate (or a reader) kept the log from being copied whole: try again later.
  if (!caughtUp) askAgainAt = (r ? r.log : restartFrames) + restartFrames / 4;
  timer = setTimeout(tick, intervalMs);
}

parentPort.on('message', (msg) => {
  if (msg === 'quiet') {
    if (!stopping) pause();
    return;
  }
  if (msg !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.close();
});

timer = setTimeout(tick, intervalMs);
