/**
 * `npx tsx eval/ring-misses.ts [--amlgentex DIR] [--params JSON] [--check | --fold A,B,C,D] [--list TYPOLOGY [--top N]]`: where each labelled ring
 * of the TRAIN split (AMLGentex steps 0–59) is lost on the way from candidates to findings. With
 * `--check`, the check of train-ranker.ts instead: ranker fitted on steps 0–29, steps 0–59 mined,
 * rings and candidates with a transfer in steps 30–59; `--fold A,B,C,D`: models fitted on steps A..B−1, steps
 * C..D−1 measured with the earlier steps as look-back. Per ring: how
 * many candidates of its typology hold at least half of it before scoring, whether one still does
 * after core trimming, its best rank within its typology after suppression, and how many of that
 * typology the analysts' capacity keeps. Never reads the test steps. docs/rings.md ("Where the
 * rings missed on train fail") was written from its output.
 * `--list TYPOLOGY [--top N]` instead prints that typology's ranked list (the first N, default 100)
 * with, per candidate, its members, how many of them are in a labelled ring, the ring holding most
 * of them, whether it is a true finding and which rings of its typology it holds half of.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candidate } from '../src/graph/finding.ts';
import { buildGraph, type TxnGraph } from '../src/graph/graph.ts';
import { usableEdges } from '../src/graph/finding.ts';
import { detectCandidates, rankCandidates, selectScored } from '../src/graph/mine.ts';
import type { Scored } from '../src/graph/score.ts';
import { ringsByNode, truthRings, type TruthRing } from './ring-eval.ts';
import { fitFanRankers, fitRanker } from './fit-ranker.ts';
import { argValue, trainFromArgs } from './cli.ts';

export type MissVerdict = 'found' | 'no candidate' | 'trimmed' | 'below share';

export interface RingMiss {
  ring: string;
  typology: string;
  accounts: number;
  /** Candidates of the ring's typology holding at least half of its accounts, before scoring. */
  ownCandidates: number;
  /** Other typologies with a candidate holding at least half of it, before scoring. */
  otherTypologies: string[];
  /** Best 0-based rank among the ranked candidates of its typology that still hold half of it. */
  bestRank: number | null;
  /** Ranked candidates of its typology, and how many of them the capacity keeps. */
  ranked: number;
  kept: number;
  verdict: MissVerdict;
}

/**
 * `raw`: detector output; `ranked`: scored and suppressed (core-trimmed members);
 * `keptPerTypology`: how many findings of each typology the selection keeps; `selected`: the kept
 * candidates themselves (without them, the first `kept` by score are taken as kept).
 */
export function diagnoseRings(
  g: TxnGraph, rings: TruthRing[], raw: Candidate[], ranked: Scored[], keptPerTypology: Map<string, number>,
  selected?: Scored[],
): RingMiss[] {
  const byTypology = new Map<string, Scored[]>();
  for (const s of [...ranked].sort((a, b) => b.score - a.score || a.order - b.order)) {
    const l = byTypology.get(s.candidate.typology);
    if (l) l.push(s);
    else byTypology.set(s.candidate.typology, [s]);
  }
  return rings.map((ring) => {
    const nodes = [...ring.accounts].map((a) => g.nodeIndex.get(a)).filter((n): n is number => n !== undefined);
    const holds = (c: Candidate) => nodes.filter((n) => c.roles.has(n)).length >= ring.accounts.size / 2;
    const own = raw.filter((c) => c.typology === ring.typology && holds(c)).length;
    const other = [...new Set(raw.filter((c) => c.typology !== ring.typology && holds(c)).map((c) => c.typology))].sort();
    const list = byTypology.get(ring.typology) ?? [];
    const rank = list.findIndex((s) => holds(s.candidate));
    const kept = keptPerTypology.get(ring.typology) ?? 0;
    // With the selection given (fan lists partly ordered by the fan-ring model), found = a kept candidate holds it.
    const isKept = selected
      ? selected.some((x) => x.candidate.typology === ring.typology && holds(x.candidate))
      : rank >= 0 && rank < kept;
    const verdict: MissVerdict = own === 0 ? 'no candidate' : rank < 0 ? 'trimmed' : isKept ? 'found' : 'below share';
    return {
      ring: ring.id, typology: ring.typology, accounts: ring.accounts.size, ownCandidates: own, otherTypologies: other,
      bestRank: rank < 0 ? null : rank, ranked: list.length, kept, verdict,
    };
  });
}

export interface RankedRow {
  rank: number;
  score: number;
  members: number;
  trimmed: number;
  /** Members in any labelled ring of the split. */
  inRings: number;
  /** The ring holding most of the members and how many it holds. */
  bestRing: string | null;
  bestShare: number;
  /** At least half of the members in one ring (finding precision). */
  isTrue: boolean;
  /** Rings of the candidate's typology it holds at least half of (ring recall). */
  holds: string[];
  firstDay: number;
  lastDay: number;
  /** Among `selected` (the analysts' capacity), when given; fanRing: the fan-ring probability, if any. */
  kept: boolean;
  fanRing: number | null;
}

