/**
 * `npx tsx eval/ring-misses.ts [--amlgentex DIR] [--params JSON] [--check]`: where each labelled ring
 * of the TRAIN split (AMLGentex steps 0–59) is lost on the way from candidates to findings. With
 * `--check`, the check of train-ranker.ts instead: ranker fitted on steps 0–29, steps 0–59 mined,
 * rings and candidates with a transfer in steps 30–59. Per ring: how
 * many candidates of its typology hold at least half of it before scoring, whether one still does
 * after core trimming, its best rank within its typology after suppression, and how many of that
 * typology the analysts' capacity keeps. Never reads the test steps. docs/rings.md ("Where the
 * rings missed on train fail") was written from its output.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candidate } from '../src/graph/finding.ts';
import { buildGraph, type TxnGraph } from '../src/graph/graph.ts';
import { usableEdges } from '../src/graph/finding.ts';
import { detectCandidates, rankCandidates, selectScored } from '../src/graph/mine.ts';
import { parseDetectorParams } from '../src/graph/params.schema.ts';
import type { Scored } from '../src/graph/score.ts';
import { loadAmlgentex } from './datasets.ts';
import { truthRings, type TruthRing } from './ring-eval.ts';
import { DEFAULT_AMLGENTEX, splitRows } from './run.ts';
import { fitRanker } from './fit-ranker.ts';

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
 * `keptPerTypology`: how many findings of each typology the selection keeps.
 */
export function diagnoseRings(
  g: TxnGraph, rings: TruthRing[], raw: Candidate[], ranked: Scored[], keptPerTypology: Map<string, number>,
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
    const verdict: MissVerdict = own === 0 ? 'no candidate' : rank < 0 ? 'trimmed' : rank < kept ? 'found' : 'below share';
    return {
      ring: ring.id, typology: ring.typology, accounts: ring.accounts.size, ownCandidates: own, otherTypologies: other,
      bestRank: rank < 0 ? null : rank, ranked: list.length, kept, verdict,
    };
  });
}

function main(): void {
  const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const d = loadAmlgentex(resolve(arg('--amlgentex') ?? DEFAULT_AMLGENTEX));
  if (!d) { console.log('skip: no AMLGentex data'); return; }
  const p = parseDetectorParams(arg('--params') ? JSON.parse(arg('--params')!) : {});
  const { train } = splitRows(d);
  const check = process.argv.includes('--check');
  const rows = check ? train.filter((r) => r.step >= 30) : train;
  const from = rows[0].time;
  const model = check
    ? fitRanker(train.filter((r) => r.step < 30), truthRings(train.filter((r) => r.step < 30), d.ringTypology), p,
      { label: 'both', trim: p.scoring.coreReachQuantile, l2: 1 })
    : undefined;
  const g = buildGraph(train);
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const { candidates, passThrough } = detectCandidates(g, ok, p);
  const recent = (c: Candidate) => c.edges.some((e) => g.time[e] >= from);
  const ranked = rankCandidates(g, ok, p, candidates, passThrough, new Set(), model).filter((s) => recent(s.candidate));
  const active = new Set(rows.flatMap((r) => [r.src, r.dst])).size;
  const kept = new Map<string, number>();
  for (const s of selectScored(ranked, p, active)) kept.set(s.candidate.typology, (kept.get(s.candidate.typology) ?? 0) + 1);
  const misses = diagnoseRings(g, truthRings(rows, d.ringTypology), candidates.filter(recent), ranked, kept)
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
