import fs from 'node:fs';
import type { Command } from 'commander';
import { withContainer } from './context.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { allBranches } from '../domain/scope.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import type { QuarantineStatus } from '../ingest/quarantine.types.ts';

export function registerQuarantineCommand(program: Command): void {
  const q = program.command('quarantine').description('rejected records and their reasons');
  q.command('list')
    .description('list quarantined records')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--status <status>', 'open | resubmitted | discarded', 'open')
    .option('--source <source>', 'only this source (api, file:NAME, ...)')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
    .option('--json', 'one JSON object per line')
    .action(async (o: { institution: string; status: QuarantineStatus; source?: string; limit: number; json?: boolean }) => {
      await withContainer(async (c) => {
        const { items, total } = await ingestOf(c).quarantine.list(allBranches(o.institution), { status: o.status, source: o.source, page: 1, pageSize: o.limit });
        if (o.json) { for (const i of items) process.stdout.write(`${JSON.stringify(i)}\n`); return; }
        process.stdout.write(`${total} ${o.status} record(s)${total > items.length ? `, showing ${items.length}` : ''}\n`);
        for (const i of items) process.stdout.write(`${i.id}  ${i.source}:${i.position}  ${i.field ?? '-'}  ${i.code}  ${i.reason}\n`);
      });
    });
  q.command('resubmit')
    .description('re-submit a corrected record (JSON file with the whole record)')
    .argument('<id>', 'quarantine id')
    .argument('<file>', 'JSON file with the corrected record')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .action(async (id: string, file: string, o: { institution: string }) => {
      const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      await withContainer(async (c) => {
        const r = await ingestOf(c).quarantine.resubmit(allBranches(o.institution), id, record, { id: 'cli', kind: 'system', institutionId: o.institution });
        process.stdout.write(`${id}: ${r.result.status} as transaction ${r.result.id}\n`);
      });
    });
}
