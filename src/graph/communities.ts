import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { findingKey, type Finding, type Typology } from './finding.ts';

/** A ring (团伙): overlapping findings merged by Louvain communities over their transfers. */
export interface Ring {
  id: string;
  members: string[];
  findingKeys: string[];
  typologies: Typology[];
  score: number;
  totalAmount: number;
}

// The package is CommonJS (`module.exports = fn`) while its typings declare `export default`;
// under NodeNext the default import is the function at run time, typed as the module record.
type Louvain = typeof louvainModule.default;
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

/** Small deterministic PRNG (mulberry32) so the same findings always give the same rings. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds the undirected graph of finding members (edge weight = transfers between them inside
 * findings; shared-identifier members are tied to each other), runs Louvain, and assigns each
 * finding to the community holding most of its members. Sets `finding.ringId`.
 */
export function assignRings(findings: Finding[], resolution = 1): Ring[] {
  if (findings.length === 0) return [];
  const graph = new UndirectedGraph<Record<string, unknown>, { weight: number }>();
  const addEdge = (a: string, b: string) => {
    if (a === b) return;
    graph.mergeNode(a);
    graph.mergeNode(b);
    if (graph.hasEdge(a, b)) graph.updateEdgeAttribute(a, b, 'weight', (w: number | undefined) => (w ?? 0) + 1);
    else graph.addEdge(a, b, { weight: 1 });
  };
  // Sorted input order keeps Louvain deterministic for the same findings.
  const ordered = [...findings].sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const f of ordered) {
    // Members only: a context account (a busy hub trimmed from the structure) would join rings through it.
    for (const m of f.members) graph.mergeNode(m.account);
    let own = 0;
    for (const t of f.transactions) if (!t.context) { addEdge(t.src, t.dst); own++; }
    if (own === 0) for (let i = 1; i < f.members.length; i++) addEdge(f.members[0].account, f.members[i].account);
  }
  const community = graph.size > 0
    ? louvain(graph, { resolution, rng: seededRng(42), getEdgeWeight: 'weight' })
    : Object.fromEntries(graph.nodes().map((n: string, i: number) => [n, i]));
  const groups = new Map<number, Finding[]>();
  for (const f of ordered) {
    const votes = new Map<number, number>();
    for (const m of f.members) votes.set(community[m.account], (votes.get(community[m.account]) ?? 0) + 1);
    let best = -1, bestVotes = -1;
    for (const [c, v] of votes) if (v > bestVotes || (v === bestVotes && c < best)) { best = c; bestVotes = v; }
    let list = groups.get(best);
    if (!list) groups.set(best, (list = []));
    list.push(f);
  }
  const rings: Ring[] = [];
  for (const list of groups.values()) {
    const members = [...new Set(list.flatMap((f) => f.members.map((m) => m.account)))].sort();
    const id = findingKey('ring', members);
    for (const f of list) f.ringId = id;
    rings.push({
      id,
      members,
      findingKeys: list.map((f) => f.key),
      typologies: [...new Set(list.map((f) => f.typology))].sort(),
      score: Math.max(...list.map((f) => f.score)),
      totalAmount: list.reduce((s, f) => s + f.totalAmount, 0),
    });
  }
  return rings.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
