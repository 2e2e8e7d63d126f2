import { describe, expect, it } from 'vitest';
import { run } from './ingest-scale.bench.ts';

describe('ingest-at-scale benchmark', () => {
  it('measures each segment of the table\'s growth, and the account indexes\' share of the log', async () => {
    const r = await run(6_000, 2_000, 2_000);
    expect(r.withAccountIndexes.map((s) => s.rows)).toEqual([2_000, 4_000, 6_000]);
    expect(r.withoutAccountIndexes.map((s) => s.rows)).toEqual([2_000, 4_000, 6_000]);
    for (let i = 0; i < 3; i++) {
      const a = r.withAccountIndexes[i], b = r.withoutAccountIndexes[i];
      expect(a.cpuRowsPerSec).toBeGreaterThan(0);
      // Every row dirties pages of both random-key account indexes: more log per row with them.
      expect(a.walBytesPerRow).toBeGreaterThan(b.walBytesPerRow);
    }
  }, 60_000);
});
