import type { Module } from '../app/module.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { connectNats, ensureStream } from './stream.connection.ts';
import { StreamConsumer } from './stream.consumer.ts';

/**
 * Streaming ingest: with OUTPOST_NATS_URL set, `outpost serve` consumes the JetStream stream
 * OUTPOST_TXN in the background (see docs/ingest.md). Without it, nothing runs.
 */
export const streamModule: Module = {
  name: 'stream',
  async start(c) {
    if (!c.config.natsUrl) return;
    const nc = await connectNats(c.config.natsUrl);
    await ensureStream(nc);
    const consumer = new StreamConsumer(nc, ingestOf(c).ingest);
    const running = consumer.run({ onError: (e) => process.stderr.write(`stream ingest: ${(e as Error).message}\n`) });
    c.onClose(async () => {
      consumer.stop();
      await running;
      await nc.drain();
    });
    process.stdout.write(`Consuming transactions from NATS JetStream ${c.config.natsUrl} (stream OUTPOST_TXN)\n`);
  },
};
