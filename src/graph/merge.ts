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
  const hits = new Map<number, number>();
  for (const s of order) {
    const c = s.candidate;
    const ti = TYPOLOGIES.indexOf(c.typology);
    hits.clear();
    for (const n of c.roles.keys()) {
      for (const k of byNode.get(n * T + ti) ?? []) hits.set(k, (hits.get(k) ?? 0) + 1);
    }
    let dup = -1;
    for (const [k, h] of hits) if (h >= minOverlap * c.roles.size) { dup = k; break; }
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
