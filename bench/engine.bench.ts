/**
 * Engine throughput benchmark: 1,000,000 synthetic pre-parsed transactions over 100,000 accounts
 * (deterministic seed). Measures, in the same run, a baseline loop that only keeps one exact 24h
 * sliding sum per debit account, then the engine scoring every transaction with all built-in
 * scenarios. Prints tx/s of both, the ratio, and memory deltas.
 *   npx tsx bench/engine.bench.ts [transactions] [accounts]
 * Profile a smaller run with: node --cpu-prof --import tsx bench/engine.bench.ts 300000 30000
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Transaction } from '../src/domain/transaction.ts';
import { builtInScenarios, createEngine, mapProfileLookup } from '../src/engine/index.ts';
import { generateTraffic } from '../src/engine/testing/synthetic.ts';

export interface EngineBenchResult {
  transactions: number;
  accounts: number;
  scenarios: number;
  /** Throughput on process CPU time (user + system; robust on a shared machine, counts GC threads). */
  baselineTxPerSec: number;
  engineTxPerSec: number;
  ratio: number;
  /** Throughput on wall-clock time. */
  baselineWallTxPerSec: number;
  engineWallTxPerSec: number;
  heapUsedDeltaMB: number;
  rssDeltaMB: number;
  /** Memory in transparent huge pages after the run (Linux), or null when unknown. */
  hugePagesMB: number | null;
  /**
   * Minor page faults while scoring (first touches of fresh memory, ~12 µs each on the benchmark's
   * virtual machine): a deterministic measure of the state's growth, unlike the timings.
   */
  pageFaults: number;
  hits: number;
  decisions: Record<string, number>;
}

const DAY = 86_400_000;

/** One exact 24h sliding sum per debit account: interning, a linked event queue per account. */
function baseline(txns: Transaction[]): number {
  const ids = new Map<string, number>();
  const n = txns.length;
  const evT = new Float64Array(n), evA = new Float64Array(n), evN = new Int32Array(n).fill(-1);
  let cap = 1 << 17;
  let sum = new Float64Array(cap), tail = new Int32Array(cap).fill(-1), head = new Int32Array(cap).fill(-1);
  let check = 0;
  for (let i = 0; i < n; i++) {
    const t = txns[i];
    const key = t.debitAccount ?? t.creditAccount!;
    let s = ids.get(key);
    if (s === undefined) {
      s = ids.size;
      ids.set(key, s);
      if (s >= cap) {
        cap *= 2;
        const ns = new Float64Array(cap); ns.set(sum); sum = ns;
        const nt = new Int32Array(cap).fill(-1); nt.set(tail); tail = nt;
        const nh = new Int32Array(cap).fill(-1); nh.set(head); head = nh;
      }
    }
    const now = t.occurredAt;
    let x = tail[s];
    while (x !== -1 && evT[x] <= now - DAY) { sum[s] -= evA[x]; x = evN[x]; }
    tail[s] = x;
    evT[i] = now; evA[i] = t.amountMinor;
    if (head[s] !== -1) evN[head[s]] = i;
    head[s] = i;
    if (tail[s] === -1) tail[s] = i;
    sum[s] += t.amountMinor;
    check += sum[s] > 5_000_000 ? 1 : 0;
  }
  return check;
}

/**
 * Anonymous memory of this process in transparent huge pages. With the kernel's THP mode
 * `madvise` (this machine's), the engine's typed arrays get huge pages only when the process runs
 * with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (docs/features.md, "Performance").
 */
function hugePagesMB(): number | null {
  try {
    const m = /AnonHugePages:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const cpuSec = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const mem = () => { (globalThis as { gc?: () => void }).gc?.(); return process.memoryUsage(); };

export async function run(nTx = 1_000_000, nAcc = 100_000): Promise<EngineBenchResult> {
  const { txns, profiles } = generateTraffic(nTx, nAcc);
  // The profiles do not change during the run, as the reference directory between reference loads
  // (it reports a version that moves only when an account is put: ProfileLookup.version).
  const lookup = mapProfileLookup(profiles, { unchanging: true });

  baseline(txns.slice(0, 50_000)); // warm-up
  const b0 = process.hrtime.bigint(), bc = process.cpuUsage();
  baseline(txns);
  const baseWall = Number(process.hrtime.bigint() - b0) / 1e9;
  const baseCpu = cpuSec(process.cpuUsage(bc));

  const m0 = mem();
  const engine = createEngine({ profiles: lookup, scenarios: builtInScenarios, explain: true });
  let hits = 0;
  const decisions: Record<string, number> = { allow: 0, review: 0, block: 0 };
  const f0 = process.resourceUsage().minorPageFault;
  const e0 = process.hrtime.bigint(), ec = process.cpuUsage();
  for (let i = 0; i < txns.length; i++) {
    const res = engine.score(txns[i]);
    hits += res.hits.length;
    decisions[res.decision]++;
  }
  const engWall = Number(process.hrtime.bigint() - e0) / 1e9;
  const engCpu = cpuSec(process.cpuUsage(ec));
  const faults = process.resourceUsage().minorPageFault - f0;
  const m1 = mem();
  const huge = hugePagesMB();
  const result: EngineBenchResult = {
    transactions: nTx, accounts: nAcc, scenarios: builtInScenarios.length,
    baselineTxPerSec: Math.round(nTx / baseCpu),
    engineTxPerSec: Math.round(nTx / engCpu),
    ratio: Math.round((baseCpu / engCpu) * 1000) / 1000,
    baselineWallTxPerSec: Math.round(nTx / baseWall),
    engineWallTxPerSec: Math.round(nTx / engWall),
    heapUsedDeltaMB: Math.round((m1.heapUsed - m0.heapUsed) / 1e6),
    rssDeltaMB: Math.round((m1.rss - m0.rss) / 1e6),
    hugePagesMB: huge,
    pageFaults: faults,
    hits, decisions,
  };
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const nTx = Number(process.argv[2] ?? 1_000_000);
  const nAcc = Number(process.argv[3] ?? 100_000);
  void run(nTx, nAcc).then((r) => {
  console.log(`engine bench: ${r.transactions.toLocaleString()} transactions, ${r.accounts.toLocaleString()} accounts, ${r.scenarios} scenarios`);
  console.log(`  baseline (one 24h sum per account): ${r.baselineTxPerSec.toLocaleString()} tx/s CPU (${r.baselineWallTxPerSec.toLocaleString()} wall)`);
  console.log(`  engine (all built-in scenarios):    ${r.engineTxPerSec.toLocaleString()} tx/s CPU (${r.engineWallTxPerSec.toLocaleString()} wall)`);
  console.log(`  ratio engine/baseline: ${r.ratio} (target ≥ 0.1; absolute target ≥ 100,000 tx/s)`);
  console.log(`  memory delta: heapUsed ${r.heapUsedDeltaMB} MB, rss ${r.rssDeltaMB} MB; in transparent huge pages: ${r.hugePagesMB ?? '?'} MB; page faults while scoring: ${r.pageFaults.toLocaleString()}`);
  console.log(`  hits ${r.hits.toLocaleString()}, decisions ${JSON.stringify(r.decisions)}`);
  });
}
