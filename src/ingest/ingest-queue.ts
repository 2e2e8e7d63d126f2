import type { IngestOptions, IngestOutcome, IngestService } from './ingest.service.ts';
import type { RawRecord } from './ingest.types.ts';

interface Pending {
  records: readonly RawRecord[];
  options: IngestOptions;
  resolve: (o: IngestOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for API ingest. Requests share one database transaction
 * (IngestService.ingestGroup), up to `maxRecords` records per group: those that arrived in the
 * same turn of the event loop, and those that arrive while a commit runs. Under load many small
 * requests thus cost one commit instead of one each, which is what bounds single-transaction
 * latency at high request rates (on SQLite a commit's log writes are most of a small request).
 *
 * The first request of an idle queue waits only for the current event-loop turn to end
 * (setImmediate): with SQLite a whole ingest runs without yielding to I/O, so without that
 * deferral every request would find the queue idle and commit alone.
 */
export class IngestQueue {
  private queue: Pending[] = [];
  private running = false;
  private scheduled = false;

  constructor(private readonly service: IngestService, private readonly maxRecords = 10_000) {}

  submit(records: readonly RawRecord[], options: IngestOptions): Promise<IngestOutcome> {
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.queue.push({ records, options, resolve, reject });
      if (!this.running && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.drain();
        });
      }
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
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
