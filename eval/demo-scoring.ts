/**
 * `npm run eval -- --demo [--scale X] [--seed N] [--end YYYY-MM-DD]`: alert workload and typology recall of the
 * built-in scenarios on the demo bank. Generates the bank in memory (fixed seed and end date, so
 * runs are comparable), scores every transaction in time order with the same engine and profile
 * semantics as ingest (own accounts only, opened at 00:00 +08:00 of the opening date), and prints:
 * the share of transactions reviewed/blocked, per scenario hits and label precision, and per
 * labelled typology the pattern recall (patterns with ≥ 1 transaction at review or block) and the
 * transaction recall. No database.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoBank } from '../src/demo/generator.ts';
import type { DemoBank } from '../src/demo/types.ts';
import { builtInScenarios, createEngine, mapProfileLookup, type AccountProfile } from '../src/engine/index.ts';
import type { ScenarioInput } from '../src/engine/rule.schema.ts';

export const DEMO_EVAL_SEED = 20261123;
/** Fixed end of the 90-day window (00:00 Asia/Shanghai of this day). */
export const DEMO_EVAL_END = Date.parse('2026-11-23T00:00:00+08:00');

/** hits: side-level hits; txns: transactions hit; flagged: of those, at review/block; labelled: of those, labelled. */
export interface ScenarioStat { hits: number; labelled: number; txns: number; flagged: number }
/** txnsHit: labelled transactions with any hit (e.g. a large-value report trigger of weight 0). */
export interface TypologyStat { patterns: number; patternsFlagged: number; txns: number; txnsFlagged: number; txnsHit: number }
export interface DemoScoringReport {
  transactions: number;
  review: number;
  block: number;
  scenarios: Record<string, ScenarioStat>;
  typologies: Record<string, TypologyStat>;
  seconds: number;
}

/** Mirrors src/reference/account-directory.ts: the bank's own accounts with their customer data. */
export function demoProfiles(bank: DemoBank): Map<string, AccountProfile> {
  const customers = new Map(bank.customers.map((c) => [c.id, c]));
  const out = new Map<string, AccountProfile>();
  for (const a of bank.accounts) {
    const c = customers.get(a.customerId);
    if (!c) continue; // ingest joins accounts to customers; an orphan account has no profile
    out.set(a.id, {
      customerId: c.id, customerKind: c.kind, birthDate: c.birthDate, openedAt: Date.parse(`${a.openedAt}T00:00:00+08:00`),
      riskLevel: c.riskLevel, branchId: a.branchId, own: true,
    });
  }
  return out;
}

