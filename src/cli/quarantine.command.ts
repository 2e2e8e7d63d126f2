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
    .option('--code <code>', 'only this reason code (unknown_account, currency, ...)')
    .option('--field <field>', 'only records whose first error is on this field')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
    .option('--json', 'one JSON object per line')
    .action(async (o: { institution: string; status: QuarantineStatus; source?: string; code?: string; field?: string; limit: number; json?: boolean }) => {
      await withContainer(async (c) => {
        const { items, total } = await ingestOf(c).quarantine.list(allBranches(o.institution), { status: o.status, source: o.source, code: o.code, field: o.field, page: 1, pageSize: o.limit });
        if (o.json) { for (const i of items) process.stdout.write(`${JSON.stringify(i)}\n`); return; }
        process.stdout.write(`${total} ${o.status} record(s)${total > items.length ? `, showing ${items.length}` : ''}\n`);
        for (const i of items) process.stdout.write(`${i.id}  ${i.source}:${i.position}  ${i.field ?? '-'}  ${i.code}  ${i.reason}\n`);
      });
    });
  q.command('summary')
    .description('open records per source, reason code and field, most first')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .action(async (o: { institution: string }) => {
      await withContainer(async (c) => {
        const groups = await ingestOf(c).quarantine.summary(allBranches(o.institution));
        if (groups.length === 0) process.stdout.write('no open records\n');
        for (const g of groups) process.stdout.write(`${String(g.open).padStart(9)}  ${g.source}  ${g.code}  ${g.field ?? '-'}  oldest ${new Date(g.oldest).toISOString()}\n`);
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
        const r = await ingestOf(c).quarantine.resubmit(allBranches(o.institution), id, record, CLI_ACTOR(o.institution));
        process.stdout.write(`${id}: ${r.result.status} as transaction ${r.result.id}\n`);
      });
    });
  q.command('retry')
    .description('try open records again as they are, e.g. after the reference load that brings their accounts (oldest first)')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--source <source>', 'only this source (api, file:NAME, ...)')
    .option('--code <code>', 'only this reason code (unknown_account, ...)')
    .option('--field <field>', 'only records whose first error is on this field')
    .action(async (o: { institution: string } & Match) => {
      await withContainer(async (c) => {
        const svc = ingestOf(c).quarantine;
        const sum = { examined: 0, resubmitted: 0, duplicates: 0, stillFailing: 0, skipped: 0 };
        let after: string | null = null;
        do {
          const r = await svc.retry(allBranches(o.institution), match(o), after, 2_000, CLI_ACTOR(o.institution));
          for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += r[k];
          after = r.next;
          if (process.stderr.isTTY) process.stderr.write(`\r${sum.examined} examined`);
        } while (after !== null);
        if (process.stderr.isTTY) process.stderr.write('\n');
        process.stdout.write(`${sum.examined} examined: ${sum.resubmitted} stored, ${sum.duplicates} already stored, ${sum.stillFailing} still failing (left open)`
          + `${sum.skipped > 0 ? `, ${sum.skipped} resolved meanwhile by someone else` : ''}\n`);
      });
    });
  q.command('discard')
    .description('discard every open record matching a source, code or field, with a reason')
    .requiredOption('--reason <text>', 'why they are discarded (kept in the audit log)')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--source <source>', 'only this source (api, file:NAME, ...)')
    .option('--code <code>', 'only this reason code')
    .option('--field <field>', 'only records whose first error is on this field')
    .action(async (o: { institution: string; reason: string } & Match) => {
      await withContainer(async (c) => {
        const r = await ingestOf(c).quarantine.discardMatching(allBranches(o.institution), match(o), o.reason, CLI_ACTOR(o.institution));
        process.stdout.write(`${r.discarded} record(s) discarded\n`);
      });
    });
}

type Match = { source?: string; code?: string; field?: string };
const match = (o: Match): Match => ({ source: o.source, code: o.code, field: o.field });
const CLI_ACTOR = (institutionId: string) => ({ id: 'cli', kind: 'system' as const, institutionId });
