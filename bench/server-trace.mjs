/**
 * Preloaded into the benchmark's server (`node --import ./bench/server-trace.mjs`): records, on the
 * server's own clock, when each HTTP request arrived and finished, the main thread's garbage
 * collection pauses and the checkpoint worker's pause requests (write-gate.ts). On SIGUSR2 it writes
 * them to OUTPOST_BENCH_TRACE as JSON. The open-loop client measures what a caller sees (the
 * target), which on this virtual machine includes several milliseconds of the client's and the
 * kernel's own delays (`/health` p99 3-6 ms). The server's span starts when Node has parsed the
 * request's headers, so it leaves out the time a request waited in the socket while the thread was
 * busy (a collection, another request): it is a lower bound of the server's share, and the stalls
 * recorded beside it explain part of the tail. Plain JavaScript: it runs before the TypeScript
 * loader is registered.
 */
import fs from 'node:fs';
import http from 'node:http';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const out = process.env.OUTPOST_BENCH_TRACE;
if (out) {
  /** [arrived, finished, method] in ms of performance.now(). */
  const requests = [];
  /** [start, duration] of main-thread collections. */
  const gc = [];
  /** [time, 'quiesce' | 'resume'] from the checkpoint worker. */
  const gate = [];
  /** [time, duration] of the worker's database syncs before it asks for a pause. */
  const presync = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc.push([e.startTime, e.duration]);
  }).observe({ entryTypes: ['gc'] });
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'request') {
      const arrived = performance.now();
      res.once('finish', () => requests.push([arrived, performance.now(), req.method]));
    }
    return emit.apply(this, arguments);
  };
  const workerEmit = Worker.prototype.emit;
  Worker.prototype.emit = function (event, m) {
    if (event === 'message' && m && (m.type === 'quiesce' || m.type === 'resume')) gate.push([performance.now(), m.type]);
    if (event === 'message' && m && m.type === 'presync') presync.push([performance.now(), m.ms]);
    return workerEmit.apply(this, arguments);
  };
  process.on('SIGUSR2', () => fs.writeFileSync(out, JSON.stringify({ requests, gc, gate, presync })));
}
