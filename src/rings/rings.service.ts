import type { Actor, AuditEventInput } from '../audit/audit.types.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import {
  buildGraph, DEFAULT_DETECTOR_PARAMS, findingSubgraph, parseDetectorParams,
  type DetectorParams, type GraphEdgeInput, type MineStep, type Subgraph,
} from '../graph/index.ts';
import { mineStoredWindow, type GraphFeatureColumns, type WindowMiner } from './mine-window.ts';
import { notFound } from '../shared/errors.ts';
import { letOthersIn } from '../shared/let-others-in.ts';
import type { FindingDetail, FindingFilter, RingsRepository, RunRow, StoredFinding, Tx } from './rings.repository.ts';
import type { ChangeReceipt, ChangeWatcher } from '../platform/change-watcher.ts';

export interface RingsDeps {
  db: Tx;
  /** For a finding's neighbourhood (up to 5,000 transfers read): Database.reader, off the request thread on SQLite files. */
  reader?: Tx;
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  repo: RingsRepository;
  clock: Clock;
  ids: IdGenerator;
  audit: { append(tx: Tx, e: AuditEventInput): Promise<void> };
  /** Raised in the transaction that stores a run's findings (serialises two runs storing at once). */
  changes: Pick<ChangeWatcher, 'bump' | 'committed'>;
  /** Reads and mines a window (default: on the caller's thread through `repo`; the module gives a thread of its own). */
  miner?: WindowMiner;
  /** Called after a run's findings and graph features are committed (the scoring engine's graph features reload). */
  stored?: (institutionId: string) => Promise<void>;
  /** The institution's known-bad accounts when a run starts (KnownBadService.accountIds). */
  knownBad: (institutionId: string) => Promise<string[]>;
  /** Graph feature rows stored per transaction (GRAPH_FEATURE_ROWS; tests use fewer). */
  graphFeatureRows?: number;
}

/** A run's account graph features are stored this many rows per transaction (~10 ms each), requests let in between. */
export const GRAPH_FEATURE_ROWS = 2_000;

export interface MineRequest {
  institutionId: string;
  from: number;
  to: number;
  actor: Actor;
  trigger: 'cli' | 'api' | 'schedule';
  /** Progress: phase 'load' counts transfers read; 'mine' counts detector steps. */
  onProgress?: (phase: 'load' | 'mine' | 'store', done: number, total: number, step?: MineStep) => void;
}

export interface MineSummary {
  runId: string;
  transactions: number;
  accounts: number;
  findings: number;
  newFindings: number;
  paramsVersion: number;
  timings: Record<string, number>;
}

/** Ring mining over the stored transaction log, stored findings, and versioned detector parameters. */
export class RingsService {
  constructor(private readonly d: RingsDeps) {}

  /** Current parameters of an institution (defaults when none were saved) and their version (0 = defaults). */
  async params(institutionId: string): Promise<{ version: number; params: DetectorParams }> {
    const row = await this.d.repo.latestParams(this.d.db, institutionId);
    return row ? { version: row.version, params: parseDetectorParams(row.params) } : { version: 0, params: DEFAULT_DETECTOR_PARAMS };
  }

  paramVersions(institutionId: string) {
    return this.d.repo.paramVersions(this.d.db, institutionId);
  }

  /**
   * Saves a new version: `changes` (possibly partial) are merged over the current parameters and
   * validated (AppError 'validation' with path + reason per problem); the change is audited with
   * the previous and new parameters in the same database transaction.
   */
  async updateParams(institutionId: string, changes: unknown, actor: Actor, comment: string | null): Promise<{ version: number; params: DetectorParams }> {
    const current = await this.params(institutionId);
    const next = parseDetectorParams(changes, current.params);
    const version = current.version + 1;
    await this.d.run(async (tx) => {
      await this.d.repo.insertParams(tx, {
        institution_id: institutionId, version, params: JSON.stringify(next), comment, created_by: actor.id, created_at: this.d.clock.now(),
      });
      await this.d.audit.append(tx, {
        actor, action: 'rings.params_update', targetType: 'ring_params', targetId: `${institutionId}@${version}`, institutionId,
        before: { version: current.version, params: current.params }, after: { version, params: next, comment },
      });
    });
    return { version, params: next };
  }

