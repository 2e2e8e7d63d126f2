import type { Command } from 'commander';
import { getService } from '../app/container.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { exportLines } from '../audit/audit.export.ts';
import { withContainer } from './context.ts';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description('verify the hash chain; exits 1 and names the first bad event if any was edited or deleted')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const result = await withContainer((c) => getService<AuditService>(c, 'auditLog').verify());
      if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) process.stdout.write(`audit chain OK: ${result.checked} events, head seq ${result.headSeq ?? '-'} hash ${result.headHash ?? '-'}\n`);
      else process.stdout.write(`audit chain BROKEN at seq ${result.firstBadSeq}: ${result.reason} (${result.checked} events checked)\n`);
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('export')
    .description('write audit events of an institution to stdout (CSV or JSON Lines), oldest first')
    .requiredOption('--institution <id>', 'institution id')
    .option('--format <format>', 'csv or jsonl', 'csv')
    .option('--from <ms>', 'from (epoch ms)')
    .option('--to <ms>', 'to (epoch ms, exclusive)')
    .action(async (opts: { institution: string; format: string; from?: string; to?: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'jsonl') throw new Error('--format must be csv or jsonl');
      const format = opts.format;
      await withContainer(async (c) => {
        const s = getService<AuditService>(c, 'auditLog');
        const f = { institutionId: opts.institution, from: opts.from ? Number(opts.from) : undefined, to: opts.to ? Number(opts.to) : undefined };
        for await (const line of exportLines(s.all(f), format)) {
          if (!process.stdout.write(line)) await new Promise((r) => process.stdout.once('drain', r));
        }
      });
    });
}
