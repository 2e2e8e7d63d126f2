import type { IngestOptions, IngestOutcome, IngestService } from './ingest.service.ts';
import type { RawRecord } from './ingest.types.ts';

interface Pending {
  records: readonly RawRecord[];
  options: IngestOptions;
  resolve: (o: IngestOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for API ingest. A request that arrives while no commit is running starts one at
 * once (no added latency when the system is idle); requests that arrive while a commit runs wait
 * for it and then share the next database transaction (IngestService.ingestGroup), up to
 * `maxRecords` records per group. Under load many small requests thus cost one commit instead of
 * one each, which is what bounds single-transaction latency at high request rates.
 */
export class IngestQueue {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly service: IngestService, private readonly maxRecords = 10_000) {}

  submit(records: readonly RawRecord[], options: IngestOptions): Promise<IngestOutcome> {
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.queue.push({ records, options, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const group = this.take();
        try {
          const outcomes = await this.service.ingestGroup(group);
          group.forEach((p, i) => p.resolve(outcomes[i]));
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The longest prefix of the queue within the record cap (always at least one request). */
  private take(): Pending[] {
    let n = 0, records = 0;
    while (n < this.queue.length && (n === 0 || records + this.queue[n].records.length <= this.maxRecords)) {
      records += this.queue[n].records.length;
      n++;
    }
    return this.queue.splice(0, n);
  }
}
