import type { Candidate, Role } from './finding.ts';

/**
 * Merges candidates of the same typology that describe the same structure seen from different
 * starting points (the sub-cycles of one loop, the overlapping windows of one fan): two candidates
 * merge when the smaller shares at least `minOverlap` of its members with the larger. Nodes in
 * more than `maxPerNode` candidates (busy hubs) do not link candidates, which bounds the work.
 */
export function mergeOverlapping(cands: Candidate[], minOverlap = 0.5, maxPerNode = 50): Candidate[] {
  const parent = cands.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  const byNode = new Map<number, number[]>();
  cands.forEach((c, i) => {
    if (c.typology === 'shared_identifier') return;
    for (const n of c.roles.keys()) {
      const l = byNode.get(n);
      if (l) l.push(i);
      else byNode.set(n, [i]);
    }
  });
  const tried = new Set<number>();
  for (const list of byNode.values()) {
    if (list.length < 2 || list.length > maxPerNode) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x], j = list[y];
        const a = cands[i], b = cands[j];
        if (a.typology !== b.typology) continue;
        const pair = i * cands.length + j;
        if (tried.has(pair)) continue;
        tried.add(pair);
        const [small, large] = a.roles.size <= b.roles.size ? [a, b] : [b, a];
        let shared = 0;
        for (const n of small.roles.keys()) if (large.roles.has(n)) shared++;
        if (shared >= minOverlap * small.roles.size) {
          const ri = find(i), rj = find(j);
          if (ri !== rj) parent[ri] = rj;
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  cands.forEach((_, i) => {
    const r = find(i);
    const l = groups.get(r);
    if (l) l.push(i);
    else groups.set(r, [i]);
  });
  const out: Candidate[] = [];
  for (const idx of groups.values()) {
    if (idx.length === 1) { out.push(cands[idx[0]]); continue; }
    const parts = idx.map((i) => cands[i]).sort((a, b) => b.roles.size - a.roles.size);
    const roles = new Map<number, Role>();
    const edges = new Set<number>();
    for (const c of parts) {
      for (const [n, role] of c.roles) {
        const prev = roles.get(n);
        roles.set(n, prev === undefined || prev === role ? role : 'mule');
      }
      for (const e of c.edges) edges.add(e);
    }
    out.push({
      typology: parts[0].typology,
      roles,
      edges: [...edges].sort((a, b) => a - b),
      facts: { ...parts[0].facts, merged: parts.length },
    });
  }
  return out;
}
