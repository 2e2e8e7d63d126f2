/**
 * `npx tsx eval/demo-rings.ts [--days N] [--seed N] [--scale X] [--end YYYY-MM-DD] [--params JSON] [--ranks]`
 * (also `npm run eval -- --demo-rings`): ring mining on the demo bank against its planted patterns.
 * Generates the bank in memory (the seed and end date of eval/demo-scoring.ts, so runs are comparable),
 * mines its last `--days` (default 90: the whole bank) with the default detector parameters (merged
 * with `--params`) as `outpost graph mine` does, and prints per planted ring typology how many patterns
 * a kept finding holds (≥ half of the pattern's accounts: any finding, and one of the matching typology)
 * and the finding precision (a finding is true when ≥ half of its accounts belong to one planted
 * pattern, of any typology). `--ranks` also prints, per pattern, the best candidate holding half of it
 * and its rank within its typology. Labels are read by the evaluator only. No database.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoBank } from '../src/demo/generator.ts';
import type { DemoBank } from '../src/demo/types.ts';
import { buildGraph, type GraphEdgeInput, type TxnGraph } from '../src/graph/graph.ts';
import { usableEdges, type Typology } from '../src/graph/finding.ts';
import { detectCandidates, rankCandidates, selectScored } from '../src/graph/mine.ts';
import { parseDetectorParams, type DetectorParams } from '../src/graph/params.schema.ts';
import type { Scored } from '../src/graph/score.ts';
import type { AccountIdentifiers, IdentifierKind } from '../src/graph/detectors/shared-identifier.ts';
import { DEMO_EVAL_END, DEMO_EVAL_SEED } from './demo-scoring.ts';
import { argValue } from './cli.ts';

const DAY = 86_400_000;

/** Planted demo typologies that are ring shapes, and the finding typology that matches each. */
export const DEMO_RING_TYPOLOGIES: Readonly<Record<string, Typology>> = {
  cycle: 'cycle', fan_in: 'fan_in', fan_out: 'fan_out', scatter_gather: 'scatter_gather',
  gather_scatter: 'gather_scatter', stack: 'stack', layering_chain: 'stack',
};

export interface DemoPatternHit {
  id: string;
  typology: string;
  accounts: number;
  /** A kept finding holds ≥ half of its accounts (any typology / the matching one). */
  held: boolean;
  heldByMatching: boolean;
  /** Best candidate holding half of it per finding typology: 1-based rank within that typology. */
  ranks: Partial<Record<Typology, { rank: number; of: number; score: number }>>;
}

export interface DemoRingReport {
  accounts: number;
  transfers: number;
  candidates: number;
  kept: number;
  trueKept: number;
  precision: number;
  keptByTypology: Record<string, { findings: number; true: number }>;
  /** Per planted ring typology: patterns in the window, held by a kept finding (any / matching typology). */
  recall: Record<string, { patterns: number; held: number; heldByMatching: number }>;
  patterns: DemoPatternHit[];
  seconds: number;
}

/** The bank's account-to-account transfers in [from, to), as the ring store reads them. */
export function demoTransfers(bank: DemoBank, from: number, to: number): GraphEdgeInput[] {
  const out: GraphEdgeInput[] = [];
  for (const t of bank.transactions) {
    if (t.occurredAt < from || t.occurredAt >= to || !t.debitAccount || !t.creditAccount) continue;
    out.push({ txnId: t.id, src: t.debitAccount, dst: t.creditAccount, amount: t.amountMinor, time: t.occurredAt });
  }
  return out;
}

function demoIdentifiers(bank: DemoBank): AccountIdentifiers[] {
  const by = new Map<string, AccountIdentifiers>();
  for (const i of bank.identifiers) {
    let a = by.get(i.accountId);
    if (!a) by.set(i.accountId, (a = { account: i.accountId, identifiers: [] }));
    a.identifiers.push({ kind: i.kind as IdentifierKind, value: i.value });
  }
  return [...by.values()];
}

/** Planted patterns with their accounts inside the window (both sides of their labelled transfers). */
function plantedPatterns(bank: DemoBank, from: number, to: number): Map<string, { typology: string; accounts: Set<string> }> {
  const txn = new Map(bank.transactions.map((t) => [t.id, t]));
  const out = new Map<string, { typology: string; accounts: Set<string> }>();
  for (const l of bank.labels) {
    const t = txn.get(l.txnId);
    if (!t || t.occurredAt < from || t.occurredAt >= to) continue;
    let p = out.get(l.patternId);
    if (!p) out.set(l.patternId, (p = { typology: l.typology, accounts: new Set() }));
    if (t.debitAccount) p.accounts.add(t.debitAccount);
    if (t.creditAccount) p.accounts.add(t.creditAccount);
  }
  return out;
}

const holds = (g: TxnGraph, s: Scored, accounts: Set<string>): boolean => {
  let hit = 0;
  for (const n of s.candidate.roles.keys()) if (accounts.has(g.nodeIds[n])) hit++;
  return 2 * hit >= accounts.size;
};

