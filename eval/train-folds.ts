/**
 * `npx tsx eval/train-folds.ts [--params JSON]`: mean ring recall, finding precision and transaction
 * F1 / PR-AUC of a detector setting on eleven folds inside the AMLGentex TRAIN split (steps 0–58),
 * each with the shared ranker and the ring-place models refitted on its fit steps and the measured
 * steps mined like the TEST window (30 steps of look-back): the check and reverse folds, in-sample,
 * the two rolling folds of `train-ranker.ts --rolling` and the six extra folds of round 7
 * (docs/rings.md). Prints one line per fold, then the sum of mean ring recall and rings found per
 * typology over all folds. Never reads the test steps.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateSplit, truthRings } from './ring-eval.ts';
import { mineRows } from './run.ts';
import { fitFanRankers, fitRanker } from './fit-ranker.ts';
import { trainFromArgs } from './cli.ts';

/** [fit from, fit to, measured from, measured to] in steps, ends exclusive. */
export const TRAIN_FOLDS: readonly (readonly [number, number, number, number])[] = [
  [0, 29, 29, 59], [29, 59, 0, 29], [0, 59, 0, 59], [0, 19, 19, 38], [19, 38, 38, 59],
  [0, 39, 39, 59], [0, 44, 44, 59], [0, 24, 24, 44], [0, 19, 19, 39], [10, 59, 0, 10], [20, 59, 0, 20],
];
const LOOKBACK = 30;

function main(): void {
  const setup = trainFromArgs();
  if (!setup) return;
  const { d, p, train } = setup;
  const o = { label: 'both', trim: p.scoring.coreReachQuantile, l2: 1 } as const;
  let sum = 0;
  const total = new Map<string, [number, number]>();
  for (const [a, b, c, e] of TRAIN_FOLDS) {
    const fit = train.filter((r) => r.step >= a && r.step < b);
    const rings = truthRings(fit, d.ringTypology);
    const model = fitRanker(fit, rings, p, o), fans = fitFanRankers(fit, rings, p, { ...o, l2: 30 });
    const rows = train.filter((r) => r.step >= c && r.step < e);
    const context = train.filter((r) => r.step >= c - LOOKBACK && r.step < e);
    const { all, kept } = mineRows(context, p, rows[0].time, undefined, model, fans);
    const r = evaluateSplit(rows, truthRings(rows, d.ringTypology), all, kept, d.accountCount);
    const typ = Object.entries(r.recallByTypology).sort(([x], [y]) => x.localeCompare(y));
    const mean = typ.reduce((s, [, v]) => s + v.recall, 0) / Math.max(1, typ.length);
    sum += mean;
    for (const [t, v] of typ) { const x = total.get(t) ?? [0, 0]; total.set(t, [x[0] + v.found, x[1] + v.rings]); }
    console.log(`fit ${a}–${b - 1}, measured ${c}–${e - 1}: mean ring recall ${mean.toFixed(3)} precision ${r.findingPrecision.toFixed(3)}`
      + ` txnF1 ${r.txn.f1.toFixed(3)} prAuc ${r.txn.prAuc.toFixed(3)}; ${typ.map(([t, v]) => `${t} ${v.found}/${v.rings}`).join(', ')}`);
  }
  console.log(`sum of mean ring recall ${sum.toFixed(3)}; rings found over the folds: ${[...total].map(([t, [f, n]]) => `${t} ${f}/${n}`).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
