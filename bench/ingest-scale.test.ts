import { describe, expect, it } from 'vitest';
import { run } from './ingest-scale.bench.ts';

describe('ingest-at-scale benchmark', () => {
  it('measures each segment of the table\'s growth with account indexes, with postings and with neither', async () => {
    const r = await run(10_000, 2_000, 5_000);
    for (const layout of [r.withAccountIndexes, r.withPostings, r.withoutAccountLookups]) expect(layout.map((s) => s.rows)).toEqual([5_000, 10_000]);
    for (let i = 0; i < 2; i++) {
      const a = r.withAccountIndexes[i], p = r.withPostings[i], none = r.withoutAccountLookups[i];
      expect(a.cpuRowsPerSec).toBeGreaterThan(0);
      // Every row dirties pages of both random-key account indexes; a run appends its postings in order.
      expect(a.walBytesPerRow).toBeGreaterThan(p.walBytesPerRow);
      expect(p.walBytesPerRow).toBeGreaterThan(none.walBytesPerRow); // each segment holds a run
      expect(p.runs).toBeGreaterThan(0);
    }
  }, 60_000);
});
