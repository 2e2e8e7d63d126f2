/**
 * Ring-mining benchmark: synthetic 5,000,000 transactions over 500,000 accounts in 30 days
 * (scale with GRAPH_BENCH_SCALE, e.g. 0.1 for a quick check). Reports the time to build the CSR
 * graph (the baseline) and the time of each detector step as a ratio to it, plus peak memory.
 * Every account also has identifiers (phone, address, device, IPs) for the shared-identifier detector.
 * Targets (issue 13): everything ≤ 60 s on one core, ≤ 4 GiB.
 *
 * Run: `npx tsx bench/graph.bench.ts` (bench/run.ts calls `run()`).
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { buildGraph, type GraphEdgeInput } from '../src/graph/graph.ts';
import { mine } from '../src/graph/mine.ts';
import { accountFeatures } from '../src/graph/features.ts';
import { DEFAULT_DETECTOR_PARAMS } from '../src/graph/params.schema.ts';
import { seededRng } from '../src/graph/communities.ts';
import type { AccountIdentifiers } from '../src/graph/detectors/shared-identifier.ts';

const DAY = 86_400_000;

export interface GraphBenchResult {
  transactions: number;
  accounts: number;
  buildMs: number;
  /** Wall time and CPU time per step, each also as a ratio to building the CSR graph. */
  steps: Record<string, { ms: number; ratioToBuild: number; cpuMs: number; cpuRatioToBuild: number }>;
  featuresMs: number;
  totalMs: number;
  /** CPU time (user + system) of the process: on a shared machine wall time includes waiting for a core. */
  cpuMs: { build: number; mine: number; features: number; total: number };
  findings: number;
  rings: number;
  peakRssMiB: number;
  heapUsedMiB: number;
}

/**
 * Bank-like synthetic traffic: 70% of transfers go to each account's 1–4 regular counterparties
 * (salary, rent, family), 30% are one-off transfers, a quarter of those to a few thousand busy
 * merchants. Rings of every typology are planted so the detectors do real work.
 */
export function* syntheticTransactions(n: number, accounts: number, seed = 7): Generator<GraphEdgeInput> {
  const rnd = seededRng(seed);
  const int = (k: number) => Math.floor(rnd() * k);
  const merchants = Math.max(10, Math.floor(accounts / 200));
  const amount = () => Math.round(100 * Math.exp(4 + 2 * rnd()));
  const regular = (a: number, k: number) => (a * 2654435761 + (k + 1) * 40503) % accounts;
  const span = 30 * DAY;
  const rings = Math.floor(n / 2000);
  let id = 0;
  const planted = (src: number, dst: number, amt: number, t: number): GraphEdgeInput => ({
    txnId: `r${id++}`, src: `a${src}`, dst: `a${dst}`, amount: amt, time: t,
  });
  for (let i = 0; i < n - rings * 12; i++) {
    const src = int(accounts);
    const r = rnd();
    const dst = r < 0.7 ? regular(src, int(1 + (src % 4))) : r < 0.775 ? int(merchants) : int(accounts);
    if (dst === src) continue;
    yield { txnId: `t${id++}`, src: `a${src}`, dst: `a${dst}`, amount: amount(), time: Math.floor((i / n) * span) };
  }
  for (let k = 0; k < rings; k++) {
    const base = int(accounts - 20), t0 = int(20) * DAY;
    const kind = k % 4;
    if (kind === 0) for (let j = 1; j <= 6; j++) yield planted(base, base + j, 50_000, t0 + j * DAY); // fan-out
    if (kind === 1) for (let j = 0; j < 5; j++) yield planted(base + j, base + ((j + 1) % 5), 80_000 - j * 1000, t0 + j * DAY); // cycle
    if (kind === 2) for (let j = 1; j <= 3; j++) { yield planted(base, base + j, 100_000, t0); yield planted(base + j, base + 9, 90_000, t0 + DAY); } // scatter-gather
    if (kind === 3) for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) yield planted(base + a, base + 10 + b, 30_000, t0 + DAY); // bipartite
  }
}

/**
 * Identifiers of every account, as the store hands them to the shared-identifier detector (keyed
 * hashes, 64 hex characters): a phone each; an address per household of 1–4 accounts; a device
 * each, except that every 50th group of 5 accounts shares one (mule herding), and a home IP per
 * household plus, for a fifth of the accounts, an office IP shared by 40 (above the detector's
 * per-identifier limit, as a carrier NAT would be).
 */
export function syntheticIdentifiers(accounts: number, seed = 11): AccountIdentifiers[] {
  const rnd = seededRng(seed);
  // Flat strings, as a database driver returns them: `repeat` alone leaves a tree of three joined
  // strings per value, three times the heap objects every collection marks.
  const hash = (kind: number, n: number) => Buffer.from(((Math.imul(n + 1, 2654435761) ^ Math.imul(kind + 1, 40503)) >>> 0).toString(16).padStart(8, '0').repeat(8), 'latin1').toString('latin1');
  const out: AccountIdentifiers[] = [];
  let household = 0, left = 0;
  for (let a = 0; a < accounts; a++) {
    if (left === 0) { household = a; left = 1 + Math.floor(rnd() * 4); }
    left--;
    const group = Math.floor(a / 5);
    const identifiers: AccountIdentifiers['identifiers'] = [
      { kind: 'phone', value: hash(0, a) },
      { kind: 'address', value: hash(1, household) },
      { kind: 'device', value: group % 50 === 0 ? hash(2, accounts + group) : hash(2, a) },
      { kind: 'ip', value: hash(3, household) },
    ];
    if (rnd() < 0.2) identifiers.push({ kind: 'ip', value: hash(4, Math.floor(rnd() * (accounts / 200))) });
    out.push({ account: `a${a}`, identifiers });
  }
  return out;
}

