/**
 * `npm run bench`: runs every benchmark in its own process (so one's memory does not weigh on the
 * next) and prints each one's figures. Each reports ratios against a baseline measured in the same
 * run, because this machine is shared and absolute rates vary with its load.
 * Select some with `npm run bench -- ingest engine`.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ALL = ['ingest', 'http', 'engine', 'restart', 'graph', 'ingest-scale'];
/**
 * The targets of these are "on one core": their process (V8's collector threads and SQLite's
 * checkpoint thread included) is pinned to one CPU with taskset where it exists, so neither CPU
 * time nor wall time counts a second core. `BENCH_PIN=0` runs them unpinned. The HTTP benchmark
 * runs a server and its clients and stays unpinned.
 */
const ONE_CORE = new Set(['ingest', 'engine', 'restart', 'graph', 'ingest-scale']);
const pin = process.env.BENCH_PIN !== '0' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length ? chosen : ALL;

console.log(`Outpost benchmarks on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
let failed = 0;
for (const name of names) {
  const file = path.join(HERE, `${name}.bench.ts`);
  const pinned = pin && ONE_CORE.has(name);
  console.log(`\n== ${name} (${path.relative(process.cwd(), file)}${pinned ? ', pinned to one core: taskset -c 0' : ''})`);
  const node = [process.execPath, '--import', 'tsx', '--max-old-space-size=6144', file];
  const r = pinned ? spawnSync('taskset', ['-c', '0', ...node], { stdio: 'inherit', env: process.env })
    : spawnSync(node[0], node.slice(1), { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.log(`${name}: failed with exit code ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
