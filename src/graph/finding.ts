import { createHash } from 'node:crypto';
import type { TxnGraph } from './graph.ts';

export const TYPOLOGIES = [
  'fan_out', 'fan_in', 'cycle', 'scatter_gather', 'gather_scatter', 'bipartite', 'stack', 'shared_identifier',
] as const;
export type Typology = (typeof TYPOLOGIES)[number];
export type Role = 'source' | 'mule' | 'sink';

export interface LocalText { 'zh-CN': string; en: string }
export interface Reason { code: string; points: number; text: LocalText }

/** What a detector returns: graph node indices and edge ids, before scoring. */
export interface Candidate {
  typology: Typology;
  /** node index → role; for shared-identifier findings, nodes may be absent from the graph (see `accounts`). */
  roles: Map<number, Role>;
  edges: number[];
  /** Structural facts the scorer turns into reasons (degree, layers, forwarded ratio, …). */
  facts: Record<string, number>;
  /** Accounts not in the graph (shared-identifier clusters) with their role. */
  extraMembers?: Map<string, Role>;
  /** Identifiers that tie a shared-identifier cluster together. */
  identifiers?: string[];
}

/**
 * What core trimming (score.ts) removed from the detected structure `whole` to leave `c`: accounts
 * whose activity does not recur in other suspicious structures (a busy hub, a payee's ordinary
 * payers) with their roles, and the structure's transfers that touch them. Not members; shown with
 * the finding so that it reads as the structure that was found (without them a fan whose hub was
 * trimmed, or a cycle trimmed to two of its accounts, shows members with no transfer between them).
 * Worked out for the findings kept only.
 */
export function contextOf(c: Candidate, whole: Candidate | undefined): { roles: Map<number, Role>; edges: number[] } {
  if (!whole || whole === c) return { roles: new Map(), edges: [] };
  const own = new Set(c.edges);
  return { roles: new Map([...whole.roles].filter(([n]) => !c.roles.has(n))), edges: whole.edges.filter((e) => !own.has(e)) };
}

/** A transfer of the finding; `context` when it touches a context account (see Finding.context). */
export interface FindingTxn { txnId: string; src: string; dst: string; amount: number; time: number; context?: true }
export interface FindingMember { account: string; role: Role }

export interface Finding {
  /** Hash of typology + sorted members: the same structure found again gets the same key. */
  key: string;
  typology: Typology;
  members: FindingMember[];
  /**
   * Accounts of the detected structure that are not members (trimmed: contextOf), with
   * their role in the structure; empty for most findings.
   */
  context: FindingMember[];
  /** Transactions forming the structure, in time order, its context's included (marked). */
  transactions: FindingTxn[];
  totalAmount: number;
  firstAt: number | null;
  lastAt: number | null;
  score: number;
  reasons: Reason[];
  facts: Record<string, number>;
  identifiers?: string[];
  /** Ring (community) the finding was merged into, when community detection ran. */
  ringId?: string;
}

export function findingKey(typology: string, accounts: Iterable<string>): string {
  const sorted = [...new Set(accounts)].sort();
  return createHash('sha256').update(`${typology}\n${sorted.join('\n')}`).digest('hex').slice(0, 32);
}

/** Resolves node indices and edge ids into account ids and transactions (time-ordered). */
/** `whole`: the candidate before core trimming, when it was trimmed (its context, see contextOf). */
export function materialise(g: TxnGraph, c: Candidate, score: number, reasons: Reason[], whole?: Candidate): Finding {
  const trimmed = contextOf(c, whole);
  const contextEdges = new Set(trimmed.edges);
  const edges = [...new Set([...c.edges, ...contextEdges])].sort((a, b) => a - b);
  const rank: Record<Role, number> = { source: 0, mule: 1, sink: 2 };
  const byRole = (a: FindingMember, b: FindingMember) => rank[a.role] - rank[b.role] || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0);
  const members: FindingMember[] = [...c.roles].map(([n, role]) => ({ account: g.nodeIds[n], role }));
  if (c.extraMembers) for (const [account, role] of c.extraMembers) members.push({ account, role });
  members.sort(byRole);
  const context: FindingMember[] = [...trimmed.roles].map(([n, role]) => ({ account: g.nodeIds[n], role })).sort(byRole);
  let total = 0;
  const transactions = edges.map((e): FindingTxn => {
    total += g.amount[e];
    const t: FindingTxn = { txnId: g.txnIds.get(e), src: g.nodeIds[g.src[e]], dst: g.nodeIds[g.dst[e]], amount: g.amount[e], time: g.time[e] };
    if (contextEdges.has(e)) t.context = true;
    return t;
  });
  return {
    key: findingKey(c.typology, members.map((m) => m.account)),
    typology: c.typology,
    members,
    context,
    transactions,
    totalAmount: total,
    firstAt: transactions.length ? transactions[0].time : null,
    lastAt: transactions.length ? transactions[transactions.length - 1].time : null,
    score,
    reasons,
    facts: c.facts,
    ...(c.identifiers ? { identifiers: c.identifiers } : {}),
  };
}

/** Edge mask: edges a detector may use (one-off pairs, at least the minimum amount). */
export function usableEdges(g: TxnGraph, maxPairRepeats: number, minAmount: number): Uint8Array {
  const ok = new Uint8Array(g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) ok[e] = g.pairCount[e] <= maxPairRepeats && g.amount[e] >= minAmount ? 1 : 0;
  return ok;
}
