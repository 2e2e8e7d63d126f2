import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JsMsg } from '@nats-io/jetstream';
import type { IngestService } from '../ingest/ingest.service.ts';
import type { RawRecord } from '../ingest/ingest.types.ts';
import { CONSUMER_NAME, STREAM_NAME, institutionOf } from './stream.subjects.ts';
import { isPlainObject } from '../shared/objects.ts';

export interface StreamProgress {
  batches: number;
  messages: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  /** Messages on subjects that name no institution: acknowledged and counted, never ingested. */
  foreign: number;
}

const SYSTEM = { id: 'stream', kind: 'system' as const, institutionId: null };

/**
 * Pulls transaction records from JetStream in batches, ingests each institution's records through
 * the ingest service (validated, scored, quarantined, audited) and acknowledges the batch only
 * after the database commit: at-least-once delivery plus idempotent ingest, so no accepted record
 * is lost or stored twice across a crash of either side.
 */
export class StreamConsumer {
  private stopped = false;
  readonly progress: StreamProgress = { batches: 0, messages: 0, accepted: 0, duplicates: 0, quarantined: 0, foreign: 0 };

  constructor(private readonly nc: NatsConnection, private readonly ingest: IngestService, private readonly batchSize = 2_000) {}

  stop(): void {
    this.stopped = true;
  }

  /** Processes one fetched batch; returns how many messages it held. */
  async step(expiresMs = 1_000): Promise<number> {
    const consumer = await jetstream(this.nc).consumers.get(STREAM_NAME, CONSUMER_NAME);
    const iter = await consumer.fetch({ max_messages: this.batchSize, expires: expiresMs });
    const byInstitution = new Map<string, { msgs: JsMsg[]; records: RawRecord[] }>();
    const foreign: JsMsg[] = [];
    let n = 0;
    for await (const m of iter) {
      n++;
      const inst = institutionOf(m.subject);
      if (!inst) { foreign.push(m); continue; }
      let g = byInstitution.get(inst);
      if (!g) byInstitution.set(inst, (g = { msgs: [], records: [] }));
      g.msgs.push(m);
      g.records.push({ position: m.seq, data: parse(m) });
    }
    for (const [institutionId, g] of byInstitution) {
      try {
        const { summary } = await this.ingest.ingest(g.records, {
          institutionId, source: `stream:${STREAM_NAME}`, actor: { ...SYSTEM, institutionId }, summaryOnly: true,
        });
        for (const m of g.msgs) m.ack();
        this.progress.accepted += summary.accepted;
        this.progress.duplicates += summary.duplicates;
        this.progress.quarantined += summary.quarantined;
      } catch (err) {
        // Not committed: let JetStream redeliver the batch after a pause.
        for (const m of g.msgs) m.nak(5_000);
        throw err;
      }
    }
    for (const m of foreign) m.term();
    this.progress.foreign += foreign.length;
    this.progress.messages += n;
    if (n > 0) this.progress.batches++;
    return n;
  }

  /** Runs until stopped, or (untilIdle) until a fetch finds the stream empty. */
  async run(opts: { untilIdle?: boolean; onBatch?: (p: StreamProgress) => void; onError?: (e: unknown) => void } = {}): Promise<StreamProgress> {
    while (!this.stopped) {
      let n: number;
      try {
        n = await this.step();
      } catch (err) {
        opts.onError?.(err);
        if (opts.untilIdle) throw err;
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      if (n > 0) opts.onBatch?.({ ...this.progress });
      else if (opts.untilIdle) break;
    }
    return { ...this.progress };
  }
}

function parse(m: JsMsg): Record<string, unknown> {
  const text = m.string();
  try {
    const v: unknown = JSON.parse(text);
    return isPlainObject(v) ? v : { __parseError: 'message is not a JSON object', __raw: text.slice(0, 2_000) };
  } catch (e) {
    return { __parseError: `invalid JSON: ${(e as Error).message}`, __raw: text.slice(0, 2_000) };
  }
}
