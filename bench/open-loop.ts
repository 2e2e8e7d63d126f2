/**
 * Open-loop load at a fixed request rate, for latency at a given throughput.
 *
 * autocannon's `overallRate` is closed-loop with a per-second quota: its connections send as fast
 * as they can until the second's quota is spent, then wait for the next second, so "1,000
 * requests/s" arrives as a burst of 1,000 back-to-back requests at the start of each second and
 * measures queueing behind that burst. Here request i is due at start + i / rate (evenly spaced,
 * like wrk2's -R) and its latency counts from when it was due, so time spent waiting for a free
 * connection is included (no coordinated omission). Written by hand because the npm load tools
 * (autocannon) do not schedule this way and wrk2 is not packaged for Debian.
 */
import http from 'node:http';

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
}

const pct = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

export function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const u = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections ?? 32 });
  const total = Math.round(o.ratePerSec * o.durationSec);
  const warm = Math.round(o.ratePerSec * (o.warmupSec ?? 1));
  const lat = new Float64Array(total).fill(-1);
  const intervalNs = 1e9 / o.ratePerSec;
  let sent = 0, done = 0, errors = 0, non2xx = 0;
  const start = process.hrtime.bigint();
  const dueNs = (i: number) => start + BigInt(Math.round(i * intervalNs));

  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const counted = lat.subarray(warm).filter((x) => x >= 0).sort();
      const wallSec = Number(process.hrtime.bigint() - start) / 1e9;
      const ms = (x: number) => Number(x.toFixed(2));
      resolve({
        sent, counted: counted.length, errors, non2xx, achievedPerSec: Math.round(done / wallSec),
        p50Ms: ms(pct(counted, 0.5)), p90Ms: ms(pct(counted, 0.9)), p99Ms: ms(pct(counted, 0.99)), p999Ms: ms(pct(counted, 0.999)),
        maxMs: ms(counted[counted.length - 1] ?? 0),
      });
    };
    const send = (i: number) => {
      const due = dueNs(i);
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
    // Dispatch every request whose time has come, then yield to the event loop (responses) and
    // come back: setImmediate keeps sends within tens of microseconds of their due times.
    const pump = () => {
      const now = process.hrtime.bigint();
      while (sent < total && dueNs(sent) <= now) send(sent++);
      if (sent < total) setImmediate(pump);
    };
    pump();
  });
}
