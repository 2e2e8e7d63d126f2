import {
  accountFeatures, GraphBuilder, mine, type DetectorParams, type Finding, type MineResult, type MineStep, type Ring, type TxnGraph,
} from '../graph/index.ts';
import type { AccountIdentifiers, IdentifierKind } from '../graph/index.ts';
import type { RingsRepository, Tx } from './rings.repository.ts';

/** A window of an institution's log to mine with one version of the detector parameters. */
export interface WindowToMine {
  institutionId: string;
  from: number;
  to: number;
  params: DetectorParams;
  /** The institution's known-bad accounts (KnownBadService): scored against, and the distance to them. */
  knownBad: string[];
}

/**
 * How far (transfers, either direction) a run measures the distance to a known bad account. Every
 * account within it is kept with its distance: its own counterparties and theirs, which a rule can
 * weigh ("pays an account that was paid by a listed one"). Further out the count of accounts grows
 * with the graph's degree and says little.
 */
export const BAD_REACH = 2;

/** What mining a window gives, before it is stored. */
export interface MinedWindow {
  findings: Finding[];
  rings: Ring[];
  timings: MineResult['timings'];
  /** Size of the window's graph. */
  transactions: number;
  accounts: number;
  graph: GraphFeatureColumns;
}

/**
 * Graph features (the graph code's `accountFeatures` over the mined window and its findings) of the
 * accounts the scoring engine should know about: in a finding, or the hub of a fan of at least the
 * fan detectors' degree. Columns, one entry per account: typed arrays pass to the caller's thread
 * without copying object by object.
 */
export interface GraphFeatureColumns {
  accounts: string[];
  ringScore: Float64Array;
  findings: Int32Array;
  cycles: Int32Array;
  fanOutMax: Int32Array;
  fanInMax: Int32Array;
  twoHopPaths: Float64Array;
  /** Transfers to the nearest known bad account (0: listed), -1 beyond BAD_REACH. */
  badDistance: Int32Array;
}

/** Phase 'load' counts transfers read; 'mine' counts detector steps. */
export type MineProgress = (phase: 'load' | 'mine', done: number, total: number, step?: MineStep) => void;

/** Mines a window: on the caller's thread (mineStoredWindow) or on a thread of its own (mine-thread.ts). */
export type WindowMiner = (w: WindowToMine, onProgress?: MineProgress) => Promise<MinedWindow>;

const IDENT_KINDS = new Set<IdentifierKind>(['device', 'phone', 'ip', 'address']);

/**
 * Reads the window's account-to-account transfers and the institution's account identifiers
 * through `repo`, builds the graph and runs every detector. Reads only: storing the findings is
 * the caller's (RingsService), in its own transaction.
 */
export async function mineStoredWindow(db: Tx, repo: RingsRepository, w: WindowToMine, onProgress?: MineProgress): Promise<MinedWindow> {
  const total = await repo.countTransfers(db, w.institutionId, w.from, w.to);
  // Rows go into the graph's columns as the pages arrive: held in an array until the build, 5,000,000
  // rows were 20 million objects that every collection of the load marked (docs/rings.md, "Performance").
  const builder = new GraphBuilder();
  let loaded = 0;
  for await (const r of repo.transfers(db, w.institutionId, w.from, w.to)) {
    builder.add(r);
    if (++loaded % 10_000 === 0) onProgress?.('load', loaded, total);
  }
  onProgress?.('load', loaded, total);
  const graph = builder.build();
  const identifiers = await identifiersOf(db, repo, w.institutionId);
  const result = mine({
    graph, params: w.params, identifiers, knownBad: w.knownBad, onStep: (step, done, steps) => onProgress?.('mine', done, steps, step),
  });
  return {
    findings: result.findings, rings: result.rings, timings: result.timings, transactions: graph.edgeCount, accounts: graph.nodeCount,
    graph: graphFeatureColumns(graph, w.params, result, w.knownBad),
  };
}

function graphFeatureColumns(graph: TxnGraph, params: DetectorParams, result: MineResult, knownBad: string[]): GraphFeatureColumns {
  const f = accountFeatures(graph, { params, windowsMs: [], findings: result.findings, fanMax: result.fanMax, knownBad, maxHops: BAD_REACH }).values;
  const keep: number[] = [];
  for (let u = 0; u < graph.nodeCount; u++) {
    if (f.finding_count[u] > 0 || f.fan_out_max[u] >= params.fanOut.minDegree || f.fan_in_max[u] >= params.fanIn.minDegree
      || f.distance_to_bad[u] <= BAD_REACH) keep.push(u);
  }
  const pick = <T extends Float64Array | Int32Array>(make: new (n: number) => T, from: Float64Array, scale = 1): T => {
    const out = new make(keep.length);
    keep.forEach((u, i) => { out[i] = Math.round(from[u] * scale * 10) / 10; });
    return out;
  };
  return {
    accounts: keep.map((u) => graph.nodeIds[u]),
    ringScore: pick(Float64Array, f.community_risk, 100),
    findings: pick(Int32Array, f.finding_count),
    cycles: pick(Int32Array, f.cycle_count),
    fanOutMax: pick(Int32Array, f.fan_out_max),
    fanInMax: pick(Int32Array, f.fan_in_max),
    twoHopPaths: pick(Float64Array, f.two_hop_paths_through),
    badDistance: Int32Array.from(keep, (u) => (f.distance_to_bad[u] <= BAD_REACH ? f.distance_to_bad[u] : -1)),
  };
}

async function identifiersOf(db: Tx, repo: RingsRepository, institutionId: string): Promise<AccountIdentifiers[]> {
  const byAccount = new Map<string, AccountIdentifiers>();
  for (const r of await repo.identifiers(db, institutionId)) {
    if (!IDENT_KINDS.has(r.kind as IdentifierKind)) continue;
    let a = byAccount.get(r.account);
    if (!a) byAccount.set(r.account, (a = { account: r.account, identifiers: [] }));
    a.identifiers.push({ kind: r.kind as IdentifierKind, value: r.value });
  }
  return [...byAccount.values()];
}
