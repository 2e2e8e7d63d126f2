import { ringsGraphOf } from '../rings/rings.module.ts';
import type { Module } from '../app/module.ts';
import { getService, type Container } from '../app/container.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { BacktestService, type BacktestInput, type BacktestProgress, type BacktestResult } from './backtest.service.ts';
import { storedBacktestDeps } from './backtest.deps.ts';
import { EngineRuntime } from './engine-runtime.ts';
import { EngineSnapshotRepository } from './engine-snapshot.repository.ts';
import { ScenarioRepository } from './scenarios.repository.ts';
import { scenarioRoutes } from './scenarios.routes.ts';
import { scheduleSnapshots, snapshotJobConfig } from './snapshot.schedule.ts';
import { followTheLog } from './log-follow.schedule.ts';
import { ScenarioService } from './scenarios.service.ts';
import { runInThread } from '../shared/task-thread.ts';
import type { OpenOptions } from '../store/database.ts';
import { lastLogPosition } from '../store/log-position.ts';

export interface ScenariosContext {
  service: ScenarioService;
  runtime: EngineRuntime;
  now(): number;
  /**
   * Backtest a stored version (default: the draft, else the active one) against the active version,
   * on a thread of its own (one at a time per process; later ones wait their turn).
   */
  backtest(institutionId: string, scenarioId: string, o: { version?: number; from: number; to: number; warmupDays?: number }, onProgress?: BacktestProgress): Promise<BacktestResult>;
}

export function scenariosOf(c: Container): ScenariosContext {
  return getService<ScenariosContext>(c, 'scenarios');
}

/**
 * Scenarios and real-time scoring: the versioned scenario library per institution, and one engine
 * per institution published as service 'scorer' for ingest. At server start every institution's
 * engine is rebuilt from its snapshot and the stored log, so scores continue as if never
 * interrupted; a scheduled job keeps the snapshots recent (snapshot.schedule.ts).
 */
export const scenariosModule: Module = {
  name: 'scenarios',
  init(c) {
    const db = c.database.db;
    const profiles = (institutionId: string) => referenceServiceOf(c).directory(institutionId);
    const log = (institutionId: string, afterSeq = 0, throughSeq?: number) => ingestOf(c).transactions.streamLog(institutionId, afterSeq, { throughSeq });
    const snapshots = new EngineSnapshotRepository(db);
    const holder: { runtime?: EngineRuntime } = {};
    const service = new ScenarioService({
      db, clock: c.clock, ids: c.ids, audit: c.audit, repo: new ScenarioRepository(), changed: (i) => holder.runtime?.replace(i), changes: c.changes,
      settleWaitMs: c.config.scenarioSettleWaitMs,
    });
    // Graph features of accounts from ring mining's latest run (the rings module keeps them current).
    const graph = async (i: string) => ringsGraphOf(c)?.lookup(i);
    const runtime = (holder.runtime = new EngineRuntime({
      profiles, graph, scenarios: (i) => service.activeDocuments(i), log, lastPosition: () => lastLogPosition(db),
      // The writer thread's batches do not hand the engine the log (ingest.service.ts, viaWriter).
      followedByIngest: c.config.sqliteWriter !== 'thread',
      snapshots: { load: (i, pause) => snapshots.load(i, pause), save: (i, seq, body, pause) => snapshots.save(i, seq, body, c.clock.now(), pause) },
    }));
    // A backtest replays months of the log (seconds to minutes of CPU): on the thread serving
    // requests it would hold every request, real-time scoring included, for that long. It runs on
    // a thread of its own with its own connection; an in-memory database (tests) has no second
    // connection, so there it runs on this thread. One at a time: each replays on a core of its own.
    const sameData = c.database.sameData;
    const runBacktest = sameData
      ? (input: BacktestInput, progress?: BacktestProgress) => runInThread<{ sameData: OpenOptions; input: BacktestInput }, BacktestResult, Parameters<BacktestProgress>>(
        'backtest', new URL('./backtest.worker.ts', import.meta.url), 'backtestTask', { sameData, input }, progress)
      : (input: BacktestInput, progress?: BacktestProgress) => new BacktestService(storedBacktestDeps(c.database)).run(input, progress);
    let backtestTurn: Promise<unknown> = Promise.resolve();
    const ctx: ScenariosContext = {
      service, runtime, now: () => c.clock.now(),
      async backtest(institutionId, scenarioId, o, onProgress) {
        const candidate = await service.version(institutionId, scenarioId, o.version);
        const active = (await service.versions(institutionId, scenarioId)).find((v) => v.status === 'active');
        const input: BacktestInput = {
          institutionId, from: o.from, to: o.to, warmupDays: o.warmupDays,
          candidate: { version: candidate.version, doc: candidate.body },
          active: active && active.version !== candidate.version ? { version: active.version, doc: active.body } : null,
        };
        const mine = backtestTurn.then(() => runBacktest(input, onProgress));
        backtestTurn = mine.catch(() => undefined);
        return mine;
      },
    };
    c.services.set('scenarios', ctx);
    // Another process activated or deactivated a scenario: the engine is replaced the same way
    // (the check that saw the change returns once the new set scores).
    c.changes.on('scenarios', (institutionId) => runtime.replace(institutionId));
    c.services.set('scorer', (institutionId: string) => runtime.scorer(institutionId));
    // Ingest calls this when a scored batch fails to commit: the engine's windows hold its
    // transactions, so the next use rebuilds the engine from the log.
    c.services.set('scorerInvalidate', (institutionId: string) => runtime.invalidate(institutionId));
    c.services.set('scorerReady', (institutionId: string) => runtime.isBuilt(institutionId));
  },
  routes(app, c) {
    scenarioRoutes(app, scenariosOf(c));
  },
  async start(c) {
    const { runtime } = scenariosOf(c);
    for (const id of await referenceServiceOf(c).institutionIds()) await runtime.engine(id);
    const job = snapshotJobConfig();
    if (job.intervalMs > 0) c.onClose(scheduleSnapshots(c, runtime, job));
    // What other processes append to the log reaches the engines between requests, in steps, as
    // often as their other changes are looked for (EngineRuntime.follow).
    if (c.config.changePollMs > 0) c.onClose(followTheLog(c, runtime, c.config.changePollMs));
  },
};
