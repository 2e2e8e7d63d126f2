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
const ALL = ['ingest', 'http', 'engine', 'graph'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length ? chosen : ALL;

console.log(`Outpost benchmarks on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
let failed = 0;
for (const name of names) {
  const file = path.join(HERE, `${name}.bench.ts`);
  console.log(`\n== ${name} (${path.relative(process.cwd(), file)})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=6144', file], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.log(`${name}: failed with exit code ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
