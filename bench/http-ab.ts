/**
 * A/B of HTTP batch ingest between a commit and this working tree, for changes smaller than this
 * VM's drift (single runs of the same tree move by ±20%): the batch phase of bench/http.bench.ts on a
 * fresh server from each tree in turn, the order swapped every pair (base first, then candidate
 * first, ...), and for every pair the throughput and the server's CPU per transaction (all threads,
 * and the request thread alone) with the candidate/base ratios and their medians.
 *   npx tsx bench/http-ab.ts --base REV [--pairs 4] [--batches 60] [--bank]
 * The base is `git archive REV` unpacked under the OS temp directory with this tree's node_modules
 * linked in; `--bank` sends bank-like traffic instead of the stress stream.
 * With `--singles`, each run goes on after its batches with `--rounds` (2) open-loop rounds of single
 * stress transactions at `--rate` (1,000) per second for `--seconds` (10) each, as issue #3's latency
 * figure (bench/open-loop.ts, from a separate process), and each pair also reports the client's p99
 * and the server's CPU per request (request thread) of every round, with the ratios of their medians.
 *   npx tsx bench/http-ab.ts --base REV --singles [--pairs 3] [--batches 20] [--rate 1000] [--seconds 10] [--rounds 2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { stressTxn } from './stress-traffic.ts';
import { openLoopInChild } from './open-loop.ts';
import { bankLikeTraffic, KEY, measuredBatches, processCpuMs, referenceData, ROOT, startServer } from './http-server.ts';

const BATCH = 1_000;

interface SinglesRound { p50Ms: number; p99Ms: number; serverCpuUsPerRequest: number | null; requestThreadCpuUsPerRequest: number | null }
interface Run { txPerSec: number; serverCpuUsPerTx: number | null; requestThreadCpuUsPerTx: number | null; singles?: SinglesRound[] }
interface SinglesOptions { rate: number; seconds: number; rounds: number }

async function batchRun(root: string, ref: object, bodies: string[], singles: SinglesOptions | null): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ab-'));
  const port = 19_000 + Math.floor(Math.random() * 1_000);
  const server = await startServer(dir, port, undefined, root);
  const url = `http://127.0.0.1:${port}`;
  const headers = { 'x-api-key': KEY, 'content-type': 'application/json' };
  try {
    const loaded = await fetch(`${url}/api/v1/reference`, { method: 'POST', headers, body: JSON.stringify(ref) });
    if (!loaded.ok) throw new Error(`reference load failed: ${loaded.status} ${await loaded.text()}`);
    const r = await measuredBatches(server, `${url}/api/v1/transactions`, headers, bodies, bodies.length * BATCH);
    const run: Run = { txPerSec: Math.round((bodies.length * BATCH) / r.seconds), serverCpuUsPerTx: r.serverCpuUsPerTx, requestThreadCpuUsPerTx: r.requestThreadCpuUsPerTx };
    if (singles) {
      // As bench/http.bench.ts: the batches' log is checkpointed first (a few seconds).
      await new Promise((res) => setTimeout(res, 3_000));
      run.singles = [];
      for (let k = 0; k < singles.rounds; k++) {
        const all0 = processCpuMs(server.pid), main0 = processCpuMs(server.pid, true);
        const o = await openLoopInChild({
          url: `${url}/api/v1/transactions`, method: 'POST', headers, ratePerSec: singles.rate, durationSec: singles.seconds, body: `stress:S${k}_`,
        });
        if (o.non2xx + o.errors > 0) throw new Error(`${o.non2xx + o.errors} single requests failed`);
        const all1 = processCpuMs(server.pid), main1 = processCpuMs(server.pid, true);
        const perRequest = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round(((b - a) * 1000) / o.sent));
        run.singles.push({ p50Ms: o.p50Ms, p99Ms: o.p99Ms, serverCpuUsPerRequest: perRequest(all0, all1), requestThreadCpuUsPerRequest: perRequest(main0, main1) });
      }
    }
    return run;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1_000));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : Number((s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2).toFixed(3));
};
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Number((a / b).toFixed(3)));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' }, pairs: { type: 'string' }, batches: { type: 'string' }, bank: { type: 'boolean', default: false },
      singles: { type: 'boolean', default: false }, rate: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '2' },
    },
  });
  if (!values.base) {
    throw new Error('usage: npx tsx bench/http-ab.ts --base REV [--pairs 4] [--batches 60] [--bank] [--singles [--rate 1000] [--seconds 10] [--rounds 2]]');
  }
  const pairs = Number(values.pairs ?? (values.singles ? 3 : 4)), batches = Number(values.batches ?? (values.singles ? 20 : 60));
  const singles = values.singles ? { rate: Number(values.rate), seconds: Number(values.seconds), rounds: Number(values.rounds) } : null;
  const baseRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ab-base-'));
  execFileSync('sh', ['-c', `git archive "$1" | tar -x -C "$2"`, 'sh', values.base, baseRoot], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(baseRoot, 'node_modules'));
  let ref: object = referenceData();
  let bodies = Array.from({ length: batches }, (_, b) => JSON.stringify(Array.from({ length: BATCH }, (_, j) => stressTxn('H', b * BATCH + j))));
  if (values.bank) {
    const bank = bankLikeTraffic(batches * BATCH, 10_000);
    ref = bank.ref;
    bodies = Array.from({ length: batches }, (_, i) => JSON.stringify(bank.records.slice(i * BATCH, (i + 1) * BATCH)));
  }
  type Row = { base: Run; candidate: Run; rate: number | null; serverCpu: number | null; requestThreadCpu: number | null; singleP99?: number | null; singleRequestThreadCpu?: number | null };
  const rows: Row[] = [];
  // Medians over a run's singles rounds.
  const singlesOf = (r: Run, k: 'p99Ms' | 'requestThreadCpuUsPerRequest') => median((r.singles ?? []).map((x) => x[k]).filter((x): x is number => x !== null));
  try {
    for (let k = 0; k < pairs; k++) {
      const first = k % 2 === 0 ? 'base' : 'candidate';
      const a = await batchRun(first === 'base' ? baseRoot : ROOT, ref, bodies, singles);
      const b = await batchRun(first === 'base' ? ROOT : baseRoot, ref, bodies, singles);
      const base = first === 'base' ? a : b, candidate = first === 'base' ? b : a;
      const row: Row = {
        base, candidate, rate: ratio(candidate.txPerSec, base.txPerSec),
        serverCpu: ratio(candidate.serverCpuUsPerTx, base.serverCpuUsPerTx), requestThreadCpu: ratio(candidate.requestThreadCpuUsPerTx, base.requestThreadCpuUsPerTx),
      };
      if (singles) {
        row.singleP99 = ratio(singlesOf(candidate, 'p99Ms'), singlesOf(base, 'p99Ms'));
        row.singleRequestThreadCpu = ratio(singlesOf(candidate, 'requestThreadCpuUsPerRequest'), singlesOf(base, 'requestThreadCpuUsPerRequest'));
      }
      rows.push(row);
      console.log(`pair ${k + 1}: base ${base.txPerSec} tx/s (${base.requestThreadCpuUsPerTx} µs request thread), candidate ${candidate.txPerSec} tx/s (${candidate.requestThreadCpuUsPerTx} µs): rate ×${row.rate}, request-thread CPU ×${row.requestThreadCpu}`);
      if (singles) {
        const show = (r: Run) => (r.singles ?? []).map((x) => `${x.p99Ms} ms / ${x.requestThreadCpuUsPerRequest} µs`).join(', ');
        console.log(`  singles (p99 / request thread per request): base ${show(base)}; candidate ${show(candidate)}: p99 ×${row.singleP99}, CPU ×${row.singleRequestThreadCpu}`);
      }
    }
  } finally {
    fs.rmSync(baseRoot, { recursive: true, force: true });
  }
  const med = (k: 'rate' | 'serverCpu' | 'requestThreadCpu' | 'singleP99' | 'singleRequestThreadCpu') => median(rows.map((r) => r[k]).filter((x): x is number => typeof x === 'number'));
  console.log(JSON.stringify({
    base: values.base, traffic: values.bank ? 'bank-like' : 'stress', batches, singles, pairs: rows,
    median: {
      rate: med('rate'), serverCpuPerTx: med('serverCpu'), requestThreadCpuPerTx: med('requestThreadCpu'),
      ...(singles ? { singleP99: med('singleP99'), singleRequestThreadCpuPerRequest: med('singleRequestThreadCpu') } : {}),
    },
  }, null, 2));
}

void main().catch((err) => { console.error(err); process.exit(1); });
