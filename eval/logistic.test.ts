import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic.ts';
import { rank } from '../src/graph/ranker.ts';

describe('fitLogistic', () => {
  it('learns which feature separates the classes and ranks new points by it', () => {
    const X: number[][] = [], y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const signal = (i % 10) / 10, noise = ((i * 37) % 11) / 11;
      X.push([signal, noise]);
      y.push(signal + 0.1 * noise > 0.55 ? 1 : 0);
    }
    const m = fitLogistic(X, y, 0.1);
    expect(m.weights[1]).toBeGreaterThan(Math.abs(m.weights[2]));
    expect(rank(m, [0.9, 0.5]).p).toBeGreaterThan(0.9);
    expect(rank(m, [0.1, 0.5]).p).toBeLessThan(0.1);
  });

  it('shrinks weights toward zero as the L2 penalty grows', () => {
    const X = [[0], [1], [2], [3]], y = [0, 0, 1, 1];
    expect(Math.abs(fitLogistic(X, y, 100).weights[1])).toBeLessThan(Math.abs(fitLogistic(X, y, 0.1).weights[1]));
  });
});