  /**
   * Mines the window [from, to): reads the account-to-account transfers, builds the graph, runs
   * every detector, and upserts the findings by key so re-running the same window refreshes them
   * instead of adding duplicates. The run and its summary are audited.
   */
  async mineWindow(req: MineRequest): Promise<MineSummary> {
    const { d } = this;
    const startedAt = d.clock.now();
    const { version, params } = await this.params(req.institutionId);
    const miner = d.miner ?? ((w, progress) => mineStoredWindow(d.db, d.repo, w, progress));
    const knownBad = await d.knownBad(req.institutionId);
    const result = await miner({ institutionId: req.institutionId, from: req.from, to: req.to, params, knownBad }, req.onProgress);
    const runId = d.ids('job');
    const now = d.clock.now();
    let fresh = 0;
    let receipt: ChangeReceipt | undefined;
    await d.run(async (tx) => {
      // First the institution's rings counter: its row lock makes a second run (another server, or the API
      // beside the schedule) wait here, so the stored keys read next include the first run's new findings.
      receipt = await d.changes.bump(tx, req.institutionId, 'rings');
      const keys = await d.repo.findingIdsByKey(tx, req.institutionId, result.findings.map((f) => f.key));
      let i = 0;
      for (const f of result.findings) {
        const id = keys.get(f.key);
        if (!id) fresh++;
        await d.repo.upsertFinding(tx, req.institutionId, id ?? d.ids('ring'), id !== undefined, f, runId, now);
        req.onProgress?.('store', ++i, result.findings.length);
      }
      const run: RunRow = {
        id: runId, institution_id: req.institutionId, window_from: req.from, window_to: req.to, params_version: version,
        transactions: result.transactions, accounts: result.accounts, findings: result.findings.length, new_findings: fresh,
        timings: JSON.stringify(result.timings), trigger: req.trigger, started_at: startedAt, finished_at: d.clock.now(),
      };
      await d.repo.insertRun(tx, run);
      await d.audit.append(tx, {
        actor: req.actor, action: 'rings.mine', targetType: 'ring_run', targetId: runId, institutionId: req.institutionId,
        after: {
          from: req.from, to: req.to, paramsVersion: version, knownBad: knownBad.length, transactions: result.transactions,
          findings: result.findings.length, newFindings: fresh,
        },
      });
    });
    // This process reloads what it stored itself; its next change check need not do it again.
    d.changes.committed(receipt!);
    await this.storeGraphFeatures(req.institutionId, runId, result.graph);
    await d.stored?.(req.institutionId);
    const timings = Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, Math.round(v ?? 0)]));
    return {
      runId, transactions: result.transactions, accounts: result.accounts, findings: result.findings.length, newFindings: fresh,
      paramsVersion: version, timings,
    };
  }

  /**
   * The run's account graph features (one row per account of the window) over the institution's, in
   * transactions of GRAPH_FEATURE_ROWS rows with other requests let in between, then the rows of
   * accounts the run did not see are deleted and the rings counter raised again, so other processes
   * reload once the set is whole. Stops if a later run has been stored meanwhile (it writes its own).
   * Written in one transaction with the findings until 2026-12-07, they held the thread serving
   * requests ~5 µs a row: 0.3-0.4 s per 60,000 rows, ~3 s per 600,000 (30,088 rows for the demo
   * bank at `--scale 4`).
   */
  private async storeGraphFeatures(institutionId: string, runId: string, g: GraphFeatureColumns): Promise<void> {
    const d = this.d;
    const rows = this.d.graphFeatureRows ?? GRAPH_FEATURE_ROWS;
    for (let from = 0; from < g.accounts.length; from += rows) {
      const latest = await d.run(async (tx) => {
        if (!(await d.repo.isLatestRun(tx, institutionId, runId))) return false;
        await d.repo.upsertGraphFeatures(tx, institutionId, runId, g, from, Math.min(g.accounts.length, from + rows));
        return true;
      });
      if (!latest) return;
      await letOthersIn();
    }
    const receipt = await d.run(async (tx) => {
      if (!(await d.repo.isLatestRun(tx, institutionId, runId))) return null;
      await d.repo.deleteGraphFeaturesNotOf(tx, institutionId, runId);
      return d.changes.bump(tx, institutionId, 'rings');
    });
    if (receipt) d.changes.committed(receipt);
  }

  list(institutionId: string, filter: FindingFilter): Promise<{ items: StoredFinding[]; total: number }> {
    return this.d.repo.listFindings(this.d.db, institutionId, filter);
  }

  /** A finding with members, transactions in time order, and the accounts two transfers out. */
  async detail(institutionId: string, id: string, hops = 2, maxTransfers = 5000): Promise<FindingDetail & { subgraph: Subgraph }> {
    const f = await this.d.repo.getFinding(this.d.db, institutionId, id);
    if (!f) throw notFound('finding', id);
    const from = (f.firstAt ?? 0) - 7 * 86_400_000, to = (f.lastAt ?? this.d.clock.now()) + 7 * 86_400_000 + 1;
    // Expand hop by hop through the store, then cut the 2-hop neighbourhood from that graph. The
    // finding's own transfers go in first: a busy member (a merchant, a collection account) can
    // have more transfers in the period than the cap, and those read first are the earliest.
    // Context accounts (trimmed from the structure: often busy ones) come with the structure's
    // transfers only; the reading expands from the members.
    const seen = new Set([...f.members, ...f.context].map((m) => m.account));
    const edges = new Map<string, GraphEdgeInput>(f.transactions.map((t) => [t.txnId, t]));
    let cut = false;
    let frontier = f.members.map((m) => m.account);
    for (let h = 0; h < hops && frontier.length > 0; h++) {
      if (edges.size >= maxTransfers) { cut = true; break; }
      const found = await this.d.repo.transfersTouching(this.d.reader ?? this.d.db, institutionId, frontier, from, to, maxTransfers - edges.size);
      if (found.length >= maxTransfers - edges.size) cut = true;
      const next: string[] = [];
      for (const e of found) {
        edges.set(e.txnId, e);
        for (const a of [e.src, e.dst]) if (!seen.has(a)) { seen.add(a); next.push(a); }
      }
      frontier = next;
    }
    const graph = buildGraph(edges.values());
    const finding = {
      key: f.key, typology: f.typology, members: f.members, context: f.context, transactions: f.transactions, totalAmount: f.totalAmountMinor,
      firstAt: f.firstAt, lastAt: f.lastAt, score: f.score, reasons: f.reasons, facts: f.facts,
    };
    const subgraph = findingSubgraph(graph, finding, hops);
    return { ...f, subgraph: cut ? { ...subgraph, truncated: true } : subgraph };
  }

  /** The latest run's account graph features, by account (what the scoring engine reads). */
  graphFeatures(institutionId: string) {
    return this.d.repo.graphFeatures(this.d.db, institutionId);
  }

  /**
   * An account's place in the graph as the latest mining run saw it (what the scoring engine reads
   * for it), with that run; features null when the run kept none for the account (no finding, no fan).
   */
  async accountGraph(institutionId: string, accountId: string) {
    const [features, runs] = await Promise.all([
      this.d.repo.accountGraph(this.d.db, institutionId, accountId), this.d.repo.listRuns(this.d.db, institutionId, 1),
    ]);
    return { account: accountId, features: features ?? null, run: runs[0] ?? null };
  }

  runs(institutionId: string, limit = 20) {
    return this.d.repo.listRuns(this.d.db, institutionId, limit);
  }
}
