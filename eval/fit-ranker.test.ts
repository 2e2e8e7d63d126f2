import { describe, expect, it } from 'vitest';
import { parseDetectorParams } from '../src/graph/params.schema.ts';
import type { EvalRow } from './datasets.ts';
import { fitFanRankers } from './fit-ranker.ts';
import type { TruthRing } from './ring-eval.ts';

const DAY = 86_400_000;
const row = (i: number, src: string, dst: string, amount: number, step: number): EvalRow => ({
  txnId: `t${i}`, src, dst, amount, time: step * DAY, step, sar: false, ring: null, typology: null,
});

describe('ring-place models', () => {
  // Three fan-outs: h1 → a1..a4, h2 → b1..b4 (amounts near-equal), h3 → c1..c5 over more days.
  const rows: EvalRow[] = [
    ...[1, 2, 3, 4].map((k) => row(k, 'h1', `a${k}`, 1_000 * k, k)),
    ...[1, 2, 3, 4].map((k) => row(10 + k, 'h2', `b${k}`, 5_000 + k, k)),
    ...[1, 2, 3, 4, 5].map((k) => row(20 + k, 'h3', `c${k}`, 700 * k, 3 * k)),
  ];
  const p = parseDetectorParams({});
  const o = { label: 'hit', trim: 0, l2: 1 } as const;
  const fanOutWeights = (rings: TruthRing[]) => fitFanRankers(rows, rings, p, o).fan_out!.weights.slice(1);

  it('learns from a fan-out ring of three or more accounts', () => {
    const ring: TruthRing = { id: 'r', typology: 'fan_out', accounts: new Set(['h2', 'b1', 'b2', 'b3']) };
    expect(fanOutWeights([ring]).some((w) => Math.abs(w) > 1e-3)).toBe(true);
  });

  it('ignores a two-account ring, which every fan touching one of its accounts would "hold"', () => {
    const ring: TruthRing = { id: 'r', typology: 'fan_out', accounts: new Set(['h1', 'a1']) };
    expect(fanOutWeights([ring]).every((w) => Math.abs(w) < 1e-9)).toBe(true);
  });
});
