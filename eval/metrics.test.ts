import { describe, expect, it } from 'vitest';
import { confusion, prAuc, prf } from './metrics.ts';

describe('confusion and prf', () => {
  it('counts the four cells and derives precision, recall, F1', () => {
    const c = confusion([1, 1, 0, 0, 1], [1, 0, 1, 0, 1]);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    const m = prf(c);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
  });
  it('gives zeros rather than NaN when nothing is predicted', () => {
    expect(prf(confusion([1, 0], [0, 0]))).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('prAuc (average precision)', () => {
  it('is 1 for a perfect ranking', () => {
    expect(prAuc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBeCloseTo(1);
  });
  it('matches a hand computation for an imperfect ranking', () => {
    // ranked labels: 1, 0, 1, 0 → AP = 0.5·1 + 0.5·(2/3)
    expect(prAuc([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(0.5 + 1 / 3);
  });
  it('treats tied scores as one threshold', () => {
    // all tied: one point at recall 1, precision 0.5
    expect(prAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5);
  });
  it('counts unscored positives as missed recall', () => {
    // one positive found at the top, the other scored 0 along with a negative
    expect(prAuc([1, 1, 0], [1, 0, 0])).toBeCloseTo(0.5 + 0.5 * (2 / 3));
  });
  it('is 0 without positives', () => {
    expect(prAuc([0, 0], [1, 0])).toBe(0);
  });
});
