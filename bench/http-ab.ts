/**
 * A/B of HTTP batch ingest between a commit and this working tree, for changes smaller than this
 * VM's drift (single runs of the same tree move by ±20%): the batch phase of bench/http.bench.ts on a
 * fresh server from each tree in turn, the order swapped every pair (base first, then candidate
 * first, ...), and for every pair the throughput and the server's CPU per transaction (all threads,
 * and the request thread alone) with the candidate/base ratios and their medians.
 *   npx tsx bench/http-ab.ts --base REV [--pairs 4] [--batches 60] [--bank]
 * The base is `git archive REV` unpacked under the OS temp directory with this tree's node_modules
 * linked in; `--bank` sends bank-like traffic instead of the stress stream.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { stressTxn } from './stress-traffic.ts';
import { bankLikeTraffic, KEY, measuredBatches, referenceData, ROOT, startServer } from './http-server.ts';

const BATCH = 1_000;

interface Run { txPerSec: number; serverCpuUsPerTx: number | null; requestThreadCpuUsPerTx: number | null }

async function batchRun(root: string, ref: object, bodies: string[]): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ab-'));
  const port = 19_000 + Math.floor(Math.random() * 1_000);
  const server = await startServer(dir, port, undefined, root);
  const url = `http://127.0.0.1:${port}`;
  const headers = { 'x-api-key': KEY, 'content-type': 'application/json' };
  try {
    const loaded = await fetch(`${url}/api/v1/reference`, { method: 'POST', headers, body: JSON.stringify(ref) });
    if (!loaded.ok) throw new Error(`reference load failed: ${loaded.status} ${await loaded.text()}`);
    const r = await measuredBatches(server, `${url}/api/v1/transactions`, headers, bodies, bodies.length * BATCH);
    return { txPerSec: Math.round((bodies.length * BATCH) / r.seconds), serverCpuUsPerTx: r.serverCpuUsPerTx, requestThreadCpuUsPerTx: r.requestThreadCpuUsPerTx };
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
  const { values } = parseArgs({ options: { base: { type: 'string' }, pairs: { type: 'string', default: '4' }, batches: { type: 'string', default: '60' }, bank: { type: 'boolean', default: false } } });
  if (!values.base) throw new Error('usage: npx tsx bench/http-ab.ts --base REV [--pairs 4] [--batches 60] [--bank]');
  const pairs = Number(values.pairs), batches = Number(values.batches);
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
  const rows: Array<{ base: Run; candidate: Run; rate: number | null; serverCpu: number | null; requestThreadCpu: number | null }> = [];
  try {
    for (let k = 0; k < pairs; k++) {
      const first = k % 2 === 0 ? 'base' : 'candidate';
      const a = await batchRun(first === 'base' ? baseRoot : ROOT, ref, bodies);
      const b = await batchRun(first === 'base' ? ROOT : baseRoot, ref, bodies);
      const base = first === 'base' ? a : b, candidate = first === 'base' ? b : a;
      const row = {
        base, candidate, rate: ratio(candidate.txPerSec, base.txPerSec),
        serverCpu: ratio(candidate.serverCpuUsPerTx, base.serverCpuUsPerTx), requestThreadCpu: ratio(candidate.requestThreadCpuUsPerTx, base.requestThreadCpuUsPerTx),
      };
      rows.push(row);
      console.log(`pair ${k + 1}: base ${base.txPerSec} tx/s (${base.requestThreadCpuUsPerTx} µs request thread), candidate ${candidate.txPerSec} tx/s (${candidate.requestThreadCpuUsPerTx} µs): rate ×${row.rate}, request-thread CPU ×${row.requestThreadCpu}`);
    }
  } finally {
    fs.rmSync(baseRoot, { recursive: true, force: true });
  }
  const med = (k: 'rate' | 'serverCpu' | 'requestThreadCpu') => median(rows.map((r) => r[k]).filter((x): x is number => x !== null));
  console.log(JSON.stringify({
    base: values.base, traffic: values.bank ? 'bank-like' : 'stress', batches, pairs: rows,
    median: { rate: med('rate'), serverCpuPerTx: med('serverCpu'), requestThreadCpuPerTx: med('requestThreadCpu') },
  }, null, 2));
}

void main().catch((err) => { console.error(err); process.exit(1); });
