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
 *
 * Requests go over plain keep-alive sockets as prepared HTTP/1.1 bytes, and answers are read by
 * their status line and content-length (what autocannon does too): the generator shares this
 * machine's two cores with the server it measures, and node:http's client cost ~240 µs of CPU per
 * request against ~135 µs for this (`/usr/bin/time` over 10,000 `/health` requests each; undici 7's
 * Pool measured like node:http). Answers without a content-length must end with the connection
 * (chunked answers are refused: the API does not send them).
 */
import net from 'node:net';
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
  const total = Math.round(o.ratePerSec * o.durationSec);
  const warm = Math.round(o.ratePerSec * (o.warmupSec ?? 1));
  const lat = new Float64Array(total).fill(-1);
  const late = new Float64Array(total);
  const intervalNs = 1e9 / o.ratePerSec;
  let sent = 0, done = 0, errors = 0, non2xx = 0;
  const start = process.hrtime.bigint();
  const dueNs = (i: number) => start + BigInt(Math.round(i * intervalNs));
  const head = `${o.method ?? 'GET'} ${u.pathname}${u.search} HTTP/1.1\r\nhost: ${u.host}\r\nconnection: keep-alive\r\n`
    + Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const requestBytes = (body: string | undefined) => Buffer.from(body === undefined ? `${head}\r\n` : `${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  /** Handed-over requests waiting for a free connection: index and when it was handed over. */
  const waiting: Array<[number, bigint]> = [];
  const idle: Conn[] = [];
  const conns: Conn[] = [];

  return new Promise((resolve) => {
    const settle = () => {
      if (++done !== total) return;
      for (const c of conns) c.socket.destroy();
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
    const next = (c: Conn) => {
      const w = waiting.shift();
      if (w) c.send(w[0], w[1]);
      else idle.push(c);
    };
    const open = (): Conn => {
      const c = new Conn(u, (i, handedAt, status) => {
        if (status < 0) errors++;
        else {
          lat[i] = Number(process.hrtime.bigint() - handedAt) / 1e6;
          if (status < 200 || status >= 300) non2xx++;
        }
        settle();
      }, (i) => requestBytes(o.body?.(i)));
      c.onFree = () => next(c);
      // Closed by the server (an idle keep-alive timeout) or failed: replaced while requests remain.
      c.onBroken = () => {
        conns.splice(conns.indexOf(c), 1);
        const k = idle.indexOf(c);
        if (k >= 0) idle.splice(k, 1);
        if (done < total) next(open());
      };
      conns.push(c);
      return c;
    };
    for (let k = 0; k < (o.connections ?? 32); k++) idle.push(open());
    const send = (i: number) => {
      const handedAt = process.hrtime.bigint();
      late[i] = Number(handedAt - dueNs(i)) / 1e6;
      const c = idle.pop();
      if (c) c.send(i, handedAt);
      else waiting.push([i, handedAt]);
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

/** One keep-alive connection carrying one request at a time. */
class Conn {
  readonly socket: net.Socket;
  onFree: () => void = () => {};
  onBroken: () => void = () => {};
  private buf: Buffer | null = null;
  private current = -1;
  private handedAt = 0n;
  private dead = false;

  constructor(
    u: URL,
    private readonly answered: (i: number, handedAt: bigint, status: number) => void,
    private readonly bytes: (i: number) => Buffer,
  ) {
    this.socket = net.connect({ host: u.hostname, port: Number(u.port) });
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => this.broken()); // 'close' follows
    this.socket.on('close', () => this.broken());
  }

  private broken(): void {
    if (this.dead) return;
    this.dead = true;
    if (this.current >= 0) {
      const i = this.current;
      this.current = -1;
      this.answered(i, this.handedAt, -1);
    }
    this.onBroken();
  }

  send(i: number, handedAt: bigint): void {
    this.current = i;
    this.handedAt = handedAt;
    this.socket.write(this.bytes(i));
  }

  private read(chunk: Buffer): void {
    this.buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    if (/\r\ntransfer-encoding: *chunked/i.test(head)) throw new Error('open-loop: chunked answers are not supported');
    const m = /\r\ncontent-length: *(\d+)/i.exec(head);
    const length = m ? Number(m[1]) : 0;
    if (this.buf.length < end + 4 + length) return;
    this.buf = null; // one request at a time: nothing follows an answer
    const i = this.current;
    this.current = -1;
    this.answered(i, this.handedAt, Number(head.slice(9, 12)));
    this.onFree();
  }
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
