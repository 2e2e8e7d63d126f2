/**
 * The machine's own latency floor: how often a busy thread is not running. Each probe process
 * spins on the clock and records every gap between two consecutive readings (the process was
 * preempted: by another task of this system, or by the hypervisor, which this VM does not report
 * as steal time). Run with one probe (one core busy) and with one per core (every core busy), it
 * tells what a latency percentile on this machine can reach at all: a request that meets a gap of
 * 6 ms waits at least 6 ms, whatever the server does (docs/ingest.md, "The machine's floor").
 * Written by hand: this is jHiccup's idea, which has no npm package that measures preemption in a
 * busy loop rather than timer lateness. Run: npx tsx bench/hiccups.ts [seconds] [probes]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ProbeResult {
  /** Gaps between consecutive clock readings longer than 1 ms and 5 ms. */
  over1ms: number;
  over5ms: number;
  maxMs: number;
  /** Time lost in gaps over 0.5 ms. */
  lostMs: number;
  seconds: number;
}

export interface HiccupResult {
  probes: number;
  /** Per probe and per 10 s, so runs of other lengths compare. */
  over1msPer10s: number;
  over5msPer10s: number;
  maxMs: number;
  lostShare: number;
}

/** Spins for `seconds` and records the gaps (the probe process's body). */
export function spin(seconds: number): ProbeResult {
  const t0 = performance.now();
  let last = t0, lost = 0, over1ms = 0, over5ms = 0, max = 0;
  for (;;) {
    const t = performance.now();
    const gap = t - last;
    if (gap > 0.5) {
      lost += gap;
      if (gap > 1) over1ms++;
      if (gap > 5) over5ms++;
      if (gap > max) max = gap;
    }
    last = t;
    if (t - t0 >= seconds * 1000) break;
  }
  return { over1ms, over5ms, maxMs: Number(max.toFixed(2)), lostMs: Number(lost.toFixed(1)), seconds };
}

/** Runs one probe in its own process; `onStart` gets the process id once it spins. */
export function probe(seconds: number, onStart?: (pid: number) => void): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--probe', String(seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('spinning\n') && onStart) { onStart(child.pid!); onStart = undefined; }
    });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`hiccup probe failed (${code}): ${err}`));
      resolve(JSON.parse(out.slice('spinning\n'.length)) as ProbeResult);
    });
  });
}

/** `probes` probes at once for `seconds`, summed per probe and 10 s. */
export async function measureHiccups(seconds: number, probes: number): Promise<HiccupResult> {
  const rs = await Promise.all(Array.from({ length: probes }, () => probe(seconds)));
  const per10s = (n: number) => Number(((n / rs.length) * (10 / seconds)).toFixed(1));
  return {
    probes,
    over1msPer10s: per10s(rs.reduce((s, r) => s + r.over1ms, 0)),
    over5msPer10s: per10s(rs.reduce((s, r) => s + r.over5ms, 0)),
    maxMs: Math.max(...rs.map((r) => r.maxMs)),
    lostShare: Number((rs.reduce((s, r) => s + r.lostMs, 0) / (rs.length * seconds * 1000)).toFixed(4)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--probe') {
    process.stdout.write('spinning\n');
    // The line above must leave before the spin blocks the event loop.
    setImmediate(() => process.stdout.write(JSON.stringify(spin(Number(process.argv[3])))));
  } else {
    const seconds = Number(process.argv[2] ?? 5), probes = Number(process.argv[3] ?? 0);
    const counts = probes > 0 ? [probes] : [1, (await import('node:os')).availableParallelism()];
    for (const n of counts) console.log(JSON.stringify(await measureHiccups(seconds, n)));
  }
}
