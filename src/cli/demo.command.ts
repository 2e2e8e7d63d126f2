import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withContainer } from './context.ts';
import { demoSeedOf } from '../seed/seed.module.ts';
import { generateDemoBank } from '../demo/generator.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { refreshStatistics } from '../store/statistics.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate and load the demo bank (seeded, reproducible; safe to re-run)')
    .option('--seed <n>', 'random seed', (v) => Number(v))
    .option('--scale <x>', 'multiply the sizes (1 = 5,000+ customers, 200,000+ transactions)', (v) => Number(v), 1)
    .action(async (o: { seed?: number; scale: number }) => {
      await withContainer(async (c) => {
        const t0 = Date.now();
        const bank = generateDemoBank({ seed: o.seed, scale: o.scale, endDate: c.clock.now() });
        const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'demo |{bar}| {value}/{total} transactions' }, cliProgress.Presets.shades_classic) : null;
        bar?.start(bank.transactions.length, 0);
        const r = await demoSeedOf(c).load(bank, { ...SYSTEM_ACTOR, institutionId: bank.institution.id }, (p) => { if (p.phase === 'transactions') bar?.update(p.done); });
        bar?.stop();
        await refreshStatistics(c.database); // a bulk load (PostgreSQL: store/statistics.ts)
        process.stdout.write(`demo bank: ${bank.branches.length} branches, ${bank.customers.length} customers, ${bank.accounts.length} accounts; `
          + `${r.accepted} transactions stored, ${r.duplicates} already present, ${r.quarantined} quarantined, ${bank.labels.length} labels; ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      });
    });
}
