import { describe, expect, it } from 'vitest';
import type { AccountGraphFeatures } from '../engine/index.ts';
import { GraphFeatureCache } from './graph-features.cache.ts';

const run = (over: Partial<AccountGraphFeatures> = {}): AccountGraphFeatures => ({
  ringScore: 0, findings: 0, cycles: 0, fanOutMax: 0, fanInMax: 0, twoHopPaths: 0, knownBad: 0, badDistance: 2, ...over,
});

describe('GraphFeatureCache', () => {
  it('applies a change of the known-bad list to the accounts whose listing changed, without reading the run again', async () => {
    let list: string[] = [];
    let featureReads = 0;
    const cache = new GraphFeatureCache({
      features: async () => { featureReads++; return new Map([['A', run({ ringScore: 80, findings: 1 })], ['B', run({ cycles: 1 })]]); },
      listed: async () => list,
    });
    const look = await cache.lookup('i');
    expect(look.account('A')).toMatchObject({ ringScore: 80, knownBad: 0, badDistance: 2 });
    expect(look.account('X')).toBeUndefined();

    list = ['A', 'X'];
    await cache.reloadList('i');
    expect(look.account('A')).toMatchObject({ ringScore: 80, knownBad: 1, badDistance: 2 });
    expect(look.account('X')).toMatchObject({ knownBad: 1, badDistance: 0, ringScore: 0 });
    expect(look.account('B')).toMatchObject({ knownBad: 0, cycles: 1 });

    list = ['X'];
    await cache.reloadList('i');
    // Off the list: the run's account keeps the run's figures; X is still listed.
    expect(look.account('A')).toMatchObject({ ringScore: 80, knownBad: 0 });
    expect(look.account('X')).toMatchObject({ knownBad: 1 });
    list = [];
    await cache.reloadList('i');
    expect(look.account('X')).toBeUndefined(); // an entry the list alone made goes with it
    expect(featureReads).toBe(1);

    // A new run's features replace the run's, with the list applied to them.
    list = ['B'];
    await cache.reload('i');
    expect(featureReads).toBe(2);
    expect(look.account('B')).toMatchObject({ knownBad: 1, cycles: 1 });
    expect(look.account('A')).toMatchObject({ knownBad: 0 });
  });

  it('applies list changes and run reloads in the order they were asked for', async () => {
    let list = ['A'];
    const gate: Array<() => void> = [];
    const cache = new GraphFeatureCache({
      features: async () => new Map([['A', run()]]),
      // The first list read is held until released: a reload asked later must not overtake it.
      listed: async () => { const now = list; if (gate.length === 0) await new Promise<void>((r) => gate.push(r)); return now; },
    });
    const first = cache.lookup('i');
    await new Promise((r) => setTimeout(r, 10));
    list = [];
    const second = cache.reloadList('i');
    gate[0]();
    const look = await first;
    await second;
    expect(look.account('A')).toMatchObject({ knownBad: 0 });
  });
});
