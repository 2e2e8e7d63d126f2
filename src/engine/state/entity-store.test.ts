import { describe, expect, it } from 'vitest';
import { EntityStore, type StoreLayout } from './entity-store.ts';
import { AGGS, DIM, NDIMS, WINDOW_MS } from './flags.ts';

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

describe('EntityStore with a sole account per entity (exclusive layout)', () => {
  it('reads every distinct count as a coalescing store would, before and after a second account arrives', () => {
    const windows = ['1h', '24h', '30d', 'day', 'life'] as const;
    const base: StoreLayout = {
      windows: [...windows], aggs: windows.map(() => []), distinct: windows.map(() => [DIM.ACCT]), dims: [DIM.ACCT], coalesce: true,
    };
    const plain = new EntityStore(base, 8 * 3_600_000), sole = new EntityStore({ ...base, exclusive: true }, 8 * 3_600_000);
    const keys = new Int32Array(NDIMS).fill(-1), newBits = new Int32Array(NDIMS);
    let s = 3, t = 0, shared = 0;
    const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    // 60 devices, each used by its own account most of the time; now and then by another one.
    // Gaps from seconds to 40 days, and late movements (up to 2 hours before the latest).
    for (let i = 0; i < 20_000; i++) {
      t += r() < 0.01 ? Math.floor(r() * 40 * DAY) : Math.floor(r() * 600_000);
      const dev = Math.floor(r() * 60);
      keys[DIM.ACCT] = r() < 0.006 ? Math.floor(r() * 5) : 100 + dev;
      const at = r() < 0.05 ? t - Math.floor(r() * 7_200_000) : t;
      plain.add(dev, at, 1, 2, keys, newBits);
      sole.add(dev, at, 1, 2, keys, newBits);
      for (let w = 0; w < windows.length; w++) {
        const off = plain.distinctOffset[w * NDIMS + DIM.ACCT];
        expect(sole.value(dev, sole.distinctOffset[w * NDIMS + DIM.ACCT])).toBe(plain.value(dev, off));
      }
      if (sole.value(dev, sole.distinctOffset[4 * NDIMS + DIM.ACCT]) > 1) shared++;
    }
    expect(shared).toBeGreaterThan(2_000); // both kinds of row were exercised
    expect(shared).toBeLessThan(18_000);
    expect(sole.evCount).toBeLessThan(plain.evCount);
  });
});


describe('EntityStore aggregate programs', () => {
  it('keep every aggregate equal to a brute-force count and sum over the window, for any flags', () => {
    const ids = AGGS.map((_, i) => i);
    const layout: StoreLayout = { windows: ['1h', '24h', 'life'], aggs: [ids, ids.filter((i) => i % 3 !== 0), ids.filter((i) => i % 2 === 0)], distinct: [[], [], []], dims: [] };
    const st = new EntityStore(layout, 0);
    const keys = new Int32Array(NDIMS).fill(-1), none = new Int32Array(NDIMS);
    const bits = [...new Set(AGGS.flatMap((a) => [a.mask]))];
    let seed = 11;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const events: { t: number; amt: number; flags: number }[] = [];
    let t = 0;
    for (let n = 0; n < 600; n++) {
      t += Math.floor(rnd() * 20 * 60_000);
      let flags = 0;
      for (let k = 0; k < 3; k++) flags |= bits[Math.floor(rnd() * bits.length)];
      if (rnd() < 0.3) flags |= Math.floor(rnd() * 2 ** 29);
      const amt = Math.floor(rnd() * 100_000);
      st.add(0, t, amt, flags, keys, none);
      events.push({ t, amt, flags });
      layout.windows.forEach((w, wi) => {
        const inW = events.filter((e) => w === 'life' || e.t > t - WINDOW_MS[w]);
        for (const a of layout.aggs[wi]) {
          const { mask, sum } = AGGS[a];
          const want = inW.filter((e) => (e.flags & mask) === mask).reduce((s, e) => s + (sum ? e.amt : 1), 0);
          expect(st.value(0, st.aggOffset[wi * AGGS.length + a])).toBe(want);
        }
      });
    }
  });
});
