import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withContainer } from './context.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import { scenariosOf } from '../scenarios/scenarios.module.ts';
import { AppError } from '../shared/errors.ts';

const parseTime = (flag: string, v: string): number => {
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new AppError('validation', `${flag} is not a date/time`, [{ path: flag, message: 'use ISO 8601, e.g. 2026-01-01 or 2026-01-01T00:00:00Z' }]);
  return t;
};
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('replay stored history through a scenario version (default: its draft) and compare with the active version')
    .requiredOption('--scenario <id>', 'scenario id, e.g. STR-001')
    .requiredOption('--from <time>', 'window start (ISO 8601, inclusive)')
    .requiredOption('--to <time>', 'window end (ISO 8601, exclusive)')
    .option('--version <n>', 'candidate version (default: the draft, else the active version)')
    .option('--warmup-days <n>', 'days of history replayed before --from to fill the windows', '90')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--json', 'print the result as JSON')
    .action(async (o: { scenario: string; from: string; to: string; version?: string; warmupDays: string; institution: string; json?: boolean }) => {
      const from = parseTime('--from', o.from), to = parseTime('--to', o.to);
      await withContainer(async (c) => {
        const bar = process.stderr.isTTY && !o.json
          ? new cliProgress.SingleBar({ format: 'backtest |{bar}| {percentage}% | {value}/{total} transactions read' }, cliProgress.Presets.shades_classic) : null;
        const r = await scenariosOf(c).backtest(o.institution, o.scenario, {
          from, to, version: o.version ? Number(o.version) : undefined, warmupDays: Number(o.warmupDays),
        }, bar ? (read, total) => { if (!bar.isActive) bar.start(total, 0); bar.setTotal(total); bar.update(read); } : undefined).finally(() => bar?.stop());
        if (o.json) { process.stdout.write(`${JSON.stringify(r)}\n`); return; }
        const line = (label: string, s: NonNullable<typeof r.active>) =>
          `${label} v${s.version}: ${s.alerts} alerts on ${s.accounts} accounts; precision ${pct(s.precision)}, recall ${pct(s.recall)} (${s.truePositives} labelled hits)\n`;
        process.stdout.write(`${r.scenarioId}: ${r.transactions} transactions in the window (${r.labelled} labelled), warm-up from ${new Date(r.warmupFrom).toISOString()}\n`);
        process.stdout.write(line('candidate', r.candidate));
        if (r.active) {
          process.stdout.write(line('active   ', r.active));
          process.stdout.write(`both ${r.both}, only candidate ${r.onlyCandidate}, only active ${r.onlyActive}\n`);
        }
        for (const e of r.examples.slice(0, 5)) process.stdout.write(`  ${e.txnId} ${e.accountId} (${e.side}): ${e.reason['zh-CN']}\n`);
      });
    });
}
