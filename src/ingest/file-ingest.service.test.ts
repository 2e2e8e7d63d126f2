import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestStream } from './file-ingest.service.ts';
import type { IngestService } from './ingest.service.ts';

describe('ingestStream', () => {
  it('lets waiting work run between batches when the whole file is already buffered', async () => {
    const csv = ['id,amount', ...Array.from({ length: 30 }, (_, i) => `T${i},1.00`)].join('\n');
    const order: string[] = [];
    // Answers at once, as SQLite does: awaiting it queues microtasks only.
    const ingest = { ingest: async (batch: unknown[]) => { order.push(`batch of ${batch.length}`); return { summary: { accepted: batch.length, duplicates: 0, quarantined: 0 } }; } };
    // A timer due at once stands for a request waiting on the thread.
    setTimeout(() => order.push('timer'), 0);
    const r = await ingestStream(ingest as unknown as IngestService, Readable.from([csv]), csv.length, { format: 'csv' },
      { institutionId: 'inst_demo', source: 'file:t.csv', actor: { id: 'u', kind: 'system', institutionId: 'inst_demo' } }, undefined, 10);
    expect(r).toMatchObject({ processed: 30, accepted: 30 });
    expect(order.indexOf('timer')).toBeGreaterThan(-1);
    expect(order.indexOf('timer')).toBeLessThan(order.length - 1); // before the last batch, not after the file
  });
});
