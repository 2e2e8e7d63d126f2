import type { ScoreResult, Transaction } from '../domain/transaction.ts';
import { createEngine, type Engine, type EngineSnapshot, type GraphLookup, type ProfileLookup } from '../engine/index.ts';
import { AppError } from '../shared/errors.ts';
import { letOthersIn } from '../shared/let-others-in.ts';

/** What ingest calls (src/ingest/scorer.ts): scoring, and following the log other processes append to. */
export interface Scorer {
  score(txn: Transaction): ScoreResult;
  follower: { seenThrough: number; observe(txn: Transaction): void };
}

export interface EngineRuntimeDeps {
  /** Account profiles of an institution (the reference directory; kept current by the reference service). */
  profiles(institutionId: string): Promise<ProfileLookup>;
  /** Graph features of the institution's accounts (ring mining's latest run), read by `graph_*` features. */
  graph?(institutionId: string): Promise<GraphLookup | undefined>;
  /** The scenario documents currently active for the institution. */
  scenarios(institutionId: string): Promise<readonly unknown[]>;
  /** The institution's stored transaction log in ingest order (pages), after a log position (through `throughSeq` when given). */
  log(institutionId: string, afterSeq: number, throughSeq?: number): AsyncIterable<ReadonlyArray<Transaction & { seq: number }>>;
  /** The log's last committed position (any institution); without it, follow() does nothing. */
  lastPosition?(): Promise<number>;
  /** Stored snapshots; `pause`, when given, is awaited between parts (other work goes on meanwhile). */
  snapshots?: {
    load(institutionId: string, pause?: () => Promise<void>): Promise<{ seq: number; body: EngineSnapshot } | undefined>;
    save(institutionId: string, seq: number, body: EngineSnapshot, pause?: () => Promise<void>): Promise<void>;
  };
  /** Save a new snapshot after a rebuild that replayed at least this many log entries (default 10,000). */
  snapshotAfter?: number;
  /**
   * Where a snapshot that could not be saved (default: a process warning, OutpostSnapshotWarning) and a replacement
   * engine that could not be built (OutpostEngineWarning) are reported.
   */
  onWarning?(message: string): void;
  /**
   * Whether every batch ingest scores first hands the engine what the log holds beyond the
   * engine's position (Scorer.follower; ingest does on its own connection, not with the writer
   * thread): then a scenario change is built beside the scoring engine and swapped in (replace()).
   * Default true.
   */
  followedByIngest?: boolean;
}

/** Log positions follow() reads and observes in one step (~10 ms of replay on this machine). */
const FOLLOW_STEP = 1_024;

export interface BuildInfo { fromSnapshot: boolean; replayed: number; lastSeq: number; savedSnapshot: boolean }

/**
 * A transaction the engine refuses (a currency without a reference FX rate) is not scored and does
 * not change the windows — live and on replay alike — and is sent to review with the reason.
 */
function unscorable(e: AppError): ScoreResult {
  const why = e.details[0]?.message ?? e.message;
  return {
    decision: 'review', score: 0,
    hits: [{
      scenarioId: 'ENGINE-UNSCORED', version: 1, severity: 'medium', typology: 'data_quality', score: 0,
      reason: { 'zh-CN': `无法评分：${why}`, en: `Not scored: ${why}` },
    }],
  };
}

export interface EngineStatus {
  state: 'ready' | 'rebuilding' | 'idle';
  since: number | null;
  replayed: number | null;
  /** Share of the log replayed so far (0–0.99; null when unknown or not rebuilding). */
  share: number | null;
}

/** Replays a stored transaction; one the engine refused when it was scored (unscorable) is skipped again. */
function observeStored(engine: Engine, t: Transaction): void {
  try {
    engine.observe(t);
  } catch (e) {
    if (!(e instanceof AppError && e.kind === 'validation')) throw e;
  }
}

/**
 * One scoring engine per institution. It is built on first use (eagerly at server start) from the
 * active scenarios: restored from the latest snapshot when its feature layout still matches, then
 * brought up to date by replaying the stored log after the snapshot's position with
 * `engine.observe`, so scores equal those of an uninterrupted run. A rebuild that replayed many
 * entries saves a new snapshot before the engine is used.
 *
 * Activating or deactivating a scenario replaces the engine (replace()): the new one is built in
 * steps with other work let in between (a full replay when the feature layout changed: ~17 s per
 * million stored transactions on this machine, which on the thread serving requests held every
 * request that long), while the current one goes on scoring; once built it is swapped in, and the
 * first batch it scores hands it, from the log, what the current one scored meanwhile (ingest's log
 * follower). Costs a second engine's memory while it builds. After a failed batch the engine is
 * dropped (invalidate()): its windows hold transactions the log does not; the next use rebuilds it,
 * in steps too once the institution has had an engine.
 */
