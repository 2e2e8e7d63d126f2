import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Typology } from '../src/graph/finding.ts';

/** Simulation steps are days. */
export const DAY = 86_400_000;

export interface EvalRow {
  txnId: string;
  src: string;
  dst: string;
  amount: number;
  time: number;
  step: number;
  sar: boolean;
  /** Ring id (AMLGentex patternID; AMLSim: component of laundering transfers, eval/amlsim.ts) for SAR rows, else null. */
  ring: string | null;
  typology: Typology | null;
}

export interface EvalData {
  name: string;
  accountCount: number;
  rows: EvalRow[];
  /** Typology of each ring id. */
  ringTypology: Map<string, Typology | 'mixed'>;
  /** Account-level labels (AMLSim) or null when labels are per transaction. */
  badAccounts: Set<string> | null;
  steps: [number, number];
}

const GENTEX_TYPOLOGY: Record<string, Typology> = {
  1: 'fan_out', 2: 'fan_in', 3: 'cycle', 4: 'bipartite', 5: 'stack', 7: 'scatter_gather', 8: 'gather_scatter',
};

/**
 * AMLGentex tx_log (see its PROVENANCE.md): keeps account-to-account rows only (nameOrig and
 * nameDest ≥ 0; the source/sink rows for income and spending use negative ids). Each SAR
 * patternID is one ring; modelType gives its typology.
 */
export function loadAmlgentex(dir: string): EvalData | null {
  const file = join(dir, 'tx_log.csv.gz');
  if (!existsSync(file)) return null;
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const lines = text.split('\n');
  const head = lines[0].split(',');
  const col = (n: string) => {
    const i = head.indexOf(n);
    if (i < 0) throw new Error(`${file}: missing column ${n}`);
    return i;
  };
  const [cStep, cAmt, cOrig, cDest, cSar, cPat, cModel] =
    ['step', 'amount', 'nameOrig', 'nameDest', 'isSAR', 'patternID', 'modelType'].map(col);
  const rows: EvalRow[] = [];
  const ringTypology = new Map<string, Typology | 'mixed'>();
  let maxStep = 0;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const c = l.split(',');
    if (Number(c[cOrig]) < 0 || Number(c[cDest]) < 0) continue;
    const step = Number(c[cStep]);
    const sar = c[cSar] === '1';
    const typology = sar ? GENTEX_TYPOLOGY[c[cModel]] ?? null : null;
    const ring = sar ? c[cPat] : null;
    if (ring && typology) ringTypology.set(ring, typology);
    if (step > maxStep) maxStep = step;
    rows.push({
      txnId: `t${i}`, src: c[cOrig], dst: c[cDest], amount: Math.round(Number(c[cAmt]) * 100), time: step * DAY,
      step, sar, ring, typology,
    });
  }
  const accounts = existsSync(join(dir, 'accounts.csv'))
    ? readFileSync(join(dir, 'accounts.csv'), 'utf8').split('\n').filter((l, i) => i > 0 && l.trim()).length
    : new Set(rows.flatMap((r) => [r.src, r.dst])).size;
  return { name: 'amlgentex', accountCount: accounts, rows, ringTypology, badAccounts: null, steps: [0, maxStep] };
}
