import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { CONSUMER_NAME, STREAM_NAME, SUBJECT_PREFIX } from './stream.subjects.ts';

export async function connectNats(url: string): Promise<NatsConnection> {
  return connect({ servers: url.split(','), name: 'outpost', timeout: 5_000 });
}

/** Creates the stream and the durable pull consumer when absent (idempotent). */
export async function ensureStream(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(STREAM_NAME);
  } catch {
    await jsm.streams.add({ name: STREAM_NAME, subjects: [`${SUBJECT_PREFIX}.>`] });
  }
  try {
    await jsm.consumers.info(STREAM_NAME, CONSUMER_NAME);
  } catch {
    await jsm.consumers.add(STREAM_NAME, {
      durable_name: CONSUMER_NAME,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // A batch is acknowledged only after its database commit; a crash before that redelivers
      // it after ack_wait, and the ids already committed come back as duplicates.
      ack_wait: 60_000_000_000,
      max_ack_pending: 20_000,
    });
  }
}
