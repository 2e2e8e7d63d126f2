/**
 * `npx tsx eval/train-ranker.ts [--amlgentex DIR | --amlsim-run DIR] [--label both|true|hit] [--trim Q] [--l2 X]`:
 * fits the candidate ranker (src/graph/ranker.ts) on the TRAIN split only (AMLGentex steps 0–59)
 * and prints it as JSON for src/graph/ranker.model.ts. Before that it checks the ranker where it
 * was not fitted, still inside the train split: fit on steps 0–29, then mine steps 30–59 (with
 * steps 0–29 as look-back) with and without the learned points and print both sets of figures.
 * `--grid '[{…},…]'` instead compares detector settings the way the defaults are chosen, refitting
 * the ranker for each setting (tune.ts scores every setting with the shipped model): the check
 * above plus the in-sample run over steps 0–59, and their sum of mean ring recall.
 * The grid also prints a reverse fold (fit on the second half, measured on the first, which has no
 * look-back) and fits the ring-place models (scoring.fanRingShare, gatherScatterRingShare; L2
 * `--fan-l2`, default 30) per fold; without `--grid` it prints those models for ranker.model.ts
 * after the shared one.
 * With `--amlsim-run DIR` the same on an AMLSim run (train steps 1–89, check: fit 1–44, measure
 * 45–89), settings merged over AMLSIM_PARAMS. Never reads the test steps.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDetectorParams, type DetectorParams } from '../src/graph/params.schema.ts';
import { RANK_FEATURES, type RankModel } from '../src/graph/ranker.ts';
import { loadAmlgentex, type EvalRow } from './datasets.ts';
import { amlsimRunTypology, loadAmlsim } from './amlsim.ts';
import { evaluateSplit, truthRings } from './ring-eval.ts';
import { AMLSIM_PARAMS, DEFAULT_AMLGENTEX, mineRows, splitRows } from './run.ts';
import { fitFanRankers, fitRanker, type FitOptions } from './fit-ranker.ts';
import type { Typology } from '../src/graph/finding.ts';
import { argValue } from './cli.ts';

function main(): void {
  const arg = (name: string) => argValue(name);
  const sim = arg('--amlsim-run');
  const d = sim ? loadAmlsim(resolve(sim), amlsimRunTypology(sim)) : loadAmlgentex(resolve(arg('--amlgentex') ?? DEFAULT_AMLGENTEX));
  if (!d) { console.log('skip: no data'); return; }
  // AMLSim runs start from AMLSIM_PARAMS (another institution's settings, eval/run.ts).
  const baseline = sim ? AMLSIM_PARAMS : undefined;
  const base = parseDetectorParams(arg('--params') ? JSON.parse(arg('--params')!) : {}, baseline);
  const o: FitOptions = {
    label: (arg('--label') ?? 'both') as FitOptions['label'],
    trim: Number(arg('--trim') ?? base.scoring.coreReachQuantile),
    l2: Number(arg('--l2') ?? 1),
  };
  // L2 of the fan-ring models (scoring.fanRingShare): 3–1,000 gave the same rings on both folds, 1 did not.
  const fanL2 = Number(arg('--fan-l2') ?? 30);
  const { train } = splitRows(d);
  // Check inside the train split: fit on its first half (AMLGentex steps 0–29), measure on the
  // second (30–59).
  const mid = d.steps[0] + Math.floor((train[train.length - 1].step - d.steps[0] + 1) / 2);
  const half = train.filter((r) => r.step < mid), later = train.filter((r) => r.step >= mid);
  if (arg('--grid')) {
    for (const over of JSON.parse(arg('--grid')!) as Record<string, unknown>[]) {
      const p = parseDetectorParams(over, baseline);
      // Models fitted on `fit` (the shared ranker, and the fan-ring models when fanRingShare is on).
      const fitted = (fit: EvalRow[]) => {
        const rings = truthRings(fit, d.ringTypology);
        return {
          model: fitRanker(fit, rings, p, o),
          fans: p.scoring.fanRingShare > 0 || p.scoring.gatherScatterRingShare > 0 ? fitFanRankers(fit, rings, p, { ...o, l2: fanL2 }) : undefined,
        };
      };
      const f = fitted(half), r = fitted(later), all = fitted(train);
      const check = measure(train, later, later[0].time, f.model, p, d.accountCount, d.ringTypology, f.fans);
      // Reverse fold: fitted on the second half, measured on the first (no look-back exists there).
      const reverse = measure(half, half, 0, r.model, p, d.accountCount, d.ringTypology, r.fans);
      const inSample = measure(train, train, 0, all.model, p, d.accountCount, d.ringTypology, all.fans);
      console.log(`${JSON.stringify(over)}: sum of mean ring recall ${(check.meanRecall + inSample.meanRecall).toFixed(3)}`
        + ` (with the reverse fold ${(check.meanRecall + inSample.meanRecall + reverse.meanRecall).toFixed(3)})`);
      console.log(`    fit ${half[0].step}–${mid - 1}, measured ${mid}–${later[later.length - 1].step}: ${check.line}`);
      console.log(`    fit ${mid}–${later[later.length - 1].step}, measured ${half[0].step}–${mid - 1}: ${reverse.line}`);
      console.log(`    fit and measured ${train[0].step}–${train[train.length - 1].step}:    ${inSample.line}`);
      if (process.argv.includes('--rolling')) {
        // Rolling folds over thirds of the train split: fit on one third, measure the next (earlier steps as look-back).
        const third = Math.floor((train[train.length - 1].step - train[0].step + 1) / 3);
        for (const k of [1, 2]) {
          const lo = train[0].step + k * third, hi = k === 2 ? train[train.length - 1].step + 1 : lo + third;
          const fit = train.filter((x) => x.step >= lo - third && x.step < lo), rows = train.filter((x) => x.step >= lo && x.step < hi);
          const m = fitted(fit);
          const r3 = measure(train.filter((x) => x.step < hi), rows, rows[0].time, m.model, p, d.accountCount, d.ringTypology, m.fans);
          console.log(`    fit ${lo - third}–${lo - 1}, measured ${lo}–${hi - 1}: ${r3.line}`);
        }
      }
    }
    return;
  }
  const model = fitRanker(half, truthRings(half, d.ringTypology), base, o);
  const halfFans = fitFanRankers(half, truthRings(half, d.ringTypology), base, { ...o, l2: fanL2 });
  const rings = truthRings(later, d.ringTypology);
  for (const weight of (arg('--weights') ?? `0,${base.scoring.learnedWeight || 10}`).split(",").map(Number)) {
    const params = { ...base, scoring: { ...base.scoring, learnedWeight: weight } };
    const { all, kept } = mineRows(train, params, later[0].time, undefined, model, halfFans);
    const r = evaluateSplit(later, rings, all, kept, d.accountCount);
    const typ = Object.entries(r.recallByTypology).sort(([a], [b]) => a.localeCompare(b));
    console.log(`fit 0–29, measured 30–59, learnedWeight ${weight}: precision ${r.findingPrecision.toFixed(3)} txnF1 ${r.txn.f1.toFixed(3)}`
      + ` prAuc ${r.txn.prAuc.toFixed(3)} findings ${r.findings}; recall ${typ.map(([t, v]) => `${t} ${v.found}/${v.rings}`).join(', ')}`);
  }
  const full = fitRanker(train, truthRings(train, d.ringTypology), base, o);
  console.log(`fitted on steps 0–59 (${JSON.stringify(o)}):`, RANK_FEATURES.map((f, i) => `${f} ${full.weights[i + 1].toFixed(2)}`).join(', '));
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  console.log(JSON.stringify({ mean: full.mean.map(r4), std: full.std.map(r4), weights: full.weights.map(r4) }));
  const fans = fitFanRankers(train, truthRings(train, d.ringTypology), base, { ...o, l2: fanL2 });
  console.log(`fan-ring models (DEFAULT_FAN_RANK_MODELS, L2 ${fanL2}):`);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(fans).map(([t, m]) => [t, { mean: m.mean.map(r4), std: m.std.map(r4), weights: m.weights.map(r4) }]))));
}

/** Mines `context`, keeps findings from `from` on and measures them against the rings of `rows`. */
function measure(
  context: EvalRow[], rows: EvalRow[], from: number, model: RankModel, p: DetectorParams, accounts: number,
  ringTypology: Parameters<typeof truthRings>[1], fans?: Partial<Record<Typology, RankModel>>,
): { meanRecall: number; line: string } {
  const { all, kept } = mineRows(context, p, from, undefined, model, fans);
  const r = evaluateSplit(rows, truthRings(rows, ringTypology), all, kept, accounts);
  const typ = Object.entries(r.recallByTypology).sort(([a], [b]) => a.localeCompare(b));
  const meanRecall = typ.reduce((s, [, v]) => s + v.recall, 0) / Math.max(1, typ.length);
  return {
    meanRecall,
    line: `mean ring recall ${meanRecall.toFixed(3)} precision ${r.findingPrecision.toFixed(3)} txnF1 ${r.txn.f1.toFixed(3)}`
      + ` prAuc ${r.txn.prAuc.toFixed(3)} findings ${r.findings}; ${typ.map(([t, v]) => `${t} ${v.found}/${v.rings}`).join(', ')}`,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
