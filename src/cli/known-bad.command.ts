import fs from 'node:fs';
import type { Command } from 'commander';
import { getService } from '../app/container.ts';
import { withContainer } from './context.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import type { KnownBadService } from '../rings/known-bad.service.ts';
import { KnownBadAddBody, KnownBadRemoveBody } from '../rings/known-bad.schema.ts';
import { KNOWN_BAD_SOURCES, type KnownBadSource } from '../rings/rings.tables.ts';
import { issueDetails, validation } from '../shared/errors.ts';

const cliActor = (institutionId: string) => ({ id: 'cli', kind: 'system' as const, institutionId });

/** Checks a command's input with the API's own schema, so both refuse the same things with the same paths. */
function checked<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw validation('invalid input', issueDetails(r.error.issues));
  return r.data;
}

/** `outpost graph known-bad …`: the known-bad account list (docs/rings.md), for scripts that receive notices as files. */
export function registerKnownBadCommand(graph: Command): void {
  const kb = graph.command('known-bad').description('the known-bad account list (已知涉案账户名单) that mining scores against and the engine checks');
  kb.command('list')
    .description('print the list, newest first (account, source, reference, when, note)')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--source <source>', KNOWN_BAD_SOURCES.join(' | '))
    .option('--json', 'one JSON object per line')
    .action(async (o: { institution: string; source?: KnownBadSource; json?: boolean }) => {
      await withContainer(async (c) => {
        const { items, total } = await getService<KnownBadService>(c, 'ringsKnownBad').list(o.institution, { source: o.source, page: 1, pageSize: 100_000 });
        if (o.json) { for (const e of items) process.stdout.write(`${JSON.stringify(e)}\n`); return; }
        process.stdout.write(`${total} listed account(s)\n`);
        for (const e of items) process.stdout.write(`${e.accountId}  ${e.source}  ${e.reference ?? '-'}  ${new Date(e.addedAt).toISOString()}  ${e.note ?? ''}\n`);
      });
    });
  kb.command('add')
    .description('list accounts (arguments, and/or --file with one account per line); accounts already listed are left as they are')
    .argument('[accounts...]', 'account ids')
    .requiredOption('--source <source>', KNOWN_BAD_SOURCES.join(' | '))
    .option('--file <path>', 'file with one account id per line (a notice\'s list)')
    .option('--reference <text>', 'the notice\'s, report\'s or case\'s number')
    .option('--note <text>', 'note')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .action(async (accounts: string[], o: { source: string; file?: string; reference?: string; note?: string; institution: string }) => {
      const fromFile = o.file ? fs.readFileSync(o.file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [];
      const ids = [...new Set([...accounts, ...fromFile])];
      const { entries } = checked(KnownBadAddBody, { entries: ids.map((accountId) => ({ accountId, source: o.source, reference: o.reference ?? null, note: o.note ?? null })) });
      await withContainer(async (c) => {
        const r = await getService<KnownBadService>(c, 'ringsKnownBad').add(o.institution, entries, cliActor(o.institution));
        process.stdout.write(`${r.added.length} added, ${r.unchanged.length} already listed\n`);
      });
    });
  kb.command('remove')
    .description('take an account off the list, with the reason (audited)')
    .argument('<account>', 'account id')
    .requiredOption('--reason <text>', 'why the account leaves the list')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .action(async (account: string, o: { reason: string; institution: string }) => {
      const { reason } = checked(KnownBadRemoveBody, { reason: o.reason });
      await withContainer(async (c) => {
        await getService<KnownBadService>(c, 'ringsKnownBad').remove(o.institution, account, reason, cliActor(o.institution));
        process.stdout.write(`${account} removed from the known-bad list\n`);
      });
    });
}
