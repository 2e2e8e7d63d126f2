import type { TxnGraph } from '../graph.ts';
import type { Candidate, Role } from '../finding.ts';
import type { DetectorParams } from '../params.schema.ts';

export type IdentifierKind = 'device' | 'phone' | 'ip' | 'address';
export interface AccountIdentifiers {
  account: string;
  identifiers: { kind: IdentifierKind; value: string }[];
}

/**
 * Accounts tied together by shared devices, phones, IPs or addresses (TYPOLOGIES TF-05, TF-18):
 * connected components of the account–identifier graph, ignoring identifiers shared by more than
 * maxAccountsPerIdentifier accounts. The transfers among a cluster's members are its transactions.
 */
export function detectSharedIdentifiers(
  g: TxnGraph,
  accounts: Iterable<AccountIdentifiers>,
  p: DetectorParams['sharedIdentifier'],
): Candidate[] {
  if (!p.enabled) return [];
  const byIdent = new Map<string, Set<string>>();
  for (const a of accounts) {
    for (const id of a.identifiers) {
      const k = `${id.kind}:${id.value.trim().toLowerCase()}`;
      if (id.value.trim() === '') continue;
      let s = byIdent.get(k);
      if (!s) byIdent.set(k, (s = new Set()));
      s.add(a.account);
    }
  }
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    while (x !== r) { const n = parent.get(x)!; parent.set(x, r); x = n; }
    return r;
  };
  const used: [string, Set<string>][] = [];
  for (const [k, set] of byIdent) {
    if (set.size < 2 || set.size > p.maxAccountsPerIdentifier) continue;
    used.push([k, set]);
    let first: string | null = null;
    for (const acc of set) {
      if (!parent.has(acc)) parent.set(acc, acc);
      if (first === null) first = acc;
      else { const a = find(acc), b = find(first); if (a !== b) parent.set(a, b); }
    }
  }
  const clusters = new Map<string, { members: Set<string>; idents: Set<string> }>();
  for (const [k, set] of used) {
    const r = find(set.values().next().value as string);
    let c = clusters.get(r);
    if (!c) clusters.set(r, (c = { members: new Set(), idents: new Set() }));
    for (const acc of set) c.members.add(acc);
    c.idents.add(k);
  }
  const out: Candidate[] = [];
  for (const c of clusters.values()) {
    if (c.members.size < p.minAccounts) continue;
    const roles = new Map<number, Role>();
    const extra = new Map<string, Role>();
    for (const acc of c.members) {
      const n = g.nodeIndex.get(acc);
      if (n === undefined) extra.set(acc, 'mule');
      else roles.set(n, 'mule');
    }
    const edges: number[] = [];
    for (const n of roles.keys()) {
      for (let i = g.outOffsets[n]; i < g.outOffsets[n + 1]; i++) {
        const e = g.outEdges[i];
        if (roles.has(g.dst[e])) edges.push(e);
      }
    }
    out.push({
      typology: 'shared_identifier',
      roles,
      edges,
      facts: { accounts: c.members.size, identifiers: c.idents.size, internalTransfers: edges.length },
      extraMembers: extra,
      identifiers: [...c.idents].sort(),
    });
  }
  return out;
}
