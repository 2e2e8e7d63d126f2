/**
 * Open-loop load at a fixed request rate, for latency at a given throughput.
 *
 * autocannon's `overallRate` is closed-loop with a per-second quota: its connections send as fast
 * as they can until the second's quota is spent, then wait for the next second, so "1,000
 * requests/s" arrives as a burst of 1,000 back-to-back requests at the start of each second and
 * measures queueing behind that burst. Here request i is due at start + i / rate (evenly spaced,
 * like wrk2's -R), whatever the server's answers do. Latency counts from the moment the request is
 * handed to the HTTP client, so time spent waiting for a free connection (the server being slow)
 * is included, but the load generator's own lateness is not: on this machine timers wake up to
 * several milliseconds late, and that is reported separately (`lateP99Ms`). Written by hand
 * because the npm load tools (autocannon) do not schedule this way and wrk2 is not packaged for
 * Debian.
 */
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stressTxn } from './stress-traffic.ts';

export interface OpenLoopOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Body of request i (called when the request is sent). */
  body?: (i: number) => string;
  ratePerSec: number;
  durationSec: number;
  /** Keep-alive connections (requests queue for one when all are busy). */
  connections?: number;
  /** Requests of the first second are sent but not counted. */
  warmupSec?: number;
}

export interface OpenLoopResult {
  sent: number;
  counted: number;
  errors: number;
  non2xx: number;
  achievedPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /** How late the generator dispatched requests relative to their due times (not in the latencies). */
  lateP99Ms: number;
}

const pct = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

export function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const u = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections ?? 32 });
  const total = Math.round(o.ratePerSec * o.durationSec);
  const warm = Math.round(o.ratePerSec * (o.warmupSec ?? 1));
  const lat = new Float64Array(total).fill(-1);
  const late = new Float64Array(total);
  const intervalNs = 1e9 / o.ratePerSec;
  let sent = 0, done = 0, errors = 0, non2xx = 0;
  const start = process.hrtime.bigint();
  const dueNs = (i: number) => start + BigInt(Math.round(i * intervalNs));

  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const counted = lat.subarray(warm).filter((x) => x >= 0).sort();
      const lateSorted = late.subarray(warm).slice().sort();
      const wallSec = Number(process.hrtime.bigint() - start) / 1e9;
      const ms = (x: number) => Number(x.toFixed(2));
      resolve({
        sent, counted: counted.length, errors, non2xx, achievedPerSec: Math.round(done / wallSec),
        p50Ms: ms(pct(counted, 0.5)), p90Ms: ms(pct(counted, 0.9)), p99Ms: ms(pct(counted, 0.99)), p999Ms: ms(pct(counted, 0.999)),
        maxMs: ms(counted[counted.length - 1] ?? 0), lateP99Ms: ms(pct(lateSorted, 0.99)),
      });
    };
    const send = (i: number) => {
      const due = process.hrtime.bigint();
      late[i] = Number(due - dueNs(i)) / 1e6;
      const body = o.body?.(i);
      const req = http.request({
        host: u.hostname, port: u.port, path: u.pathname + u.search, method: o.method ?? 'GET', agent,
        headers: { ...o.headers, ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}) },
      }, (res) => {
        res.resume();
        res.on('end', () => {
          lat[i] = Number(process.hrtime.bigint() - due) / 1e6;
          if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
          if (++done === total) finish();
        });
      });
      req.on('error', () => { errors++; if (++done === total) finish(); });
      req.end(body);
    };
    // Dispatch every request whose time has come, then sleep until the next one is due (spinning
    // on setImmediate instead would keep one of the machine's two cores busy).
    const pump = () => {
      const now = process.hrtime.bigint();
      while (sent < total && dueNs(sent) <= now) send(sent++);
      if (sent < total) setTimeout(pump, Math.max(0, Number(dueNs(sent) - now) / 1e6 - 0.5));
    };
    pump();
  });
}

/** Options that cross a process boundary: the body is named, `stress:PREFIX` for the stress stream. */
export type ChildOptions = Omit<OpenLoopOptions, 'body'> & { body?: `stress:${string}` };

function withBody(o: ChildOptions): OpenLoopOptions {
  const prefix = o.body?.slice('stress:'.length);
  return { ...o, body: prefix === undefined ? undefined : (i) => JSON.stringify(stressTxn(prefix, i)) };
}

/**
 * Runs the load from a separate process, so the measuring side's own garbage collection and the
 * benchmark's other work do not show up as server latency.
 */
export async function openLoopInChild(o: ChildOptions): Promise<OpenLoopResult> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(o)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`load process failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as OpenLoopResult;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  openLoop(withBody(JSON.parse(process.argv[2]) as ChildOptions)).then((res) => process.stdout.write(JSON.stringify(res)));
}
