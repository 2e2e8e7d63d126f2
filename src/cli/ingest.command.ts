import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withContainer } from './context.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { formatOf, openFile, type FileFormat } from '../ingest/file-reader.ts';
import { encodingOption, withEncodingOption } from './file-options.ts';
import { FILE_BATCH_RECORDS, ingestStream } from '../ingest/file-ingest.service.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import { AppError } from '../shared/errors.ts';

export function registerIngestCommand(program: Command): void {
  withEncodingOption(program
    .command('ingest')
    .description('ingest a CSV or JSONL file of transactions (streamed; each batch commits on its own)')
    .argument('<file>', 'path to a .csv or .jsonl file'))
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--format <format>', 'csv or jsonl (default: from the file name)')
    .option('--batch <n>', 'records per committed batch', (v) => Number(v), FILE_BATCH_RECORDS)
    .option('--json', 'print the summary as JSON and, per committed batch, a progress line on stderr')
    .action(async (file: string, o: { institution: string; format?: string; encoding: string; batch: number; json?: boolean }) => {
      const format = (o.format ?? formatOf(file)) as FileFormat | undefined;
      if (format !== 'csv' && format !== 'jsonl') throw new AppError('validation', `cannot tell the format of ${file}: use --format csv|jsonl`);
      const encoding = encodingOption(o.encoding);
      await withContainer(async (c) => {
        const { stream, size } = openFile(file);
        const tty = process.stderr.isTTY && !o.json;
        const bar = tty ? new cliProgress.SingleBar({
          format: 'ingest |{bar}| {percentage}% | {processed} records | {accepted} accepted | {quarantined} quarantined | {duplicates} duplicates',
        }, cliProgress.Presets.shades_classic) : null;
        bar?.start(size, 0, { processed: 0, accepted: 0, quarantined: 0, duplicates: 0 });
        const t0 = Date.now();
        const result = await ingestStream(ingestOf(c).ingest, stream, size, { format, encoding },
          { institutionId: o.institution, source: `file:${path.basename(file)}`, actor: { id: 'cli', kind: 'system', institutionId: o.institution } },
          (p) => {
            bar?.update(p.bytesRead, p);
            if (o.json) process.stderr.write(`${JSON.stringify({ committed: p })}\n`);
          }, o.batch);
        bar?.stop();
        const seconds = (Date.now() - t0) / 1000;
        const summary = { ...result, seconds, recordsPerSecond: Math.round(result.processed / Math.max(seconds, 0.001)) };
        if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else {
          process.stdout.write(`${result.processed} records in ${seconds.toFixed(1)} s: ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.quarantined} quarantined\n`);
          if (result.quarantined > 0) process.stdout.write('See the reasons with: outpost quarantine list\n');
        }
      });
    });
}
