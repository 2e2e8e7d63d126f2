import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Typology } from '../src/graph/finding.ts';
import { DAY, type EvalData, type EvalRow } from './datasets.ts';

/**
 * One AMLSim sample run (IBM/AMLSim 2019 samples: nodes.csv, transactions.csv; see
 * ../shared/data/amlsim-20k/PROVENANCE.md). Labels are per account (`isFraud`) with `fraudStep`,
 * the step at which the account sent its laundering transfers; there is no alert id and no
 * per-transaction label.
 *
 * What the files show (measured on all three runs): flagged accounts also trade normally with each
 * other (about half of the transfers between two flagged accounts have ordinary amounts, ~290 vs
 * 10–20 for the patterns, and happen outside the sender's fraud step). Treating every transfer
 * between two flagged accounts as laundering glued the 200 patterns of a run into one component of
 * 780–1,670 accounts, so no ring could ever be "found". Here a transfer is laundering when both
 * ends are flagged and either it happens at the sender's `fraudStep` or its payer → payee pair
 * repeats within that step (the generator sends each pattern edge as a burst of 2–6 transfers; an
 * account in two patterns keeps only one `fraudStep`). Rings are the weakly connected components
 * of laundering transfers over the whole run (one per pattern; a pattern's edges are spread over
 * up to 110 steps, so per-split components would cut a cycle into pieces); the evaluator then
 * takes each ring's accounts inside a split.
 *
 * `typology` names the run's patterns; for the mixed run (fan-in and cycle patterns) each ring's
 * typology is read off its laundering edges: all into one account → `fan_in`, every account with
 * at most one payer and one payee (a cycle or the part of it that was sent) → `cycle`, else (and
 * for a single edge) `mixed`, where a finding of either typology counts.
 */
export function loadAmlsim(dir: string, typology: Typology | 'mixed'): EvalData | null {
  const nodesFile = join(dir, 'nodes.csv'), txFile = join(dir, 'transactions.csv');
  if (!existsSync(nodesFile) || !existsSync(txFile)) return null;
  const fraudStep = new Map<string, number>();
  const nodeLines = readFileSync(nodesFile, 'utf8').split(/\r?\n/);
  const nh = nodeLines[0].split(',');
  const [cId, cFraud, cStep] = ['nodeid', 'isFraud', 'fraudStep'].map((n) => {
    const i = nh.indexOf(n);
    if (i < 0) throw new Error(`${nodesFile}: missing column ${n}`);
    return i;
  });
  let accountCount = 0;
  for (let i = 1; i < nodeLines.length; i++) {
    const c = nodeLines[i].split(',');
    if (c.length < 2) continue;
    accountCount++;
    if (c[cFraud] === '1') fraudStep.set(c[cId], Number(c[cStep]));
  }
  const rows: EvalRow[] = [];
  const lines = readFileSync(txFile, 'utf8').split(/\r?\n/);
  const burst = new Map<string, number>();
  let maxStep = 0;
  for (let i = 1; i < lines.length; i++) {
    const c = lines[i].split(',');
    if (c.length < 4) continue;
    const step = Number(c[3]);
    if (step > maxStep) maxStep = step;
    const both = fraudStep.has(c[0]) && fraudStep.has(c[1]);
    if (both) burst.set(`${c[0]}>${c[1]}@${step}`, (burst.get(`${c[0]}>${c[1]}@${step}`) ?? 0) + 1);
    rows.push({
      txnId: `t${i}`, src: c[0], dst: c[1], amount: Math.round(Number(c[2]) * 100), time: step * DAY, step,
      sar: both && step === fraudStep.get(c[0]), ring: null, typology: null,
    });
  }
  for (const r of rows) if (!r.sar && (burst.get(`${r.src}>${r.dst}@${r.step}`) ?? 0) > 1) r.sar = true;
  const ringTypology = labelRings(rows, typology);
  return { name: `amlsim ${dir.split('/').pop()}`, accountCount, rows, ringTypology, badAccounts: new Set(fraudStep.keys()), steps: [1, maxStep] };
}

/** Sets `ring` on laundering rows (weakly connected components) and returns each ring's typology. */
function labelRings(rows: EvalRow[], typology: Typology | 'mixed'): Map<string, Typology | 'mixed'> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) { const p = parent.get(parent.get(x)!)!; parent.set(x, p); x = p; }
    return x;
  };
  const sar = rows.filter((r) => r.sar);
  for (const r of sar) {
    for (const a of [r.src, r.dst]) if (!parent.has(a)) parent.set(a, a);
    const a = find(r.src), b = find(r.dst);
    if (a !== b) parent.set(a, b);
  }
  const pairs = new Map<string, Set<string>>();
  for (const r of sar) {
    r.ring = `c${find(r.src)}`;
    let s = pairs.get(r.ring);
    if (!s) pairs.set(r.ring, (s = new Set()));
    s.add(`${r.src}>${r.dst}`);
  }
  const out = new Map<string, Typology | 'mixed'>();
  for (const [ring, ps] of pairs) out.set(ring, typology === 'mixed' ? shapeOf([...ps].map((p) => p.split('>'))) : typology);
  for (const r of sar) r.typology = out.get(r.ring!) === 'mixed' ? null : out.get(r.ring!) as Typology;
  return out;
}

function shapeOf(pairs: string[][]): Typology | 'mixed' {
  if (pairs.length < 2) return 'mixed';
  if (new Set(pairs.map(([, d]) => d)).size === 1) return 'fan_in';
  const outs = new Map<string, number>(), ins = new Map<string, number>();
  for (const [s, d] of pairs) { outs.set(s, (outs.get(s) ?? 0) + 1); ins.set(d, (ins.get(d) ?? 0) + 1); }
  return [...outs.values(), ...ins.values()].every((n) => n === 1) ? 'cycle' : 'mixed';
}

/** The three sample runs and the typology of their patterns. */
export const AMLSIM_RUNS: [string, Typology | 'mixed'][] = [
  ['20K_cycle200', 'cycle'], ['20K_fanin200', 'fan_in'], ['20K_fanin200cycle200', 'mixed'],
];

/** The typology of a run directory by its name (`mixed` when unknown). */
export const amlsimRunTypology = (dir: string): Typology | 'mixed' =>
  AMLSIM_RUNS.find(([run]) => dir.replace(/\/+$/, '').endsWith(run))?.[1] ?? 'mixed';
