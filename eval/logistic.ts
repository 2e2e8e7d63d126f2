import type { RankModel } from '../src/graph/ranker.ts';

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares) on standardised features. Written by hand: no ML library is among the dependencies
 * and the problem is tiny (thousands of rows, ~20 columns). The intercept is not penalised.
 */
export function fitLogistic(X: number[][], y: number[], l2 = 1, iterations = 30): RankModel {
  const n = X.length, k = X[0]?.length ?? 0;
  const mean = new Array<number>(k).fill(0), std = new Array<number>(k).fill(0);
  for (const x of X) x.forEach((v, j) => { mean[j] += v / n; });
  for (const x of X) x.forEach((v, j) => { std[j] += (v - mean[j]) ** 2 / n; });
  for (let j = 0; j < k; j++) std[j] = Math.sqrt(std[j]);
  const Z = X.map((x) => [1, ...x.map((v, j) => (std[j] > 0 ? (v - mean[j]) / std[j] : 0))]);
  const w = new Array<number>(k + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(k + 1).fill(0);
    const H = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const z = Z[i].reduce((s, v, j) => s + v * w[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      const r = p - y[i], s = p * (1 - p);
      for (let a = 0; a <= k; a++) {
        grad[a] += r * Z[i][a];
        for (let b = a; b <= k; b++) H[a][b] += s * Z[i][a] * Z[i][b];
      }
    }
    for (let a = 0; a <= k; a++) {
      for (let b = 0; b < a; b++) H[a][b] = H[b][a];
      if (a > 0) { grad[a] += l2 * w[a]; H[a][a] += l2; } else H[a][a] += 1e-9;
    }
    const step = solve(H, grad);
    let change = 0;
    for (let a = 0; a <= k; a++) { w[a] -= step[a]; change = Math.max(change, Math.abs(step[a])); }
    if (change < 1e-8) break;
  }
  return { mean, std, weights: w };
}

/** Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / d;
      if (f !== 0) for (let j = c; j <= n; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let j = r + 1; j < n; j++) s -= M[r][j] * x[j];
    x[r] = s / (M[r][r] || 1e-12);
  }
  return x;
}