/** The ranked candidates of one typology (best first), each against the labelled rings. */
export function describeRanked(
  g: TxnGraph, rings: TruthRing[], ranked: Scored[], typology: string, limit: number, selected: Scored[] = [],
): RankedRow[] {
  const keptSet = new Set(selected);
  const ringsOf = ringsByNode(g, rings);
  return ranked.filter((s) => s.candidate.typology === typology)
    .sort((a, b) => b.score - a.score || a.order - b.order).slice(0, limit)
    .map((s, rank) => {
      const c = s.candidate;
      const hits = new Map<number, number>();
      let inRings = 0;
      for (const n of c.roles.keys()) {
        const l = ringsOf.get(n);
        if (l) inRings++;
        for (const r of l ?? []) hits.set(r, (hits.get(r) ?? 0) + 1);
      }
      const best = [...hits].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      const days = c.edges.map((e) => g.time[e] / 86_400_000);
      return {
        rank, score: s.score, members: c.roles.size, trimmed: c.facts.trimmed ?? 0, inRings,
        bestRing: best ? rings[best[0]].id : null, bestShare: best ? best[1] : 0,
        isTrue: best !== undefined && best[1] >= c.roles.size / 2,
        holds: [...hits].filter(([r, h]) => rings[r].typology === typology && h >= rings[r].accounts.size / 2).map(([r]) => rings[r].id),
          firstDay: Math.min(...days), lastDay: Math.max(...days), kept: keptSet.has(s), fanRing: c.facts.fanRing ?? null,
      };
    });
}

function main(): void {
  const arg = (name: string) => argValue(name);
  const setup = trainFromArgs();
  if (!setup) return;
  const { d, p, train } = setup;
  // --fold FIT_FROM,FIT_TO,FROM,TO (steps, ends exclusive): models fitted on FIT_FROM..FIT_TO, rings of FROM..TO,
  // steps before FROM as look-back (as train-ranker.ts --rolling). --check = --fold 0,30,30,end of train.
  const fold = arg('--fold')?.split(',').map(Number) ?? (process.argv.includes('--check') ? [0, 30, 30, Infinity] : null);
  const check = fold !== null;
  const rows = fold ? train.filter((r) => r.step >= fold[2] && r.step < fold[3]) : train;
  const context = fold ? train.filter((r) => r.step < fold[3]) : train;
  const from = rows[0].time;
  const fitRows = fold ? train.filter((r) => r.step >= fold[0] && r.step < fold[1]) : train;
  const fitOptions = { label: 'both', trim: p.scoring.coreReachQuantile, l2: 1 } as const;
  const model = check ? fitRanker(fitRows, truthRings(fitRows, d.ringTypology), p, fitOptions) : undefined;
  const fans = check && (p.scoring.fanRingShare > 0 || p.scoring.gatherScatterRingShare > 0)
    ? fitFanRankers(fitRows, truthRings(fitRows, d.ringTypology), p, { ...fitOptions, l2: 30 })
    : undefined;
  const g = buildGraph(context);
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const { candidates, passThrough } = detectCandidates(g, ok, p);
  const recent = (c: Candidate) => c.edges.some((e) => g.time[e] >= from);
  const ranked = rankCandidates(g, ok, p, candidates, passThrough, new Set(), model, fans).filter((s) => recent(s.candidate));
  const active = new Set(rows.flatMap((r) => [r.src, r.dst])).size;
  const kept = new Map<string, number>();
  const selected = selectScored(ranked, p, active);
  for (const s of selected) kept.set(s.candidate.typology, (kept.get(s.candidate.typology) ?? 0) + 1);
  const list = arg('--list');
  if (list) {
    for (const r of describeRanked(g, truthRings(rows, d.ringTypology), ranked, list, Number(arg('--top') ?? 100), selected)) {
      console.log(`${String(r.rank).padStart(4)} score ${r.score.toFixed(1)} members ${r.members} (trimmed ${r.trimmed}), in rings ${r.inRings}`
        + `, most in ring ${r.bestRing ?? '-'} (${r.bestShare})${r.isTrue ? ' TRUE' : ''}${r.holds.length ? ` holds ${r.holds.join(',')}` : ''}`
        + `, days ${r.firstDay}–${r.lastDay}${r.fanRing === null ? '' : `, fan-ring ${r.fanRing.toFixed(3)}`}${r.kept ? ' KEPT' : ''}`);
    }
    return;
  }
  const misses = diagnoseRings(g, truthRings(rows, d.ringTypology), candidates.filter(recent), ranked, kept, selected)
    .sort((a, b) => a.typology.localeCompare(b.typology) || a.verdict.localeCompare(b.verdict));
  for (const m of misses) {
    console.log(`${m.typology} ring ${m.ring} (${m.accounts} accounts): ${m.verdict}; own candidates ${m.ownCandidates}`
      + `, best rank ${m.bestRank ?? '-'} of ${m.ranked} (kept ${m.kept}); other typologies holding half: ${m.otherTypologies.join(', ') || '-'}`);
  }
  const summary = new Map<string, Map<MissVerdict, number>>();
  for (const m of misses) {
    const s = summary.get(m.typology) ?? new Map<MissVerdict, number>();
    summary.set(m.typology, s);
    s.set(m.verdict, (s.get(m.verdict) ?? 0) + 1);
  }
  for (const [t, s] of summary) console.log(`${t}: ${[...s].map(([v, n]) => `${v} ${n}`).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
