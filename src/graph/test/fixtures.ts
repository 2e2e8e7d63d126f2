import { buildGraph, type GraphEdgeInput, type TxnGraph } from '../graph.ts';
import { DEFAULT_DETECTOR_PARAMS, parseDetectorParams, type DetectorParams } from '../params.schema.ts';

export const DAY = 86_400_000;
let seq = 0;

/** A transfer of `amount` from src to dst on `day`. */
export const tx = (src: string, dst: string, amount: number, day: number, txnId = `t${++seq}`): GraphEdgeInput => ({
  txnId, src, dst, amount, time: day * DAY,
});

export const graphOf = (edges: GraphEdgeInput[]): TxnGraph => buildGraph(edges);

/** Defaults with overrides, validated like stored parameters. */
export const params = (over: Record<string, unknown> = {}): DetectorParams => parseDetectorParams(over, DEFAULT_DETECTOR_PARAMS);

/** Deterministic pseudo-random background traffic: recurring payments between fixed pairs. */
export function background(accounts: number, days: number, prefix = 'bg'): GraphEdgeInput[] {
  const out: GraphEdgeInput[] = [];
  for (let a = 0; a < accounts; a++) {
    const b = (a * 7 + 3) % accounts;
    if (a === b) continue;
    for (let d = 0; d < days; d += 7) out.push(tx(`${prefix}${a}`, `${prefix}${b}`, 1000 + a, d));
  }
  return out;
}
