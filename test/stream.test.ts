import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Container } from '../src/app/container.ts';
import { ingestOf } from '../src/ingest/ingest.module.ts';
import { connectNats, ensureStream } from '../src/stream/stream.connection.ts';
import { publishRecords } from '../src/stream/stream.publisher.ts';
import { StreamConsumer } from '../src/stream/stream.consumer.ts';
import { STREAM_NAME, institutionOf, partitionOf, subjectFor } from '../src/stream/stream.subjects.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { allBranches } from '../src/domain/scope.ts';
import { createTestContainer } from './helpers/container.ts';
import { BANK, loadSmallBank } from './helpers/bank.ts';
import { NATS_URL, natsAvailable } from './helpers/nats.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const tx = (id: string, extra: Record<string, unknown> = {}) => ({
  id, timestamp: '2026-11-20T09:30:00+08:00', debitAccount: '6222000000000001', creditAccount: `X${id}`, creditBank: '102100099996',
  amount: '100.00', currency: 'CNY', channel: 'mobile', type: 'transfer', ...extra,
});

describe('subjects', () => {
  it('partitions by account hash, stably, and reads the institution back from the subject', () => {
    expect(partitionOf('6222000000000001', 16)).toBe(partitionOf('6222000000000001', 16));
    const parts = new Set(Array.from({ length: 200 }, (_, i) => partitionOf(`acc${i}`, 16)));
    expect(parts.size).toBe(16);
    const subject = subjectFor('inst_demo', { debitAccount: 'A1' }, 16);
    expect(subject).toMatch(/^outpost\.txn\.inst_demo\.\d+$/);
    expect(institutionOf(subject)).toBe('inst_demo');
    expect(institutionOf('outpost.txn.x')).toBeNull();
  });
});

describe('streaming ingest through NATS JetStream', () => {
  let nc: NatsConnection | null = null;
  let c: Container | null = null;
  let available = false;

  beforeAll(async () => {
    available = await natsAvailable();
    if (!available) return;
    nc = await connectNats(NATS_URL);
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(STREAM_NAME).catch(() => undefined);
    await ensureStream(nc);
    c = await createTestContainer('sqlite', { clock: fixedClock(NOW) });
    await loadSmallBank(c!);
  });
  afterAll(async () => {
    if (nc) {
      await (await jetstreamManager(nc)).streams.delete(STREAM_NAME).catch(() => undefined);
      await nc.drain();
    }
    await c?.close();
  });

  it('ingests published records, quarantines bad messages with their reason, and acknowledges only after commit', async (ctx) => {
    if (!available) return ctx.skip();
    const records = Array.from({ length: 250 }, (_, i) => tx(`S${i}`));
    records[7] = tx('S7', { currency: 'ZZZ' });
    expect(await publishRecords(nc!, BANK.institutionId, records, 16)).toBe(250);
    await jetstream(nc!).publish(`outpost.txn.${BANK.institutionId}.0`, '{not json');

    const consumer = new StreamConsumer(nc!, ingestOf(c!).ingest, 100);
    const p = await consumer.run({ untilIdle: true });
    expect(p).toMatchObject({ messages: 251, accepted: 249, quarantined: 2, duplicates: 0 });

    const db = c!.database.db;
    const n = await db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', `stream:${STREAM_NAME}`).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(249);
    const q = await ingestOf(c!).quarantine.list(allBranches(BANK.institutionId), { source: `stream:${STREAM_NAME}`, page: 1, pageSize: 10 });
    expect(q.items.map((i) => i.code).sort()).toEqual(['currency', 'parse']);

    const info = await (await jetstreamManager(nc!)).consumers.info(STREAM_NAME, 'outpost-ingest');
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
  });

  it('treats a re-delivered or re-published record as a duplicate with its original result', async (ctx) => {
    if (!available) return ctx.skip();
    await publishRecords(nc!, BANK.institutionId, [tx('S1'), tx('S2'), tx('S999')], 16);
    const p = await new StreamConsumer(nc!, ingestOf(c!).ingest).run({ untilIdle: true });
    expect(p).toMatchObject({ messages: 3, accepted: 1, duplicates: 2 });
  });
});