export class EngineRuntime {
  private readonly engines = new Map<string, Promise<Engine>>();
  /** Per engine: the log position its state is complete through (see Scorer.follower). */
  private readonly followers = new WeakMap<Engine, Scorer['follower']>();
  /** Per institution, moved by every invalidate() and replace(): a replacement built for an older one is not swapped in. */
  private readonly generations = new Map<string, number>();
  /** Institutions that have had an engine: later builds run in steps (the first, at start, straight through). */
  private readonly builtOnce = new Set<string>();
  readonly builds = new Map<string, BuildInfo>();
  /** Replacements being built (replace()): since when and how many log entries they replayed so far. */
  private readonly pending = new Map<string, { generation: number; since: number; replayed: number; share: number | null }>();

  constructor(private readonly d: EngineRuntimeDeps) {}

  engine(institutionId: string): Promise<Engine> {
    let e = this.engines.get(institutionId);
    if (!e) {
      e = this.build(institutionId, this.builtOnce.has(institutionId) ? letOthersIn : undefined);
      this.engines.set(institutionId, e);
      e.catch(() => { if (this.engines.get(institutionId) === e) this.engines.delete(institutionId); });
    }
    return e;
  }

  /** The scorer ingest uses: the institution's engine, degrading to review for transactions it refuses. */
  async scorer(institutionId: string): Promise<Scorer> {
    const engine = await this.engine(institutionId);
    return {
      follower: this.followers.get(engine)!,
      score(txn) {
        try {
          return engine.score(txn);
        } catch (e) {
          if (e instanceof AppError && e.kind === 'validation') return unscorable(e);
          throw e;
        }
      },
    };
  }

  /**
   * What this process's engine of the institution is doing: `rebuilding` while a replacement with
   * changed scenarios is built (the current one scores meanwhile), with the time it started (epoch
   * ms), the log entries replayed so far and the share of the log's positions behind it; `ready` with an engine; `idle` before the first use.
   * Other processes sharing the database rebuild on their own (after their change check).
   */
  status(institutionId: string): EngineStatus {
    const p = this.pending.get(institutionId);
    if (p) return { state: 'rebuilding', since: p.since, replayed: p.replayed, share: p.share };
    return { state: this.engines.has(institutionId) ? 'ready' : 'idle', since: null, replayed: null, share: null };
  }

  /** Whether the institution's engine is built or being built (fetching it does not replay the log again). */
  isBuilt(institutionId: string): boolean {
    return this.engines.has(institutionId);
  }

  /** Drops the engine (after a failed batch: its state holds what the log does not); the next use rebuilds it. */
  invalidate(institutionId: string): void {
    this.nextGeneration(institutionId);
    this.engines.delete(institutionId);
  }

  /**
   * The active scenarios changed: builds an engine of the new set in steps while the current one
   * keeps scoring, and swaps it in once built. Resolves when the new set scores (or a later change
   * or a failed batch superseded this one); if the build fails, the engine is dropped and the next
   * use builds it again. Without an engine there is nothing to keep: the next use builds.
   */
  async replace(institutionId: string): Promise<void> {
    const generation = this.nextGeneration(institutionId);
    const current = this.engines.get(institutionId);
    if (!current || this.d.followedByIngest === false) {
      this.engines.delete(institutionId);
      return;
    }
    const p = { generation, since: Date.now(), replayed: 0, share: null as number | null };
    this.pending.set(institutionId, p);
    try {
      const next = await this.build(institutionId, letOthersIn, (n, share) => { p.replayed = n; p.share = share; });
      if (this.generations.get(institutionId) === generation) this.engines.set(institutionId, Promise.resolve(next));
    } catch (e) {
      if (this.generations.get(institutionId) !== generation) return;
      this.engines.delete(institutionId);
      this.warn(`engine of ${institutionId} with the changed scenarios could not be built; the next use builds it again: ${(e as Error).message ?? String(e)}`);
    } finally {
      if (this.pending.get(institutionId) === p) this.pending.delete(institutionId);
    }
  }

  /**
   * Brings the institution's engine, if built, up to the end of the log in steps of `step`
   * positions (FOLLOW_STEP) with `pause` (other work let in) between them: what other processes
   * stored (`outpost ingest` of a daily file next to the server, a second server on PostgreSQL). Without it the next batch this
   * process scores replays all of it inside its own write transaction (ingest's log follower), and
   * every request waits: 2.2 s after a 200,000-row file on the demo bank at `--scale 4`. Each step
   * is observed only if no batch moved the engine's position while the step was read (a batch
   * replays from its position itself), so nothing is observed twice. Returns the entries observed.
   */
  async follow(institutionId: string, o: { pause?: () => Promise<void>; step?: number } = {}): Promise<number> {
    const pause = o.pause ?? letOthersIn, step = o.step ?? FOLLOW_STEP;
    const built = this.engines.get(institutionId);
    if (!built || !this.d.lastPosition || this.d.followedByIngest === false) return 0;
    const engine = await built;
    const f = this.followers.get(engine)!;
    let observed = 0;
    for (;;) {
      if (this.engines.get(institutionId) !== built) return observed; // replaced or dropped meanwhile
      const from = f.seenThrough;
      const end = await this.d.lastPosition();
      if (end <= from) return observed;
      const through = Math.min(end, from + step);
      const rows: Array<Transaction & { seq: number }> = [];
      for await (const page of this.d.log(institutionId, from, through)) rows.push(...page);
      if (f.seenThrough === from && this.engines.get(institutionId) === built) {
        for (const t of rows) observeStored(engine, t);
        f.seenThrough = through;
        observed += rows.length;
      }
      await pause();
    }
  }

