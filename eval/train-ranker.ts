/**
 * `npx tsx eval/train-ranker.ts [--amlgentex DIR] [--l2 X]`: fits the candidate ranker
 * (src/graph/ranker.ts) on the TRAIN split only (AMLGentex steps 0–59). A candidate's label is 1
 * when at least half of its accounts belong to one SAR ring of the train steps (the "true finding"
 * rule of the evaluation). Prints a two-fold check inside the train split (fit on candidates
 * starting before the middle step, rank the later ones, and the reverse: average precision against
 * the participation score) and the model fitted on the whole train split, as JSON to paste into
 * src/graph/ranker.model.ts. Never reads the test steps.
 */
import { resolve } from 'node:path';
import { buildGraph } from '../src/graph/graph.ts';
import { usableEdges, type Candidate } from '../src/graph/finding.ts';
import { detectCandidates } from '../src/graph/mine.ts';
import { DEFAULT_DETECTOR_PARAMS } from '../src/graph/params.schema.ts';
import { candidateFeatures, oneOffShares, rank, RANK_FEATURES, RANK_TYPOLOGIES, type RankModel } from '../src/graph/ranker.ts';
import { participation } from '../src/graph/score.ts';
import { loadAmlgentex } from './datasets.ts';
import { truthRings } from './ring-eval.ts';
import { DEFAULT_AMLGENTEX, splitRows } from './run.ts';
import { prAuc } from './metrics.ts';
import { fitLogistic } from './logistic.ts';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const d = loadAmlgentex(resolve(arg('--amlgentex') ?? DEFAULT_AMLGENTEX));
if (!d) { console.log('skip: no AMLGentex data'); process.exit(0); }
const l2 = Number(arg('--l2') ?? 1);
const { train } = splitRows(d);
const rings = truthRings(train, d.ringTypology);
const g = buildGraph(train);
const p = DEFAULT_DETECTOR_PARAMS;
const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
const { candidates, passThrough } = detectCandidates(g, ok, p);
const cands = candidates.filter((c) => RANK_TYPOLOGIES.includes(c.typology));
const { count, reach } = participation(g, cands);
const ringOf = new Map<number, number[]>();
rings.forEach((r, i) => { for (const a of r.accounts) { const n = g.nodeIndex.get(a); if (n !== undefined) (ringOf.get(n) ?? ringOf.set(n, []).get(n)!).push(i); } });
const label = (c: Candidate): number => {
  const hits = new Map<number, number>();
  for (const n of c.roles.keys()) for (const r of ringOf.get(n) ?? []) hits.set(r, (hits.get(r) ?? 0) + 1);
  return [...hits.values()].some((h) => h >= c.roles.size / 2) ? 1 : 0;
};
const X = cands.map((c) => candidateFeatures(g, c, { count, reach, passThrough, oneOff: oneOffShares(g, ok) }));
const y = cands.map(label);
const part = X.map((x) => x[RANK_FEATURES.indexOf('participation')]);
const mid = g.time[0] + (g.time[g.edgeCount - 1] - g.time[0]) / 2;
const early = cands.map((c) => g.time[c.edges[0]] < mid);
console.log(`${cands.length} candidates, ${y.reduce((s, v) => s + v, 0)} true; l2 ${l2}`);
for (const [name, fitOn] of [['fit early → rank late', true], ['fit late → rank early', false]] as const) {
  const idx = X.map((_, i) => i).filter((i) => early[i] === fitOn);
  const rest = X.map((_, i) => i).filter((i) => early[i] !== fitOn);
  const m = fitLogistic(idx.map((i) => X[i]), idx.map((i) => y[i]), l2);
  const lab = rest.map((i) => y[i]);
  console.log(`  ${name}: AP learned ${prAuc(lab, rest.map((i) => rank(m, X[i]).p)).toFixed(3)}`
    + ` vs participation ${prAuc(lab, rest.map((i) => part[i])).toFixed(3)} (${rest.length} candidates, ${lab.reduce((s, v) => s + v, 0)} true)`);
}
const model: RankModel = fitLogistic(X, y, l2);
console.log('  in-sample AP', prAuc(y, X.map((x) => rank(model, x).p)).toFixed(3));
console.log('  weights:', RANK_FEATURES.map((f, i) => `${f} ${model.weights[i + 1].toFixed(2)}`).join(', '));
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
console.log(JSON.stringify({ mean: model.mean.map(r4), std: model.std.map(r4), weights: model.weights.map(r4) }));
