import type { Command } from 'commander';
import { withContainer } from './context.ts';
import { loadConfig } from '../config.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { formatOf, openFile, readRecords } from '../ingest/file-reader.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import { connectNats, ensureStream } from '../stream/stream.connection.ts';
import { publishRecords } from '../stream/stream.publisher.ts';
import { StreamConsumer } from '../stream/stream.consumer.ts';
import { AppError } from '../shared/errors.ts';
import { encodingOption, withEncodingOption } from './file-options.ts';

function natsUrl(o: { nats?: string }): string {
  const url = o.nats ?? loadConfig().natsUrl;
  if (!url) throw new AppError('validation', 'no NATS server: pass --nats host:port or set OUTPOST_NATS_URL');
  return url;
}

export function registerStreamCommand(program: Command): void {
  const s = program.command('stream').description('transactions through NATS JetStream (stream OUTPOST_TXN)');
  withEncodingOption(s.command('publish')
    .description('publish the records of a CSV or JSONL file to the stream, one message each')
    .argument('<file>', '.csv or .jsonl'))
    .option('--institution <id>', 'institution id', DEFAULT_INSTITUTION.id)
    .option('--nats <url>', 'NATS server (default OUTPOST_NATS_URL)')
    .action(async (file: string, o: { institution: string; nats?: string; encoding: string }) => {
      const format = formatOf(file);
      if (!format) throw new AppError('validation', `cannot tell the format of ${file}: use .csv or .jsonl`);
      const encoding = encodingOption(o.encoding);
      const nc = await connectNats(natsUrl(o));
      try {
        await ensureStream(nc);
        let n = 0;
        for await (const batch of readRecords(openFile(file).stream, format, 5_000, encoding)) {
          n += await publishRecords(nc, o.institution, batch.map((r) => r.data), loadConfig().streamPartitions);
        }
        process.stdout.write(`published ${n} records\n`);
      } finally {
        await nc.drain();
      }
    });
  s.command('consume')
    .description('ingest from the stream (what `serve` does with OUTPOST_NATS_URL); --until-idle stops when it is empty')
    .option('--nats <url>', 'NATS server (default OUTPOST_NATS_URL)')
    .option('--until-idle', 'stop when a fetch finds no message')
    .action(async (o: { nats?: string; untilIdle?: boolean }) => {
      await withContainer(async (c) => {
        const nc = await connectNats(natsUrl(o));
        try {
          await ensureStream(nc);
          const consumer = new StreamConsumer(nc, ingestOf(c).ingest);
          process.once('SIGINT', () => consumer.stop());
          const p = await consumer.run({ untilIdle: o.untilIdle, onBatch: (x) => process.stderr.write(`${JSON.stringify(x)}\n`) });
          process.stdout.write(`${p.messages} messages: ${p.accepted} accepted, ${p.duplicates} duplicates, ${p.quarantined} quarantined\n`);
        } finally {
          await nc.drain();
        }
      });
    });
}