  private nextGeneration(institutionId: string): number {
    const g = (this.generations.get(institutionId) ?? 0) + 1;
    this.generations.set(institutionId, g);
    return g;
  }

  private warn(message: string): void {
    (this.d.onWarning ?? ((m: string) => process.emitWarning(m, 'OutpostEngineWarning')))(message);
  }

  /**
   * Saves a new snapshot when the log holds at least `minEntries` entries after the stored one
   * (default `snapshotAfter`), so the next start replays only what arrives after it: a second engine
   * is restored from the stored snapshot and brought up to date from the log, as a start does, in
   * steps of a few MiB (loading, restoring, replaying 256 log entries, snapshotting, storing a part)
   * with other work let in between them, then saved and dropped. The engine that scores is
   * not touched (its state may hold a batch whose commit is still under way; the log holds only
   * committed ones). Costs a second engine's memory while it runs.
   */
  async refreshSnapshot(institutionId: string, minEntries = this.d.snapshotAfter ?? 10_000): Promise<BuildInfo> {
    const r = await this.replayLog(institutionId, letOthersIn);
    const saved = r.replayed >= minEntries && await this.save(institutionId, r.engine, r.lastSeq, letOthersIn);
    return { fromSnapshot: r.fromSeq > 0, replayed: r.replayed, lastSeq: r.lastSeq, savedSnapshot: saved };
  }

  private async build(institutionId: string, pause?: () => Promise<void>, progress?: (replayed: number, share: number | null) => void): Promise<Engine> {
    const { engine, fromSeq, replayed, lastSeq } = await this.replayLog(institutionId, pause, progress);
    this.followers.set(engine, { seenThrough: lastSeq, observe: (t) => observeStored(engine, t) });
    const saved = replayed >= (this.d.snapshotAfter ?? 10_000) && await this.save(institutionId, engine, lastSeq, pause);
    this.builds.set(institutionId, { fromSnapshot: fromSeq > 0, replayed, lastSeq, savedSnapshot: saved });
    this.builtOnce.add(institutionId);
    return engine;
  }

  /**
   * An engine restored from the latest snapshot (when its layout matches) and the log after it;
   * with `pause`, awaited between steps (a start has nothing else to do and runs straight through;
   * later builds and refreshes let live requests in).
   */
  private async replayLog(institutionId: string, pause?: () => Promise<void>, progress?: (replayed: number, share: number | null) => void) {
    const [profiles, graph, scenarios, snap] = await Promise.all([
      this.d.profiles(institutionId), this.d.graph?.(institutionId), this.d.scenarios(institutionId), this.d.snapshots?.load(institutionId, pause),
    ]);
    const fresh = () => createEngine({ profiles, graph, scenarios, explain: 'json' });
    let engine = fresh();
    let fromSeq = 0;
    if (snap) {
      try {
        const steps = engine.restoreSteps(snap.body);
        while (!steps.next().done) await pause?.();
        fromSeq = snap.seq;
      } catch (e) {
        if (!(e instanceof AppError && e.kind === 'conflict')) throw e; // other scenarios, or unreadable: replay everything
        engine = fresh();
      }
    }
    let replayed = 0, lastSeq = fromSeq;
    // How far through the log (positions are shared by institutions): for a progress figure only.
    const end = progress && this.d.lastPosition ? await this.d.lastPosition() : null;
    const share = () => (end !== null && end > fromSeq ? Math.min(0.99, (lastSeq - fromSeq) / (end - fromSeq)) : null);
    for await (const page of this.d.log(institutionId, fromSeq)) {
      for (const t of page) {
        lastSeq = t.seq;
        replayed++;
        observeStored(engine, t);
        // A page's first entries into a just-restored engine run cold (~0.1 ms each): shorter steps.
        if (pause && replayed % 256 === 0) {
          progress?.(replayed, share());
          await pause();
        }
      }
    }
    return { engine, fromSeq, replayed, lastSeq };
  }

  /**
   * Saves the engine's snapshot; false when it could not be taken or stored (memory, disk), which
   * costs the next start a longer replay, not this engine its scoring.
   */
  private async save(institutionId: string, engine: Engine, lastSeq: number, pause?: () => Promise<void>): Promise<boolean> {
    if (this.d.snapshots === undefined) return false;
    try {
      const steps = engine.snapshotSteps();
      let r = steps.next();
      for (; !r.done; r = steps.next()) await pause?.();
      await this.d.snapshots.save(institutionId, lastSeq, r.value, pause);
      return true;
    } catch (e) {
      const warn = this.d.onWarning ?? ((m: string) => process.emitWarning(m, 'OutpostSnapshotWarning'));
      warn(`engine snapshot of ${institutionId} at log position ${lastSeq} not saved (the next start replays from the previous one): ${(e as Error).message ?? String(e)}`);
      return false;
    }
  }
}
