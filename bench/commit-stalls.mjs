/**
 * Commit stalls around log restarts, without HTTP: the main thread commits ~1,000 small
 * transactions per second (one appended row and three random index keys each, as a single-record
 * ingest dirties a few random index pages) through a write gate, while the background checkpoint
 * worker (src/store/checkpoint.worker.js, or the file given) copies the log and asks for pauses.
 * Prints commit latency from each commit's due time (p50, p99, p99.9, count over 5 ms), the pauses
 * and the worker's database syncs ahead of them, and where the slow commits fell.
 *   node bench/commit-stalls.mjs [worker.js] [commits]
 * Compare two trees by passing each one's worker file, alternating runs (the VM's speed drifts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';

const here = path.dirname(fileURLToPath(import.meta.url));
const workerFile = path.resolve(process.argv[2] ?? path.join(here, '../src/store/checkpoint.worker.js'));
const N = Number(process.argv[3] ?? 15_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-stalls-'));
const file = path.join(dir, 'db.sqlite');
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -65536');
db.exec('create table t (seq integer primary key, k1 text, k2 text, k3 text, body blob); create index i1 on t (k1); create index i2 on t (k2); create index i3 on t (k3);');
// As database.ts sets them with the worker on: its own checkpoint only as a far bound, the log reused in place.
db.pragma('wal_autocheckpoint = 131072');
db.pragma(`journal_size_limit = ${256 * 1024 * 1024}`);
const insert = db.prepare('insert into t (k1, k2, k3, body) values (?, ?, ?, randomblob(700))');
const key = () => String(Math.random());
// A log of some size first: 200,000 rows.
db.transaction(() => { for (let i = 0; i < 200_000; i++) insert.run(key(), key(), key()); })();

const events = [];
let closed = false;
let reopen = null;
const worker = new Worker(workerFile, { workerData: { file, intervalMs: 100, minFrames: 1_000, restartFrames: 32_768 } });
worker.on('message', (m) => {
  events.push([performance.now(), m.type, m.ms]);
  if (m.type === 'quiesce') { closed = true; worker.postMessage('quiet'); }
  if (m.type === 'resume') { closed = false; reopen?.(); reopen = null; }
});
const begin = db.prepare('begin immediate'), commit = db.prepare('commit');
const latency = [];
// How long the first commit after each pause took (it restarts the log: SQLite syncs the log's new header).
const restartCommitsMs = [];
let afterPause = false;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const due = t0 + i;
  const now = performance.now();
  await new Promise((r) => (now < due ? setTimeout(r, due - now) : setImmediate(r)));
  if (closed) {
    await new Promise((r) => { reopen = r; });
    afterPause = true;
  }
  const c0 = performance.now();
  begin.run();
  insert.run(key(), key(), key());
  commit.run();
  if (afterPause) restartCommitsMs.push(Number((performance.now() - c0).toFixed(1)));
  afterPause = false;
  latency.push([due, performance.now() - due]);
}
worker.postMessage('stop');
await new Promise((r) => worker.once('exit', r));
db.close();
fs.rmSync(dir, { recursive: true, force: true });

const ms = latency.map((x) => x[1]).sort((a, b) => a - b);
const q = (p) => ms[Math.floor(ms.length * p)].toFixed(2);
const pauses = [];
let asked = null;
for (const [t, type] of events) {
  if (type === 'quiesce') asked = t;
  else if (type === 'resume' && asked !== null) { pauses.push([asked, t]); asked = null; }
}
const syncs = events.filter((e) => e[1] === 'presync').map((e) => [e[0] - e[2], e[0]]);
let inPause = 0, inSync = 0, other = 0;
for (const [due, l] of latency) {
  if (l <= 5) continue;
  if (pauses.some(([a, b]) => due + l >= a && due <= b + 1)) inPause++;
  else if (syncs.some(([a, b]) => due + l >= a && due <= b)) inSync++;
  else other++;
}
console.log(JSON.stringify({
  worker: path.relative(process.cwd(), workerFile), commits: N, p50Ms: Number(q(0.5)), p99Ms: Number(q(0.99)), p999Ms: Number(q(0.999)),
  over5ms: inPause + inSync + other, over5msInPause: inPause, over5msInSync: inSync, over5msElsewhere: other,
  pausesMs: pauses.map(([a, b]) => Number((b - a).toFixed(1))), databaseSyncsMs: syncs.map(([a, b]) => Number((b - a).toFixed(1))),
  restartCommitsMs,
}));
