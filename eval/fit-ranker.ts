/**
 * Fits the candidate ranker (src/graph/ranker.ts) on labelled rows: used by eval/train-ranker.ts
 * (the shipped AMLGentex model and its checks), eval/ring-misses.ts and, per AMLSim run, by
 * eval/run.ts (a model fitted on that run's train steps, as an institution would fit its own).
 */
import { buildGraph } from '../src/graph/graph.ts';
import { usableEdges, type Candidate } from '../src/graph/finding.ts';
import { detectCandidates } from '../src/graph/mine.ts';
import type { DetectorParams } from '../src/graph/params.schema.ts';
import { candidateFeatures, oneOffShares, RANK_TYPOLOGIES, type RankModel } from '../src/graph/ranker.ts';
import { participation, scoreCandidates } from '../src/graph/score.ts';
import type { EvalRow } from './datasets.ts';
import { ringsByNode, type TruthRing } from './ring-eval.ts';
import { fitLogistic } from './logistic.ts';

export interface FitOptions { label: 'both' | 'true' | 'hit'; trim: number; l2: number }

/**
 * Candidates of `rows` as the scorer sees them (trimmed to their core), labelled against `rings`:
 * 'true' = at least half of the candidate's accounts in one ring (finding precision), 'hit' = it
 * holds at least half of a ring of its own typology (ring recall), 'both' = either.
 */
export function fitRanker(rows: EvalRow[], rings: TruthRing[], p: DetectorParams, o: FitOptions): RankModel {
  const g = buildGraph(rows);
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const { candidates, passThrough } = detectCandidates(g, ok, p);
  const raw = candidates.filter((c) => RANK_TYPOLOGIES.includes(c.typology));
  const { count, reach } = participation(g, raw);
  const cands = scoreCandidates(g, raw, new Set(), ok, { ...p.scoring, coreReachQuantile: o.trim, learnedWeight: 0 }, passThrough)
    .map((s) => s.candidate);
  const ringOf = ringsByNode(g, rings);
  const label = (c: Candidate): number => {
    const hits = new Map<number, number>();
    for (const n of c.roles.keys()) for (const r of ringOf.get(n) ?? []) hits.set(r, (hits.get(r) ?? 0) + 1);
    const isTrue = [...hits].some(([, h]) => h >= c.roles.size / 2);
    const isHit = [...hits].some(([r, h]) => rings[r].typology === c.typology && h >= rings[r].accounts.size / 2);
    return (o.label === 'true' ? isTrue : o.label === 'hit' ? isHit : isTrue || isHit) ? 1 : 0;
  };
  const oneOff = oneOffShares(g, ok);
  const X = cands.map((c) => candidateFeatures(g, c, { count, reach, passThrough, oneOff }));
  return fitLogistic(X, cands.map(label), o.l2);
}
