/**
 * A real `outpost serve` process for the HTTP benchmarks: starting it, its reference data and
 * traffic, sending batches and reading its CPU time (bench/http.bench.ts, bench/http-ab.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ACCOUNTS } from './stress-traffic.ts';
import { generateTraffic } from '../src/engine/testing/synthetic.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const KEY = 'bench-api-key-0123456789abcdefghijkl';
// Linux reports process CPU in clock ticks of 1/100 s (USER_HZ).
const CLOCK_TICKS = 100;

/** Reference data of the stress stream's accounts A0..A{ACCOUNTS-1} (stress-traffic.ts). */
export function referenceData() {
  const branches = [{ id: 'br_b0', parentId: null, code: 'B0', name: 'Head office', level: 0 }];
  const customers = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `cus_${i}`, branchId: 'br_b0', kind: 'person' as const, name: `Customer ${i}`, birthDate: '1980-01-01', riskLevel: 'low' as const }));
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `A${i}`, branchId: 'br_b0', customerId: `cus_${i}`, type: 'savings' as const, openedAt: '2020-01-01' }));
  return { branches, customers, accounts };
}

/**
 * Bank-like traffic (the engine benchmark's generator: usual counterparties, devices, cities over
 * 90 days; about 6% of transactions fire a scenario) as API records, with its reference data.
 * The stress stream (stress-traffic.ts) is the other case: about 70% fire scenarios.
 */
export function bankLikeTraffic(n: number, nAcc: number) {
  const { txns, profiles } = generateTraffic(n, nAcc, 7);
  const branchIds = [...new Set([...profiles.values()].map((p) => p.branchId))];
  const branches = [{ id: 'br_root', parentId: null, code: 'HQ', name: 'Head office', level: 0 },
    ...branchIds.map((id, i) => ({ id, parentId: 'br_root', code: `B${i}`, name: `Branch ${i}`, level: 1 }))];
  const customers = new Map<string, object>();
  const accounts: object[] = [];
  for (const [id, p] of profiles) {
    customers.set(p.customerId, { id: p.customerId, branchId: p.branchId, kind: p.customerKind, name: `Customer ${p.customerId}`, birthDate: p.birthDate, riskLevel: p.riskLevel });
    accounts.push({ id, branchId: p.branchId, customerId: p.customerId, type: 'savings', openedAt: new Date(p.openedAt).toISOString().slice(0, 10) });
  }
  const records = txns.map((t) => ({
    id: `R${t.id}`, timestamp: new Date(t.occurredAt).toISOString(), debitAccount: t.debitAccount, creditAccount: t.creditAccount,
    ...(t.creditBank ? { creditBank: '102100099996' } : {}), amount: (t.amountMinor / 100).toFixed(2), currency: t.currency,
    channel: t.channel, type: t.type, deviceId: t.deviceId, ip: t.ip, location: t.location, purpose: t.purpose, crossBorder: t.crossBorder,
  }));
  return { ref: { branches, customers: [...customers.values()], accounts }, records };
}


/**
 * Starts `outpost serve` from the tree at `root` (this repository, or a copy of another commit for an
 * A/B) on a fresh data directory, with the bench's service key, and waits until it answers.
 */
export async function startServer(dir: string, port: number, trace?: string, root = ROOT): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(trace ? ['--import', './bench/server-trace.mjs'] : []), 'bin/outpost.js', 'serve'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', OUTPOST_DATA_DIR: dir, OUTPOST_DEMO: 'off', OUTPOST_LOG_LEVEL: 'warn', OUTPOST_BOOTSTRAP_API_KEY: KEY, OUTPOST_ADMIN_PASSWORD: 'Bench-Admin-Password-1!',
      // Ingest alone: a fresh database's first scheduled ring mining would start 5 s in, mid-run.
      OUTPOST_RING_MINING_INTERVAL_MIN: '0',
      ...(trace ? { OUTPOST_BENCH_TRACE: trace } : {}),
    },
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error('server did not start');
}

/**
 * Sends the bodies over `connections` concurrent keep-alive requests and times the whole run.
 * (autocannon is not used here: with `amount` it ends the run on its one-second ticker, which
 * rounded 4.4 s runs up to 5.05 s.) Returns seconds and how many records fired a scenario.
 */
export async function sendBatches(url: string, headers: Record<string, string>, bodies: string[], connections = 2): Promise<{ seconds: number; fired: number }> {
  let next = 0;
  let fired = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(url, { method: 'POST', headers, body });
      if (!res.ok) throw new Error(`batch request failed: ${res.status} ${await res.text()}`);
      fired += ((await res.json()) as { results: { hits?: unknown[] }[] }).results.filter((x) => x.hits?.length).length;
    }
  }));
  return { seconds: (performance.now() - t0) / 1000, fired };
}

/**
 * User + system CPU of a process in ms (Linux /proc; null elsewhere); with `mainThread`, of its
 * main thread only (the thread serving requests; /proc/PID/task/PID).
 */
export function processCpuMs(pid: number | undefined, mainThread = false): number | null {
  try {
    const fields = fs.readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * Batches sent to a server, with the server's CPU per transaction over the run: all its threads
 * (collector helpers, checkpoint and merge workers) and the request thread alone, which bounds the
 * rate. On this shared VM the rate moves by ±20% between identical runs; the CPU figures move less.
 */
export async function measuredBatches(server: ChildProcess, url: string, headers: Record<string, string>, bodies: string[], transactions: number) {
  const all0 = processCpuMs(server.pid), main0 = processCpuMs(server.pid, true);
  const sent = await sendBatches(url, headers, bodies);
  const all1 = processCpuMs(server.pid), main1 = processCpuMs(server.pid, true);
  const perTx = (a: number | null, b: number | null) => (a === null || b === null ? null : Number((((b - a) * 1000) / transactions).toFixed(1)));
  return { ...sent, serverCpuUsPerTx: perTx(all0, all1), requestThreadCpuUsPerTx: perTx(main0, main1) };
}
