import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { getService } from '../app/container.ts';
import { withContainer } from './context.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import type { RingsService } from '../rings/rings.service.ts';
import { AppError } from '../shared/errors.ts';
import { registerKnownBadCommand } from './known-bad.command.ts';

const parseTime = (flag: string, v: string): number => {
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new AppError('validation', `${flag} is not a date/time`, [{ path: flag, message: 'use ISO 8601, e.g. 2026-01-01 or 2026-01-01T00:00:00Z' }]);
  return t;
};

export function registerGraphCommand(program: Command): void {
  const graph = program.command('graph').description('transaction-graph analysis (ring / 团伙 mining)');
  graph
    .command('mine')
    .description('mine the transfers of a time window for rings; findings are upserted by key (re-running does not duplicate)')
    .requiredOption('--from <time>', 'window start (ISO 8601, inclusive)')
    .requiredOption('--to <time>', 'window end (ISO 8601, exclusive)')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--json', 'print the summary as JSON')
    .action(async (o: { from: string; to: string; institution: string; json?: boolean }) => {
      const from = parseTime('--from', o.from), to = parseTime('--to', o.to);
      if (from >= to) throw new AppError('validation', '--from must be before --to', [{ path: '--from', message: 'must be before --to' }]);
      await withContainer(async (c) => {
        const rings = getService<RingsService>(c, 'rings');
        const tty = process.stderr.isTTY && !o.json;
        const bar = tty ? new cliProgress.SingleBar({ format: 'graph mine |{bar}| {percentage}% | {phase} {value}/{total} {step}' }, cliProgress.Presets.shades_classic) : null;
        let phase = '';
        const summary = await rings.mineWindow({
          institutionId: o.institution, from, to, trigger: 'cli', actor: { id: 'cli', kind: 'system', institutionId: o.institution },
          onProgress: (p, done, total, step) => {
            if (!bar) return;
            if (p !== phase) { if (phase) bar.stop(); bar.start(Math.max(total, 1), 0, { phase: p, step: '' }); phase = p; }
            bar.update(done, { phase: p, step: step ?? '' });
          },
        });
        bar?.stop();
        if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else {
          process.stdout.write(`${summary.transactions} transfers, ${summary.accounts} accounts: ${summary.findings} findings (${summary.newFindings} new), parameters v${summary.paramsVersion}\n`);
          process.stdout.write(`step timings (ms): ${Object.entries(summary.timings).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        }
      });
    });
  registerKnownBadCommand(graph);
}