/**
 * The generated rows as numbers (an id's letter and number, accounts' numbers), off the heap: each
 * row streamed into the build gets fresh strings, as a store cursor's rows do. Holding the 15 million
 * id strings of 5,000,000 rows for the whole run instead (as this bench did until 2026-12-07) made
 * every full garbage collection of the mining run mark them, a heap no miner has (total ×0.9).
 */
interface Columns { n: number; txnLetter: Uint8Array; txnNo: Float64Array; src: Int32Array; dst: Int32Array; amount: Float64Array; time: Float64Array }

function toColumns(rows: Iterable<GraphEdgeInput>): Columns {
  const letter: number[] = [], no: number[] = [], src: number[] = [], dst: number[] = [], amount: number[] = [], time: number[] = [];
  for (const r of rows) {
    letter.push(r.txnId.charCodeAt(0)); no.push(Number(r.txnId.slice(1)));
    src.push(Number(r.src.slice(1))); dst.push(Number(r.dst.slice(1)));
    amount.push(r.amount); time.push(r.time);
  }
  return {
    n: no.length, txnLetter: Uint8Array.from(letter), txnNo: Float64Array.from(no), src: Int32Array.from(src), dst: Int32Array.from(dst),
    amount: Float64Array.from(amount), time: Float64Array.from(time),
  };
}

function* streamColumns(c: Columns): Generator<GraphEdgeInput> {
  const row: GraphEdgeInput = { txnId: '', src: '', dst: '', amount: 0, time: 0 };
  for (let i = 0; i < c.n; i++) {
    row.txnId = `${String.fromCharCode(c.txnLetter[i])}${c.txnNo[i]}`; row.src = `a${c.src[i]}`; row.dst = `a${c.dst[i]}`;
    row.amount = c.amount[i]; row.time = c.time[i];
    yield row;
  }
}

export function run(): GraphBenchResult {
  const scale = Number(process.env.GRAPH_BENCH_SCALE ?? 1);
  const n = Math.floor(5_000_000 * scale), accounts = Math.floor(500_000 * scale);
  // Generation is outside the measurement: rows are generated into columns first, then streamed
  // into buildGraph through one reused row object with fresh id strings (as a store cursor hands rows over).
  const cols = toColumns(syntheticTransactions(n, accounts));
  const identifiers = syntheticIdentifiers(accounts);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const tb = performance.now(), cb = cpu();
  const graph = buildGraph(streamColumns(cols));
  const buildMs = performance.now() - tb, buildCpuMs = cpu() - cb;
  const params = DEFAULT_DETECTOR_PARAMS;
  const cm = cpu();
  const stepCpu: Record<string, number> = {};
  let last = cm;
  const result = mine({ graph, params, identifiers, onStep: (step) => { const now = cpu(); stepCpu[step] = now - last; last = now; } });
  const mineCpuMs = cpu() - cm;
  const tf = performance.now(), cf = cpu();
  accountFeatures(graph, { params, windowsMs: [DAY, 7 * DAY, 30 * DAY], findings: result.findings, fanMax: result.fanMax });
  const featuresMs = performance.now() - tf, featuresCpuMs = cpu() - cf;
  const steps: GraphBenchResult['steps'] = {};
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  for (const [k, ms] of Object.entries(result.timings)) {
    steps[k] = { ms: Math.round(ms), ratioToBuild: ratio(ms, buildMs), cpuMs: Math.round(stepCpu[k] ?? 0), cpuRatioToBuild: ratio(stepCpu[k] ?? 0, buildCpuMs) };
  }
  steps.features = { ms: Math.round(featuresMs), ratioToBuild: ratio(featuresMs, buildMs), cpuMs: Math.round(featuresCpuMs), cpuRatioToBuild: ratio(featuresCpuMs, buildCpuMs) };
  const mineMs = Object.values(result.timings).reduce((s, x) => s + (x ?? 0), 0);
  return {
    transactions: graph.edgeCount,
    accounts: graph.nodeCount,
    buildMs: Math.round(buildMs),
    steps,
    featuresMs: Math.round(featuresMs),
    totalMs: Math.round(buildMs + mineMs + featuresMs),
    cpuMs: { build: Math.round(buildCpuMs), mine: Math.round(mineCpuMs), features: Math.round(featuresCpuMs), total: Math.round(buildCpuMs + mineCpuMs + featuresCpuMs) },
    findings: result.findings.length,
    rings: result.rings.length,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = run();
  console.log(`graph bench: ${r.transactions} transactions, ${r.accounts} accounts`);
  console.log(`  build CSR (baseline): wall ${r.buildMs} ms, CPU ${r.cpuMs.build} ms`);
  for (const [k, v] of Object.entries(r.steps)) {
    console.log(`  ${k.padEnd(18)} wall ${String(v.ms).padStart(7)} ms ×${v.ratioToBuild} | CPU ${String(v.cpuMs).padStart(7)} ms ×${v.cpuRatioToBuild} of build`);
  }
  console.log(`  total (build + all detectors + scoring + communities + features): wall ${r.totalMs} ms, CPU ${r.cpuMs.total} ms (target ≤ 60,000 on one core)`);
  console.log(`  findings ${r.findings}, rings ${r.rings}; peak RSS ${r.peakRssMiB} MiB (target ≤ 4,096), heap used ${r.heapUsedMiB} MiB`);
}