export function evaluateDemoRings(bank: DemoBank, p: DetectorParams, days: number): DemoRingReport {
  const t0 = performance.now();
  const to = bank.window.end, from = to - days * DAY;
  const g = buildGraph(demoTransfers(bank, from, to));
  const ok = usableEdges(g, p.maxPairRepeats, p.minAmount);
  const { candidates, passThrough } = detectCandidates(g, ok, p, demoIdentifiers(bank));
  const scored = rankCandidates(g, ok, p, candidates, passThrough);
  const kept = selectScored(scored, p, g.nodeCount);
  const planted = plantedPatterns(bank, from, to);
  // Each node's planted patterns, for finding precision.
  const patternsOf = new Map<number, string[]>();
  for (const [id, x] of planted) {
    for (const a of x.accounts) {
      const n = g.nodeIndex.get(a);
      if (n !== undefined) (patternsOf.get(n) ?? patternsOf.set(n, []).get(n)!).push(id);
    }
  }
  const keptByTypology: DemoRingReport['keptByTypology'] = {};
  let trueKept = 0;
  for (const s of kept) {
    const count = new Map<string, number>();
    for (const n of s.candidate.roles.keys()) for (const id of patternsOf.get(n) ?? []) count.set(id, (count.get(id) ?? 0) + 1);
    const ok = [...count.values()].some((c) => 2 * c >= s.candidate.roles.size);
    const t = (keptByTypology[s.candidate.typology] ??= { findings: 0, true: 0 });
    t.findings++;
    if (ok) { t.true++; trueKept++; }
  }
  const byTypology = new Map<Typology, Scored[]>();
  for (const s of scored) (byTypology.get(s.candidate.typology) ?? byTypology.set(s.candidate.typology, []).get(s.candidate.typology)!).push(s);
  for (const l of byTypology.values()) l.sort((a, b) => b.score - a.score || a.order - b.order);
  const recall: DemoRingReport['recall'] = {};
  const patterns: DemoPatternHit[] = [];
  for (const [id, x] of [...planted].sort(([a], [b]) => a.localeCompare(b))) {
    const match = DEMO_RING_TYPOLOGIES[x.typology];
    if (!match) continue;
    const held = kept.some((s) => holds(g, s, x.accounts));
    const heldByMatching = kept.some((s) => s.candidate.typology === match && holds(g, s, x.accounts));
    const ranks: DemoPatternHit['ranks'] = {};
    for (const [t, l] of byTypology) {
      const i = l.findIndex((s) => holds(g, s, x.accounts));
      if (i >= 0) ranks[t] = { rank: i + 1, of: l.length, score: l[i].score };
    }
    patterns.push({ id, typology: x.typology, accounts: x.accounts.size, held, heldByMatching, ranks });
    const r = (recall[x.typology] ??= { patterns: 0, held: 0, heldByMatching: 0 });
    r.patterns++;
    if (held) r.held++;
    if (heldByMatching) r.heldByMatching++;
  }
  return {
    accounts: g.nodeCount, transfers: g.edgeCount, candidates: candidates.length, kept: kept.length, trueKept,
    precision: kept.length ? trueKept / kept.length : 0, keptByTypology, recall, patterns, seconds: (performance.now() - t0) / 1000,
  };
}

export function formatDemoRings(r: DemoRingReport, ranks = false): string {
  const held = Object.values(r.recall).reduce((s, x) => s + x.held, 0), all = Object.values(r.recall).reduce((s, x) => s + x.patterns, 0);
  const lines = [
    `${r.accounts} accounts, ${r.transfers} transfers, ${r.candidates} candidates, ${r.kept} findings kept in ${r.seconds.toFixed(1)} s`,
    `finding precision ${r.trueKept}/${r.kept} = ${r.precision.toFixed(3)} (≥ half of a finding's accounts in one planted pattern); `
      + `planted ring patterns held by a kept finding ${held}/${all}`,
    'planted typology: patterns held by a kept finding (any typology | its own typology)',
  ];
  for (const [t, x] of Object.entries(r.recall).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${t.padEnd(16)} ${`${x.held}/${x.patterns}`.padStart(6)} | ${`${x.heldByMatching}/${x.patterns}`.padStart(6)}`);
  }
  lines.push(`kept findings (true/all): ${Object.entries(r.keptByTypology).sort(([a], [b]) => a.localeCompare(b)).map(([t, x]) => `${t} ${x.true}/${x.findings}`).join(', ')}`);
  if (ranks) {
    for (const x of r.patterns) {
      const best = Object.entries(x.ranks).map(([t, v]) => `${t} #${v.rank}/${v.of} (${v.score})`).join(' ');
      lines.push(`  ${x.id} ${x.typology} ${x.accounts} accounts${x.held ? ' HELD' : ''}: ${best || 'no candidate'}`);
    }
  }
  return lines.join('\n');
}

export function runDemoRings(argv: string[]): DemoRingReport {
  const arg = (name: string) => argValue(name, argv);
  const seed = Number(arg('--seed') ?? DEMO_EVAL_SEED), scale = Number(arg('--scale') ?? 1), days = Number(arg('--days') ?? 90);
  const end = arg('--end') ? Date.parse(`${arg('--end')}T00:00:00+08:00`) : DEMO_EVAL_END;
  if (!Number.isInteger(seed) || !(scale > 0) || !(days > 0) || !Number.isFinite(end)) {
    throw new RangeError('usage: --demo-rings [--days N>0] [--seed N] [--scale X>0] [--end YYYY-MM-DD] [--params JSON] [--ranks]');
  }
  const p = parseDetectorParams(arg('--params') ? JSON.parse(arg('--params')!) : {});
  const bank = generateDemoBank({ seed, scale, endDate: end });
  console.log(`demo bank seed ${seed} scale ${scale}, last ${days} days to ${new Date(bank.window.end).toISOString()}: ring mining with the default parameters`
    + (arg('--params') ? ` and ${arg('--params')}` : ''));
  const r = evaluateDemoRings(bank, p, days);
  console.log(formatDemoRings(r, argv.includes('--ranks')));
  return r;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runDemoRings(process.argv.slice(2));
