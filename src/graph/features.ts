import { listColumns, type TxnGraph } from './graph.ts';
import { usableEdges, type Candidate, type Finding } from './finding.ts';
import type { DetectorParams } from './params.schema.ts';
import { detectFan } from './detectors/fan.ts';

/**
 * Per-account graph features for the scoring engine, computed by the same code as ring mining.
 * Column-oriented: `values[name][i]` is the feature of `accounts[i]` (= graph node i).
 */
export interface AccountFeatures {
  accounts: string[];
  names: string[];
  values: Record<string, Float64Array>;
}

export interface FeatureOptions {
  params: DetectorParams;
  /** Look-back windows ending at the graph's last transfer, e.g. [1 day, 7 days, 30 days]. */
  windowsMs: number[];
  knownBad?: Iterable<string>;
  /** Findings of a mining run over the same graph (for fan, cycle and community features). */
  findings?: Finding[];
  /** Distances above this are reported as maxHops + 1. */
  maxHops?: number;
  /**
   * Largest fan per hub from a mining run over the same graph with the same parameters
   * (MineResult.fanMax); a direction without one runs its fan detector here.
   */
  fanMax?: FanMaxima;
}

/** Per graph node, the degree of the largest fan it is the hub of (0: none), per direction. */
export interface FanMaxima { out?: Float64Array; in?: Float64Array }

/** Fan maxima of the fan candidates among `candidates` (the detectors' output, hubs only). */
export function fanMaxima(g: TxnGraph, candidates: Iterable<Candidate>, directions: { out: boolean; in: boolean }): FanMaxima {
  const out: FanMaxima = {};
  if (directions.out) out.out = new Float64Array(g.nodeCount);
  if (directions.in) out.in = new Float64Array(g.nodeCount);
  for (const c of candidates) {
    const target = c.typology === 'fan_out' ? out.out : c.typology === 'fan_in' ? out.in : undefined;
    if (!target) continue;
    for (const [node, role] of c.roles) if (role !== 'mule' && c.facts.degree > target[node]) target[node] = c.facts.degree;
  }
  return out;
}

const DAY = 86_400_000;
const label = (ms: number) => (ms % DAY === 0 ? `${ms / DAY}d` : `${Math.round(ms / 3_600_000)}h`);

export function accountFeatures(g: TxnGraph, o: FeatureOptions): AccountFeatures {
  const n = g.nodeCount;
  const values: Record<string, Float64Array> = {};
  const col = (name: string) => (values[name] = new Float64Array(n));
  let tEnd = -Infinity;
  for (let e = 0; e < g.edgeCount; e++) if (g.time[e] > tEnd) tEnd = g.time[e];
  const stamp = new Int32Array(n).fill(-1);

  // Degrees and distinct counterparties per window (lists are time-sorted: scan from the end),
  // over the lists' own columns of times and counterparties (graph.ts listColumns).
  const { outTime, outDst, inTime, inSrc } = listColumns(g);
  const window = (from: number, off: Int32Array, time: Float64Array, other: Int32Array, deg: Float64Array, cp: Float64Array) => {
    stamp.fill(-1);
    for (let u = 0; u < n; u++) {
      const lo = off[u];
      for (let i = off[u + 1] - 1; i >= lo; i--) {
        if (time[i] < from) break;
        deg[u]++;
        const v = other[i];
        if (stamp[v] !== u) { stamp[v] = u; cp[u]++; }
      }
    }
  };
  for (const w of o.windowsMs) {
    window(tEnd - w, g.outOffsets, outTime, outDst, col(`out_degree_${label(w)}`), col(`out_counterparties_${label(w)}`));
    window(tEnd - w, g.inOffsets, inTime, inSrc, col(`in_degree_${label(w)}`), col(`in_counterparties_${label(w)}`));
  }

  // Fan patterns: largest fan window per account (the detectors' own windows and thresholds).
  let ok: Uint8Array | undefined;
  for (const [dir, name, p] of [['out', 'fan_out_max', o.params.fanOut], ['in', 'fan_in_max', o.params.fanIn]] as const) {
    const mined = o.fanMax?.[dir];
    if (mined) { values[name] = mined.slice(); continue; }
    ok ??= usableEdges(g, o.params.maxPairRepeats, o.params.minAmount);
    values[name] = fanMaxima(g, detectFan(g, ok, { ...p, enabled: true }, dir), { out: dir === 'out', in: dir === 'in' })[dir]!;
  }

  // 2-hop paths: through the account (in × out) and onward from it (Σ out-degree of payees).
  const through = col('two_hop_paths_through'), onward = col('two_hop_paths_out');
  for (let u = 0; u < n; u++) {
    const outD = g.outOffsets[u + 1] - g.outOffsets[u];
    through[u] = (g.inOffsets[u + 1] - g.inOffsets[u]) * outD;
    for (let i = g.outOffsets[u]; i < g.outOffsets[u + 1]; i++) {
      const v = outDst[i];
      onward[u] += g.outOffsets[v + 1] - g.outOffsets[v];
    }
  }

  // Cycle membership and community (ring) risk from the findings of the same window.
  const cycles = col('cycle_count'), findingsIn = col('finding_count'), risk = col('community_risk');
  const ringScore = new Map<string, number>();
  for (const f of o.findings ?? []) if (f.ringId) ringScore.set(f.ringId, Math.max(ringScore.get(f.ringId) ?? 0, f.score));
  for (const f of o.findings ?? []) {
    const r = (f.ringId ? ringScore.get(f.ringId)! : f.score) / 100;
    for (const m of f.members) {
      const u = g.nodeIndex.get(m.account);
      if (u === undefined) continue;
      findingsIn[u]++;
      if (f.typology === 'cycle') cycles[u]++;
      if (r > risk[u]) risk[u] = r;
    }
  }

  // Distance (transfers, either direction) to the nearest known bad account: multi-source BFS.
  const maxHops = o.maxHops ?? 4;
  const dist = col('distance_to_bad').fill(maxHops + 1);
  let frontier: number[] = [];
  for (const a of o.knownBad ?? []) {
    const u = g.nodeIndex.get(a);
    if (u !== undefined && dist[u] !== 0) { dist[u] = 0; frontier.push(u); }
  }
  for (let h = 1; h <= maxHops && frontier.length > 0; h++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const [off, list, other] of [[g.outOffsets, g.outEdges, g.dst], [g.inOffsets, g.inEdges, g.src]] as const) {
        for (let i = off[u]; i < off[u + 1]; i++) {
          const v = other[list[i]];
          if (dist[v] > h) { dist[v] = h; next.push(v); }
        }
      }
    }
    frontier = next;
  }
  return { accounts: g.nodeIds, names: Object.keys(values), values };
}
