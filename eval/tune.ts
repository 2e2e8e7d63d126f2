/**
 * `npx tsx eval/tune.ts [--amlgentex DIR | --amlsim-run DIR]`: grid search over a few detector
 * parameters on the TRAIN split only (first 60% of steps; AMLGentex steps 0–59). Prints train figures per setting; never reads the test
 * steps. The chosen setting is written into DEFAULT_DETECTOR_PARAMS by hand, with a comment.
 * AMLSim settings are merged over AMLSIM_PARAMS and scored with the shipped (AMLGentex) ranker;
 * AMLSIM_PARAMS itself was chosen with `eval/train-ranker.ts --amlsim-run`, which refits the ranker.
 */
import { resolve } from 'node:path';
import { parseDetectorParams } from '../src/graph/params.schema.ts';
import { loadAmlgentex } from './datasets.ts';
import { amlsimRunTypology, loadAmlsim } from './amlsim.ts';
import { evaluateSplit, truthRings } from './ring-eval.ts';
import { AMLSIM_PARAMS, DEFAULT_AMLGENTEX, mineRows, splitRows } from './run.ts';

const i = process.argv.indexOf('--amlgentex');
const j = process.argv.indexOf('--amlsim-run');
const dir = j > 0 ? resolve(process.argv[j + 1]) : i > 0 ? resolve(process.argv[i + 1]) : DEFAULT_AMLGENTEX;
const d = j > 0 ? loadAmlsim(dir, amlsimRunTypology(dir)) : loadAmlgentex(dir);
if (!d) {
  console.log(`skip: no AMLGentex data in ${dir}`);
  process.exit(0);
}
const { train } = splitRows(d);
const rings = truthRings(train, d.ringTypology);
const g = process.argv.indexOf('--grid');
const grid: Record<string, unknown>[] = g > 0 ? JSON.parse(process.argv[g + 1]) as Record<string, unknown>[] : [];
if (g > 0) {
  // settings given on the command line (a JSON array of partial parameter objects)
} else if (j > 0) {
  // AMLSim runs: every normal pair transacts once, laundering pairs repeat, so repeats are kept.
  for (const maxPairRepeats of [1, 65_535]) {
    for (const band of [[0.88, 0.92], [0.5, 1]]) {
      grid.push({ maxPairRepeats, flow: { minForwardRatio: band[0], maxForwardRatio: band[1] } });
    }
  }
} else {
  for (const band of [[0.85, 1], [0.88, 0.92]]) {
    for (const structureWeight of [0, 10, 20, 40]) {
      for (const minDegree of [4, 5]) {
        grid.push({
          flow: { minForwardRatio: band[0], maxForwardRatio: band[1] },
          scoring: { structureWeight },
          fanOut: { minDegree }, fanIn: { minDegree },
        });
      }
    }
  }
}
for (const over of grid) {
  const params = parseDetectorParams(over, j > 0 ? AMLSIM_PARAMS : undefined);
  const { all, kept } = mineRows(train, params, 0);
  const r = evaluateSplit(train, rings, all, kept, d.accountCount);
  const recalls = Object.values(r.recallByTypology).map((v) => v.recall);
  const meanRecall = recalls.reduce((s, x) => s + x, 0) / recalls.length;
  console.log(JSON.stringify(over), `meanRingRecall ${meanRecall.toFixed(3)} findingPrecision ${r.findingPrecision.toFixed(3)}`
    + ` txnF1 ${r.txn.f1.toFixed(3)} prAuc ${r.txn.prAuc.toFixed(3)} findings ${r.findings}`);
  const typ = Object.entries(r.recallByTypology).sort(([a], [b]) => a.localeCompare(b));
  console.log(`    recall ${typ.map(([t, v]) => `${t} ${v.found}/${v.rings}`).join(', ')}`);
  const ft = Object.entries(r.findingsByTypology).sort(([a], [b]) => a.localeCompare(b));
  console.log(`    true/all ${ft.map(([t, v]) => `${t} ${v.true}/${v.findings}`).join(', ')}`);
}
