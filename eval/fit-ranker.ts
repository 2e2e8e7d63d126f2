/**
 * Fits the candidate ranker (src/graph/ranker.ts) on labelled rows: used by eval/train-ranker.ts
 * (the shipped AMLGentex model and its checks), eval/ring-misses.ts and, per AMLSim run, by
 * eval/run.ts (a model fitted on that run's train steps, as an institution would fit its own).
 */
import { buildGraph } from '../src/graph/graph.ts';
import { usableEdges, type Candidate, type Typology } from '../src/graph/finding.ts';
import { detectCandidates } from '../src/graph/mine.ts';
import type { DetectorParams } from '../src/graph/params.schema.ts';
import { candidateFeatures, oneOffShares, RANK_TYPOLOGIES, type RankModel } from '../src/graph/ranker.ts';
import { participation, ringPlaceShare, scoreCandidates } from '../src/graph/score.ts';
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
  const { X, y } = labelledCandidates(rows, rings, p, o);
  return fitLogistic(X, y, o.l2);
}

/**
 * Rings with fewer accounts inside the split do not label ring-place models: half of a two-account
 * ring is one account, so every candidate touching it "holds" it (fan-out ring 28324 made 25 of the
 * 27 fan-out positives on steps 0–58) and the model learned those views instead of rings.
 */
export const MIN_PLACE_RING_ACCOUNTS = 3;

/**
 * Ring-place models for scoring.fanRingShare (fan-in, fan-out) and scoring.gatherScatterRingShare:
 * one logistic regression per typology whose share is > 0, fitted on that typology's candidates
 * only, label "holds half of a ring of this typology with ≥ MIN_PLACE_RING_ACCOUNTS accounts"
 * (o.label ignored).
 */
export function fitFanRankers(rows: EvalRow[], rings: TruthRing[], p: DetectorParams, o: FitOptions): Partial<Record<Typology, RankModel>> {
  const placeRings = rings.filter((r) => r.accounts.size >= MIN_PLACE_RING_ACCOUNTS);
  const { typologies, X, y } = labelledCandidates(rows, placeRings, p, { ...o, label: 'hit' });
  const out: Partial<Record<Typology, RankModel>> = {};
  for (const t of (['fan_in', 'fan_out', 'gather_scatter'] as const).filter((u) => ringPlaceShare(p.scoring, u) > 0)) {
    const idx = typologies.map((u, i) => (u === t ? i : -1)).filter((i) => i >= 0);
    out[t] = fitLogistic(idx.map((i) => X[i]), idx.map((i) => y[i]), o.l2);
  }
  return out;
}

/** Feature rows, labels and typologies of the (core-trimmed) candidates of `rows`. */
function labelledCandidates(
  rows: EvalRow[], rings: TruthRing[], p: DetectorParams, o: FitOptions,
): { typologies: Typology[]; X: number[][]; y: number[] } {
  const g = buildGraph(rows);
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const { candidates, passThrough } = detectCandidates(g, ok, p);
  const raw = candidates.filter((c) => RANK_TYPOLOGIES.includes(c.typology));
  const { count, reach } = participation(g, raw);
  const cands = scoreCandidates(g, raw, new Set(), ok, { ...p.scoring, coreReachQuantile: o.trim, learnedWeight: 0, fanRingShare: 0, gatherScatterRingShare: 0 }, passThrough)
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
  return {
    typologies: cands.map((c) => c.typology),
    X: cands.map((c) => candidateFeatures(g, c, { count, reach, passThrough, oneOff })),
    y: cands.map(label),
  };
}
