import { TYPOLOGIES } from './finding.ts';
import type { Scored } from './score.ts';

/**
 * Non-maximum suppression over scored candidates of one typology: the same structure seen from
 * several starting points (the sub-cycles of one loop, overlapping windows of one fan) is reported
 * once. Highest score first; a candidate is dropped when at least `minOverlap` of its members are
 * already in a kept candidate of its typology, and the kept one counts it in `facts.variants`.
 * (Merging them into unions instead chains unrelated accounts together and lowered precision on
 * the train split.)
 */
export function suppressOverlapping(scored: Scored[], minOverlap = 0.5): Scored[] {
  const order = [...scored].sort((a, b) => b.score - a.score);
  const kept: Scored[] = [];
  // (node, typology) → indices into kept; numeric keys keep this fast at millions of members.
  const byNode = new Map<number, number[]>();
  const T = TYPOLOGIES.length;
  // Members shared with each kept candidate, and the kept candidates touched in first-touch order
  // (the first to reach the overlap absorbs the candidate): typed counts, not a Map per candidate.
  const hits = new Int32Array(order.length);
  const touched: number[] = [];
  for (const s of order) {
    const c = s.candidate;
    const ti = TYPOLOGIES.indexOf(c.typology);
    touched.length = 0;
    for (const n of c.roles.keys()) {
      const l = byNode.get(n * T + ti);
      if (l) for (const k of l) if (hits[k]++ === 0) touched.push(k);
    }
    let dup = -1;
    for (const k of touched) {
      if (dup < 0 && hits[k] >= minOverlap * c.roles.size) dup = k;
      hits[k] = 0;
    }
    if (dup >= 0) {
      const f = kept[dup].candidate.facts;
      f.variants = (f.variants ?? 0) + 1;
      continue;
    }
    const idx = kept.length;
    kept.push(s);
    for (const n of c.roles.keys()) {
      const key = n * T + ti;
      const l = byNode.get(key);
      if (l) l.push(idx);
      else byNode.set(key, [idx]);
    }
  }
  return kept;
}

/**
 * Typologies from the most specific shape to the least: a fan seen at one payee of a dense
 * bipartite block, or at the sink of a scatter-gather, is a partial view of that structure.
 */
export const SPECIFICITY: readonly string[] = [
  'bipartite', 'cycle', 'scatter_gather', 'gather_scatter', 'stack', 'fan_in', 'fan_out', 'shared_identifier',
];

/**
 * Cross-typology suppression: a candidate is dropped when at least `minOverlap` of its members lie
 * in one kept candidate of a more specific typology (SPECIFICITY) that scores at least as high, so
 * partial views of one structure do not take the analysts' capacity of another typology.
 * Shared-identifier clusters are never suppressed. 0 = off.
 */
export function suppressAcrossTypologies(scored: Scored[], minOverlap: number): Scored[] {
  if (minOverlap <= 0) return scored;
  const spec = (s: Scored) => SPECIFICITY.indexOf(s.candidate.typology);
  const order = [...scored].sort((a, b) => spec(a) - spec(b) || b.score - a.score);
  const byNode = new Map<number, number[]>();
  const kept: Scored[] = [];
  const hits = new Map<number, number>();
  for (const s of order) {
    const c = s.candidate;
    let dup = false;
    if (c.typology !== 'shared_identifier') {
      hits.clear();
      for (const n of c.roles.keys()) for (const k of byNode.get(n) ?? []) hits.set(k, (hits.get(k) ?? 0) + 1);
      for (const [k, h] of hits) {
        if (h >= minOverlap * c.roles.size && spec(kept[k]) < spec(s) && kept[k].score >= s.score) { dup = true; break; }
      }
    }
    if (dup) continue;
    const idx = kept.length;
    kept.push(s);
    for (const n of c.roles.keys()) {
      const l = byNode.get(n);
      if (l) l.push(idx);
      else byNode.set(n, [idx]);
    }
  }
  return kept;
}
