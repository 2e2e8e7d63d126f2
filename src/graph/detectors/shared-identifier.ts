import { Interner } from '../../engine/state/interner.ts';
import { listColumns, type TxnGraph } from '../graph.ts';
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
  const { accountIds, shared } = sharedIdentifiers(accounts, p.maxAccountsPerIdentifier);
  const parent = new Int32Array(accountIds.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (x !== r) { const n = parent[x]; parent[x] = r; x = n; }
    return r;
  };
  for (const { holders } of shared) {
    for (let i = 1; i < holders.length; i++) {
      const a = find(holders[i]), b = find(holders[0]);
      if (a !== b) parent[a] = b;
    }
  }
  // Clusters in order of their first shared identifier; members in order of joining.
  const clusterOf = new Map<number, { members: number[]; idents: string[] }>();
  const joined = new Uint8Array(accountIds.length);
  for (const { key, holders } of shared) {
    const r = find(holders[0]);
    let c = clusterOf.get(r);
    if (!c) clusterOf.set(r, (c = { members: [], idents: [] }));
    for (const acc of holders) if (!joined[acc]) { joined[acc] = 1; c.members.push(acc); }
    c.idents.push(key);
  }
  const out: Candidate[] = [];
  // Payees in list order (graph.ts listColumns): a member's transfers are read as one contiguous run.
  const { outDst } = listColumns(g);
  for (const c of clusterOf.values()) {
    if (c.members.length < p.minAccounts) continue;
    const roles = new Map<number, Role>();
    const extra = new Map<string, Role>();
    for (const acc of c.members) {
      const n = g.nodeIndex.get(accountIds[acc]);
      if (n === undefined) extra.set(accountIds[acc], 'mule');
      else roles.set(n, 'mule');
    }
    const edges: number[] = [];
    for (const n of roles.keys()) {
      for (let i = g.outOffsets[n]; i < g.outOffsets[n + 1]; i++) if (roles.has(outDst[i])) edges.push(g.outEdges[i]);
    }
    out.push({
      typology: 'shared_identifier',
      roles,
      edges,
      facts: { accounts: c.members.length, identifiers: c.idents.length, internalTransfers: edges.length },
      extraMembers: extra,
      identifiers: c.idents.sort(),
    });
  }
  return out;
}

/** An identifier ("kind:value", value trimmed and lower-cased) and its distinct holders in order of appearance. */
interface SharedIdentifier { key: string; holders: number[] }

/**
 * The identifiers held by 2 to `maxHolders` distinct accounts, in order of first appearance, with
 * accounts numbered in order of appearance.
 *
 * Grouped by hand rather than in a Map keyed by value: a bank has millions of identifiers (keyed
 * hashes of 64 characters), almost all held by one account, and a Map of them costs a random
 * memory access per identifier (~6 s for 2.1 M on this machine's VM, most of the detector). Here
 * each value is hashed once in input order, positions are radix-sorted by hash (stable), and only
 * runs of equal hashes, usually of one, are compared as strings.
 */
function sharedIdentifiers(accounts: Iterable<AccountIdentifiers>, maxHolders: number): { accountIds: string[]; shared: SharedIdentifier[] } {
  // Accounts numbered in order of appearance by the engine's interner (as buildGraph; fresh id strings).
  const accountNo = new Interner();
  const kinds: string[] = [];
  const values: string[] = [];
  let kindOf = new Uint8Array(1024), holder = new Int32Array(1024), hash = new Uint32Array(1024);
  let n = 0;
  for (const a of accounts) {
    const acc = accountNo.id(a.account);
    for (const id of a.identifiers) {
      const value = id.value.trim().toLowerCase();
      if (value === '') continue;
      let k = kinds.indexOf(id.kind);
      if (k < 0) { k = kinds.length; kinds.push(id.kind); }
      if (n === hash.length) {
        const grow = <T extends Uint8Array | Int32Array | Uint32Array>(x: T, y: T): T => { y.set(x); return y; };
        kindOf = grow(kindOf, new Uint8Array(2 * n)); holder = grow(holder, new Int32Array(2 * n)); hash = grow(hash, new Uint32Array(2 * n));
      }
      // FNV-1a over the kind and the value's UTF-16 code units.
      let h = Math.imul(0x811c9dc5 ^ k, 0x01000193);
      for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
      kindOf[n] = k; holder[n] = acc; hash[n] = h >>> 0; values.push(value);
      n++;
    }
  }
  const order = radixSortUint32(hash.subarray(0, n));
  const shared: (SharedIdentifier & { first: number })[] = [];
  // Within a run of equal hashes: the distinct identifiers, each with its first position and holders (null: too many).
  const run: { first: number; holders: number[] | null }[] = [];
  for (let lo = 0; lo < n;) {
    let hi = lo + 1;
    while (hi < n && hash[order[hi]] === hash[order[lo]]) hi++;
    if (hi - lo > 1) {
      run.length = 0;
      for (let j = lo; j < hi; j++) {
        const i = order[j];
        const same = run.find((r) => kindOf[r.first] === kindOf[i] && values[r.first] === values[i]);
        if (!same) { run.push({ first: i, holders: [holder[i]] }); continue; }
        const hs = same.holders;
        if (hs === null || hs.includes(holder[i])) continue;
        if (hs.length === maxHolders) same.holders = null;
        else hs.push(holder[i]);
      }
      for (const r of run) {
        if (r.holders && r.holders.length >= 2) shared.push({ first: r.first, key: `${kinds[kindOf[r.first]]}:${values[r.first]}`, holders: r.holders });
      }
    }
    lo = hi;
  }
  shared.sort((a, b) => a.first - b.first);
  return { accountIds: accountNo.keys, shared };
}

/** Stable permutation sorting `keys` ascending: LSD radix sort on two 16-bit digits. */
function radixSortUint32(keys: Uint32Array): Int32Array {
  const m = keys.length;
  let order = new Int32Array(m), tmp = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  const count = new Int32Array(65_537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < m; i++) count[((keys[order[i]] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65_536; d++) count[d + 1] += count[d];
    for (let i = 0; i < m; i++) { const o = order[i]; tmp[count[(keys[o] >>> shift) & 0xffff]++] = o; }
    [order, tmp] = [tmp, order];
  }
  return order;
}
