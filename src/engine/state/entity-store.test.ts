import { describe, expect, it } from 'vitest';
import { EntityStore, type StoreLayout } from './entity-store.ts';
import { DIM, NDIMS } from './flags.ts';

const DAY = 86_400_000;

function fill(layout: StoreLayout, n: number, stepMs: number): EntityStore {
  const st = new EntityStore(layout, 0);
  const keys = new Int32Array(NDIMS).fill(-1), newBits = new Int32Array(NDIMS);
  for (let i = 0; i < n; i++) {
    keys[DIM.CP_OUT] = i % 7;
    st.add(i % 5, i * stepMs, 100, 2, keys, newBits);
  }
  return st;
}

describe('EntityStore arena', () => {
  it('grows without compacting while its events are live, and compacts once enough have died', () => {
    const layout: StoreLayout = { windows: ['24h', 'life'], aggs: [[0], [0]], distinct: [[DIM.CP_OUT], []], dims: [DIM.CP_OUT] };
    const live = fill(layout, 5_000, 1_000); // 5,000 seconds: every event is still in the 24h window
    expect(live.compactions).toBe(0);
    expect(live.evCount).toBe(5_000);
    const dying = fill(layout, 5_000, DAY / 100); // 50 days: events leave the 24h window
    expect(dying.compactions).toBeGreaterThan(0);
    expect(dying.evCap).toBeLessThanOrEqual(2_048);
  });

  it('keeps the arena bounded for a store with lifetime windows only', () => {
    const st = fill({ windows: ['life'], aggs: [[0]], distinct: [[DIM.CP_OUT]], dims: [DIM.CP_OUT] }, 10_000, 1_000);
    expect(st.compactions).toBeGreaterThan(0);
    expect(st.evCap).toBeLessThanOrEqual(1_024);
    // Lifetime distinct payees still count dropped events: slot 0 saw every value i % 7 (i ≡ 0 mod 5).
    expect(st.value(0, st.distinctOffset[0 * NDIMS + DIM.CP_OUT])).toBe(7);
  });
});
