import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { subjectFor } from './stream.subjects.ts';

/**
 * Publishes transaction records to the stream and waits for JetStream's acknowledgement of each,
 * so a record the publisher reports as sent is stored by the server. Upstream systems do the same
 * with any NATS client: one JSON record per message on `outpost.txn.<institution>.<partition>`.
 */
export async function publishRecords(nc: NatsConnection, institutionId: string, records: Iterable<Record<string, unknown>>, partitions: number): Promise<number> {
  const js = jetstream(nc);
  const pending: Promise<unknown>[] = [];
  let n = 0;
  for (const r of records) {
    pending.push(js.publish(subjectFor(institutionId, r, partitions), JSON.stringify(r)));
    n++;
    if (pending.length >= 1_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return n;
}
