import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withContainer } from './context.ts';
import { encodingOption, withEncodingOption } from './file-options.ts';
import { formatOf, openFile, readRecords, type FileFormat } from '../ingest/file-reader.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import { loadReferenceFile, type FileLoadResult } from '../reference/reference-file.ts';
import type { ReferenceKind } from '../reference/reference.schema.ts';
import { AppError } from '../shared/errors.ts';

/** Records per load (one transaction each): short enough that a server beside it waits little for the write lock. */
const REFERENCE_BATCH = 2_000;
/** Problems printed per file; the counts are always whole. */
const PRINTED = 50;

const KINDS: ReferenceKind[] = ['branches', 'customers', 'accounts', 'identifiers'];

export function registerReferenceCommand(program: Command): void {
  const reference = program.command('reference').description('reference data: branches, customers, accounts and their identifiers');
  withEncodingOption(reference
    .command('load')
    .description('put reference records from CSV or JSONL files (the core system\'s daily extracts): new ones inserted, stored ones replaced; '
      + 'loaded in the order branches, customers, accounts, identifiers; a bad record is reported with its line and the rest loaded'))
    .option('--branches <file>', 'branches: id, parent_id, code, name, level')
    .option('--customers <file>', 'customers: id, branch_id, kind, name, id_number, phone, address, birth_date, occupation, risk_level, kyc_date, kyc_review_date')
    .option('--accounts <file>', 'accounts: id, branch_id, customer_id, type, status, currency, opened_at')
    .option('--identifiers <file>', 'identifiers: account_id, kind (device / phone / ip / address), value')
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--batch <n>', 'records per committed load', (v) => Number(v), REFERENCE_BATCH)
    .option('--json', 'print the results as JSON')
    .action(async (o: Partial<Record<ReferenceKind, string>> & { institution: string; encoding: string; batch: number; json?: boolean }) => {
      const files = KINDS.filter((k) => o[k]).map((kind) => ({ kind, file: o[kind]! }));
      if (files.length === 0) throw new AppError('validation', 'name at least one file: --branches, --customers, --accounts or --identifiers');
      if (!Number.isInteger(o.batch) || o.batch < 1) throw new AppError('validation', '--batch must be a positive whole number');
      const encoding = encodingOption(o.encoding);
      for (const f of files) {
        if (!formatOf(f.file)) throw new AppError('validation', `cannot tell the format of ${f.file}: name it .csv or .jsonl`);
      }
      const results: FileLoadResult[] = [];
      await withContainer(async (c) => {
        const svc = referenceServiceOf(c);
        const actor = { id: 'cli', kind: 'system' as const, institutionId: o.institution };
        for (const { kind, file } of files) {
          const { stream, size } = openFile(file);
          const bar = process.stderr.isTTY && !o.json
            ? new cliProgress.SingleBar({ format: `${kind} |{bar}| {percentage}% | {processed} records | {loaded} loaded | {rejected} rejected` }, cliProgress.Presets.shades_classic)
            : null;
          bar?.start(size, 0, { processed: 0, loaded: 0, rejected: 0 });
          const r = await loadReferenceFile((i, d, a) => svc.load(i, d, a), o.institution, kind,
            readRecords(stream, formatOf(file) as FileFormat, o.batch, encoding), actor,
            (p) => bar?.update(stream.bytesRead, { processed: p.processed, loaded: p.loaded, rejected: p.rejected }));
          bar?.update(size);
          bar?.stop();
          results.push(r);
          if (!o.json) {
            process.stdout.write(`${path.basename(file)} (${kind}): ${r.processed} records, ${r.loaded} loaded (${r.updated} replaced stored ones), ${r.rejected} rejected\n`);
            const q = r.quarantine;
            if (q.examined > 0) process.stdout.write(`  quarantined transactions that lacked these records, tried again: ${q.examined}, ${q.resubmitted} stored, ${q.duplicates} already stored, ${q.stillFailing} still failing\n`);
            for (const p of r.problems.slice(0, PRINTED)) process.stdout.write(`  line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}\n`);
            if (r.rejected > PRINTED) process.stdout.write(`  … and ${r.rejected - PRINTED} more (--json lists up to ${r.problems.length})\n`);
          }
        }
      });
      if (o.json) process.stdout.write(`${JSON.stringify(results)}\n`);
      // Automation must notice records left out: they are named above, the rest is loaded.
      if (results.some((r) => r.rejected > 0)) process.exitCode = 2;
    });
}
