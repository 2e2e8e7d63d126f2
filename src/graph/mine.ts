import type { TxnGraph } from './graph.ts';
import { materialise, usableEdges, type Candidate, type Finding, type Typology } from './finding.ts';
import type { DetectorParams } from './params.schema.ts';
import { detectFan } from './detectors/fan.ts';
import { detectCycles } from './detectors/cycle.ts';
import { detectGatherScatter, detectScatterGather, detectStack, flowEvents, type FlowAnalysis } from './detectors/flow.ts';
import { detectBipartite } from './detectors/bipartite.ts';
import { detectSharedIdentifiers, type AccountIdentifiers } from './detectors/shared-identifier.ts';
import { scoreCandidates } from './score.ts';
import { mergeOverlapping } from './merge.ts';
import { assignRings, type Ring } from './communities.ts';

export interface MineInput {
  graph: TxnGraph;
  params: DetectorParams;
  /** Identifiers per account for the shared-identifier detector (optional). */
  identifiers?: Iterable<AccountIdentifiers>;
  /** Accounts already confirmed bad (earlier STRs, police lists): raises scores nearby. */
  knownBad?: Iterable<string>;
  /** Called after each step, for progress bars. */
  onStep?: (step: MineStep, done: number, total: number) => void;
}

export type MineStep = Typology | 'flow' | 'score' | 'communities';

export interface MineResult {
  findings: Finding[];
  rings: Ring[];
  /** Milliseconds per step, for the benchmark and the job log. */
  timings: Partial<Record<MineStep, number>>;
}

/** Runs every enabled detector over the graph, scores, deduplicates by key and groups into rings. */
export function mine(input: MineInput): MineResult {
  const { graph: g, params: p } = input;
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const timings: MineResult['timings'] = {};
  let flow: FlowAnalysis | undefined;
  const steps: [MineStep, () => Candidate[]][] = [
    ['fan_out', () => detectFan(g, ok, p.fanOut, 'out')],
    ['fan_in', () => detectFan(g, ok, p.fanIn, 'in')],
    ['cycle', () => detectCycles(g, ok, p.cycle)],
    ['bipartite', () => detectBipartite(g, ok, p.bipartite)],
    ['flow', () => { flow = flowEvents(g, ok, p.flow); return []; }],
    ['scatter_gather', () => detectScatterGather(g, flow!, p)],
    ['gather_scatter', () => detectGatherScatter(g, flow!, p)],
    ['stack', () => detectStack(g, flow!, p)],
    ['shared_identifier', () => (input.identifiers ? detectSharedIdentifiers(g, input.identifiers, p.sharedIdentifier) : [])],
  ];
  const total = steps.length + 2;
  const candidates: Candidate[] = [];
  let done = 0;
  for (const [name, run] of steps) {
    const t0 = performance.now();
    candidates.push(...run());
    timings[name] = performance.now() - t0;
    input.onStep?.(name, ++done, total);
  }
  let t0 = performance.now();
  const knownBad = new Set<number>();
  for (const a of input.knownBad ?? []) {
    const n = g.nodeIndex.get(a);
    if (n !== undefined) knownBad.add(n);
  }
  const scored = scoreCandidates(g, mergeOverlapping(candidates), knownBad, ok);
  const byKey = new Map<string, Finding>();
  for (const { candidate, score, reasons } of scored) {
    const f = materialise(g, candidate, score, reasons);
    const prev = byKey.get(f.key);
    if (!prev || prev.score < f.score) byKey.set(f.key, f);
  }
  const findings = selectFindings([...byKey.values()], p, g.nodeCount);
  timings.score = performance.now() - t0;
  input.onStep?.('score', ++done, total);
  t0 = performance.now();
  const rings = p.community.enabled ? assignRings(findings, p.community.resolution) : [];
  timings.communities = performance.now() - t0;
  input.onStep?.('communities', ++done, total);
  return { findings, rings, timings };
}

/**
 * Applies the score cut and the analysts' capacity (maxFindingsPer10k of the window's accounts),
 * highest score first; ties broken by key so the selection is deterministic.
 */
export function selectFindings(findings: Finding[], p: Pick<DetectorParams, 'minScore' | 'maxFindingsPer10k'>, accounts: number): Finding[] {
  const sorted = findings.filter((f) => f.score >= p.minScore).sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  if (p.maxFindingsPer10k <= 0) return sorted;
  return sorted.slice(0, Math.floor((accounts * p.maxFindingsPer10k) / 10_000));
}
