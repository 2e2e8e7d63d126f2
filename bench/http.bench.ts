/**
 * HTTP benchmarks against a real `outpost serve` process (SQLite, all built-in scenarios active):
 * 1. Batch ingest: POST /api/v1/transactions with 1,000-transaction batches (target ≥ 30,000 tx/s),
 *    as a ratio to the in-process ingest service on the same batches in the same run (the HTTP cost).
 * 2. Single-transaction scoring latency at 1,000 requests/s (target p99 ≤ 5 ms), beside the p99 of
 *    GET /api/v1/health at the same rate (the HTTP floor of this machine); three 10 s rounds, the
 *    median round reported with every round's p99 (BENCH_HTTP_LATENCY_ROUNDS). The load is open loop
 *    and evenly spaced (open-loop.ts); autocannon's burst-per-second rate mode is printed beside it,
 *    and so is the machine's own floor (hiccups.ts: how often a busy process does not run).
 * Run: npx tsx bench/http.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openLoopInChild, type OpenLoopResult } from './open-loop.ts';
import { measureHiccups } from './hiccups.ts';
import { stressTxn } from './stress-traffic.ts';
import { bankLikeTraffic, KEY, measuredBatches, processCpuMs, referenceData, startServer } from './http-server.ts';
import { createContainer } from '../src/app/container.factory.ts';
import { MODULES } from '../src/app/modules.ts';
import { loadConfig } from '../src/config.ts';
import { ingestOf } from '../src/ingest/ingest.module.ts';
import { referenceServiceOf } from '../src/reference/reference.module.ts';
import { SYSTEM_ACTOR } from '../src/audit/audit.types.ts';

const INST = 'inst_demo';
const BATCHES = Number(process.env.BENCH_HTTP_BATCHES ?? 60);
const BATCH = 1_000;
const LATENCY_ROUNDS = Number(process.env.BENCH_HTTP_LATENCY_ROUNDS ?? 3);

interface ServerTrace { requests: Array<[number, number, string]>; gc: Array<[number, number]>; gate: Array<[number, string]>; presync?: Array<[number, number]> }

/** The server's own view of the last `n` POST requests (bench/server-trace.mjs): latency, and the stalls behind its tail. */
async function serverView(server: ChildProcess, file: string, n: number) {
  server.kill('SIGUSR2');
  for (let i = 0; i < 50 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  const t = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerTrace;
  fs.rmSync(file);
  const posts = t.requests.filter((r) => r[2] === 'POST').slice(-n);
  if (posts.length === 0) return null;
  const from = posts[0][0], to = posts[posts.length - 1][1];
  const ms = posts.map((r) => r[1] - r[0]).sort((a, b) => a - b);
  const q = (p: number) => Number(ms[Math.min(ms.length - 1, Math.floor(ms.length * p))].toFixed(2));
  const gcs = t.gc.filter((g) => g[0] >= from && g[0] <= to);
  const pauses: number[] = [];
  let asked: number | null = null;
  for (const [at, type] of t.gate) {
    if (at < from || at > to) continue;
    if (type === 'quiesce') asked = at;
    else if (asked !== null) { pauses.push(Number((at - asked).toFixed(1))); asked = null; }
  }
  return {
    p50Ms: q(0.5), p99Ms: q(0.99), p999Ms: q(0.999),
    gcPauses: gcs.length, gcMaxMs: Number(Math.max(0, ...gcs.map((g) => g[1])).toFixed(1)),
    commitPausesMs: pauses,
    // The worker's database syncs ahead of each pause (outside it: commits go on meanwhile).
    presyncMs: (t.presync ?? []).filter((p) => p[0] >= from && p[0] <= to).map((p) => Number(p[1].toFixed(1))),
  };
}

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

export async function run(): Promise<Record<string, unknown>> {
  const ref = referenceData();
  const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify(Array.from({ length: BATCH }, (_, j) => stressTxn('H', b * BATCH + j))));

  // Baseline: the same batches through the in-process ingest service (no HTTP, no JSON text).
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-http-base-'));
  const config = loadConfig({ OUTPOST_DATA_DIR: base, OUTPOST_DEMO: 'off', OUTPOST_LOG_LEVEL: 'silent' });
  const c = await createContainer({ config, modules: MODULES });
  await referenceServiceOf(c).load(INST, {
    branches: ref.branches.map((b) => ({ ...b, institutionId: INST })),
    customers: ref.customers.map((x) => ({ ...x, institutionId: INST, idNumber: null, phone: null, address: null, occupation: null, kycDate: null, kycReviewDate: null })),
    accounts: ref.accounts.map((a) => ({ ...a, institutionId: INST, status: 'active' as const, currency: 'CNY' })),
  }, SYSTEM_ACTOR);
  const parsed = bodies.map((b) => (JSON.parse(b) as Record<string, unknown>[]).map((data, i) => ({ position: i, data })));
  const t0 = performance.now();
  for (const records of parsed) await ingestOf(c).ingest.ingest(records, { institutionId: INST, source: 'bench', actor: SYSTEM_ACTOR });
  const inProcessRate = (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
  await c.close();
  fs.rmSync(base, { recursive: true, force: true });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-http-'));
  const port = 18_000 + Math.floor(Math.random() * 1_000);
  const traceFile = path.join(dir, 'server-trace.json');
  const server = await startServer(dir, port, traceFile);
  let stressed: Record<string, unknown>;
  const url = `http://127.0.0.1:${port}`;
  const headers = { 'x-api-key': KEY, 'content-type': 'application/json' };
  try {
    const loaded = await fetch(`${url}/api/v1/reference`, { method: 'POST', headers, body: JSON.stringify(ref) });
    if (!loaded.ok) throw new Error(`reference load failed: ${loaded.status} ${await loaded.text()}`);

    const { seconds: httpSeconds, serverCpuUsPerTx, requestThreadCpuUsPerTx } = await measuredBatches(server, `${url}/api/v1/transactions`, headers, bodies, BATCHES * BATCH);
    const httpRate = (BATCHES * BATCH) / httpSeconds;

    // Latency at 1,000 requests/s: open loop, evenly spaced, counted from each request's due time,
    // from a separate load process with a clean heap, once the server has finished checkpointing
    // the batch test's log (a few seconds).
    await new Promise((r) => setTimeout(r, 5_000));
    // The machine's own floor in the same minute (hiccups.ts): gaps in a spinning process with one
    // core busy and with every core busy. The server's tail cannot be shorter than these gaps.
    const floor = { oneCoreBusy: await measureHiccups(5, 1), allCoresBusy: await measureHiccups(5, os.availableParallelism()) };
    // Three rounds of 10 s each, health then single, reported with the median round: on this
    // shared VM one round's p99 moves by a factor of two from minute to minute.
    const rounds: Array<{ health: OpenLoopResult; single: OpenLoopResult; serverCpuUsPerRequest: number | null; server: Awaited<ReturnType<typeof serverView>> }> = [];
    for (let k = 0; k < LATENCY_ROUNDS; k++) {
      const h = await openLoopInChild({ url: `${url}/api/v1/health`, ratePerSec: 1_000, durationSec: 10 });
      const cpu0 = processCpuMs(server.pid);
      const s = await openLoopInChild({
        url: `${url}/api/v1/transactions`, method: 'POST', headers, ratePerSec: 1_000, durationSec: 10, body: `stress:S${k}_`,
      });
      if (s.non2xx + s.errors > 0) throw new Error(`${s.non2xx + s.errors} single requests failed`);
      const cpu1 = processCpuMs(server.pid);
      rounds.push({
        health: h, single: s, serverCpuUsPerRequest: cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) * 1000) / s.sent),
        server: await serverView(server, traceFile, s.sent),
      });
    }
    const { health, single } = [...rounds].sort((a, b) => a.single.p99Ms - b.single.p99Ms)[Math.floor(rounds.length / 2)];
    // autocannon's rate mode for comparison with earlier figures: 1,000 requests back-to-back at
    // the start of each second over 10 connections (a burst, see open-loop.ts).
    let burstSeq = 0;
    const burst = await cannon({
      url: `${url}/api/v1/transactions`, connections: 10, overallRate: 1_000, duration: 5,
      requests: [{ method: 'POST', headers, setupRequest: (req) => ({ ...req, body: JSON.stringify(stressTxn('B', burstSeq++)) }) }],
    });
    stressed = {
      batchIngest: {
        transactions: BATCHES * BATCH, batchSize: BATCH, httpTxPerSec: Math.round(httpRate), inProcessTxPerSec: Math.round(inProcessRate),
        ratio: Number((httpRate / inProcessRate).toFixed(3)), serverCpuUsPerTx, requestThreadCpuUsPerTx, target: 'httpTxPerSec >= 30000',
      },
      singleScoring: {
        requestsPerSec: single.achievedPerSec, p50Ms: single.p50Ms, p90Ms: single.p90Ms, p99Ms: single.p99Ms, p999Ms: single.p999Ms, maxMs: single.maxMs,
        lateP99Ms: single.lateP99Ms,
        healthP50Ms: health.p50Ms, healthP99Ms: health.p99Ms, p99OverHealthP99: Number((single.p99Ms / health.p99Ms).toFixed(2)),
        target: 'p99Ms <= 5 at 1000 req/s (open loop)',
        p99MsPerRound: rounds.map((r) => r.single.p99Ms), healthP99MsPerRound: rounds.map((r) => r.health.p99Ms),
        // CPU of the whole server process (all threads) per single request: steadier than the p99
        // on a shared machine, and what bounds the rate one core can serve.
        serverCpuUsPerRequestPerRound: rounds.map((r) => r.serverCpuUsPerRequest),
        // The same requests timed inside the server (headers parsed to response written; a lower
        // bound of the server's share: time waiting in the socket while the thread was busy is
        // not in it), with the collections and the commit pauses for the log restart
        // (write-gate.ts) that fell in the round.
        serverSidePerRound: rounds.map((r) => r.server),
        machineFloor: floor,
        burstOf1000: { p50Ms: burst.latency.p50, p99Ms: burst.latency.p99, requestsPerSec: Math.round(burst.requests.average) },
      },
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // The same batch ingest with bank-like traffic on a fresh server.
  const bank = bankLikeTraffic(BATCHES * BATCH, 10_000);
  const bankBodies = Array.from({ length: BATCHES }, (_, i) => JSON.stringify(bank.records.slice(i * BATCH, (i + 1) * BATCH)));
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-http-bank-'));
  const server2 = await startServer(dir2, port + 1);
  const url2 = `http://127.0.0.1:${port + 1}`;
  try {
    const loaded = await fetch(`${url2}/api/v1/reference`, { method: 'POST', headers, body: JSON.stringify(bank.ref) });
    if (!loaded.ok) throw new Error(`reference load failed: ${loaded.status} ${await loaded.text()}`);
    const { seconds: sec, fired, serverCpuUsPerTx, requestThreadCpuUsPerTx } = await measuredBatches(server2, `${url2}/api/v1/transactions`, headers, bankBodies, BATCHES * BATCH);
    return {
      ...stressed,
      batchIngestBankLike: {
        transactions: BATCHES * BATCH, batchSize: BATCH, httpTxPerSec: Math.round((BATCHES * BATCH) / sec),
        firedShare: Number((fired / (BATCHES * BATCH)).toFixed(3)), serverCpuUsPerTx, requestThreadCpuUsPerTx, target: 'httpTxPerSec >= 30000',
      },
    };
  } finally {
    server2.kill('SIGTERM');
    await new Promise((res) => setTimeout(res, 500));
    fs.rmSync(dir2, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run().then((r) => console.log(JSON.stringify(r, null, 2))).catch((e) => { console.error(e); process.exit(1); });
}