export function scoreDemo(bank: DemoBank, scenarios: readonly ScenarioInput[] = builtInScenarios): DemoScoringReport {
  const t0 = performance.now();
  const engine = createEngine({ profiles: mapProfileLookup(demoProfiles(bank)), scenarios, explain: false });
  const labelOf = new Map(bank.labels.map((l) => [l.txnId, l]));
  const scen: Record<string, ScenarioStat> = {};
  for (const s of scenarios) scen[s.id] = { hits: 0, labelled: 0, txns: 0, flagged: 0 };
  const typ: Record<string, TypologyStat> = {};
  const patternsOf = new Map<string, Set<string>>();
  const flaggedPatterns = new Map<string, Set<string>>();
  for (const l of bank.labels) {
    typ[l.typology] ??= { patterns: 0, patternsFlagged: 0, txns: 0, txnsFlagged: 0, txnsHit: 0 };
    typ[l.typology].txns++;
    if (!patternsOf.has(l.typology)) { patternsOf.set(l.typology, new Set()); flaggedPatterns.set(l.typology, new Set()); }
    patternsOf.get(l.typology)!.add(l.patternId);
  }
  let review = 0, block = 0;
  for (const txn of bank.transactions) {
    const r = engine.score(txn);
    if (r.decision === 'review') review++;
    else if (r.decision === 'block') block++;
    const label = labelOf.get(txn.id);
    const seen = new Set<string>();
    for (const h of r.hits) {
      const st = scen[h.scenarioId];
      st.hits++;
      if (seen.has(h.scenarioId)) continue;
      seen.add(h.scenarioId);
      st.txns++;
      if (r.decision !== 'allow') st.flagged++;
      if (label) st.labelled++;
    }
    if (label && r.hits.length > 0) typ[label.typology].txnsHit++;
    if (label && r.decision !== 'allow') {
      typ[label.typology].txnsFlagged++;
      flaggedPatterns.get(label.typology)!.add(label.patternId);
    }
  }
  for (const [t, s] of patternsOf) { typ[t].patterns = s.size; typ[t].patternsFlagged = flaggedPatterns.get(t)!.size; }
  return { transactions: bank.transactions.length, review, block, scenarios: scen, typologies: typ, seconds: (performance.now() - t0) / 1000 };
}

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(2)}%` : '-');

export function formatDemoReport(r: DemoScoringReport): string {
  const lines = [
    `transactions ${r.transactions}: review ${r.review} (${pct(r.review, r.transactions)}), block ${r.block} (${pct(r.block, r.transactions)}), `
      + `review+block ${pct(r.review + r.block, r.transactions)}; scored in ${r.seconds.toFixed(1)} s`,
    'typology: pattern recall (patterns with a transaction at review/block) | transaction recall | transactions with any hit',
  ];
  for (const [t, s] of Object.entries(r.typologies).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${t.padEnd(22)} ${`${s.patternsFlagged}/${s.patterns}`.padStart(7)} ${pct(s.patternsFlagged, s.patterns).padStart(8)} | ${`${s.txnsFlagged}/${s.txns}`.padStart(9)} ${pct(s.txnsFlagged, s.txns).padStart(8)} | ${pct(s.txnsHit, s.txns).padStart(8)}`);
  }
  lines.push('scenario: transactions hit | of which labelled (label precision) | of which at review/block');
  for (const [id, s] of Object.entries(r.scenarios).filter(([, s]) => s.txns > 0).sort(([, a], [, b]) => b.txns - a.txns)) {
    lines.push(`  ${id.padEnd(8)} ${String(s.txns).padStart(7)} | ${String(s.labelled).padStart(5)} (${pct(s.labelled, s.txns)}) | ${String(s.flagged).padStart(6)}`);
  }
  const silent = Object.entries(r.scenarios).filter(([, s]) => s.txns === 0).map(([id]) => id);
  if (silent.length > 0) lines.push(`  no hits: ${silent.join(' ')}`);
  return lines.join('\n');
}

export function parseDemoArgs(argv: string[]): { seed: number; scale: number; end: number } {
  const out = { seed: DEMO_EVAL_SEED, scale: 1, end: DEMO_EVAL_END };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scale') out.scale = Number(argv[++i]);
    else if (argv[i] === '--seed') out.seed = Number(argv[++i]);
    else if (argv[i] === '--end') out.end = Date.parse(`${argv[++i]}T00:00:00+08:00`);
  }
  return out;
}

export function runDemoEval(argv: string[]): DemoScoringReport {
  const { seed, scale, end } = parseDemoArgs(argv);
  if (!Number.isFinite(end) || !(scale > 0) || !Number.isInteger(seed)) throw new RangeError('usage: --demo [--scale X>0] [--seed N] [--end YYYY-MM-DD]');
  const bank = generateDemoBank({ seed, scale, endDate: end });
  console.log(`demo bank seed ${seed} scale ${scale}, window ending ${new Date(end).toISOString()}: `
    + `${bank.accounts.length} accounts, ${bank.transactions.length} transactions, ${bank.labels.length} labelled in ${bank.patterns.length} patterns; `
    + `${builtInScenarios.length} built-in scenarios`);
  const r = scoreDemo(bank);
  console.log(formatDemoReport(r));
  return r;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runDemoEval(process.argv.slice(2));
