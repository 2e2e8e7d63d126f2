import { ringsGraphOf } from '../rings/rings.module.ts';
import type { Module } from '../app/module.ts';
import { getService, type Container } from '../app/container.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { BacktestService, type BacktestResult } from './backtest.service.ts';
import { EngineRuntime } from './engine-runtime.ts';
import { EngineSnapshotRepository } from './engine-snapshot.repository.ts';
import { labelledTransactionIds, ScenarioRepository } from './scenarios.repository.ts';
import { scenarioRoutes } from './scenarios.routes.ts';
import { scheduleSnapshots, snapshotJobConfig } from './snapshot.schedule.ts';
import { ScenarioService } from './scenarios.service.ts';

export interface ScenariosContext {
  service: ScenarioService;
  runtime: EngineRuntime;
  now(): number;
  /** Backtest a stored version (default: the draft, else the active one) against the active version. */
  backtest(institutionId: string, scenarioId: string, o: { version?: number; from: number; to: number; warmupDays?: number }): Promise<BacktestResult>;
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
    const log = (institutionId: string, afterSeq = 0) => ingestOf(c).transactions.streamLog(institutionId, afterSeq);
    /** The stretch of the log holding what occurred in [from, to). */
    async function* logOccurring(institutionId: string, from: number, to: number) {
      const range = await ingestOf(c).transactions.positionsOccurring(institutionId, from, to);
      if (range) yield* ingestOf(c).transactions.streamLog(institutionId, range.first - 1, { throughSeq: range.last });
    }
    const snapshots = new EngineSnapshotRepository(db);
    const holder: { runtime?: EngineRuntime } = {};
    const service = new ScenarioService({
      db, clock: c.clock, ids: c.ids, audit: c.audit, repo: new ScenarioRepository(), changed: (i) => holder.runtime?.invalidate(i), changes: c.changes,
    });
    // Graph features of accounts from ring mining's latest run (the rings module keeps them current).
    const graph = async (i: string) => ringsGraphOf(c)?.lookup(i);
    const runtime = (holder.runtime = new EngineRuntime({
      profiles, graph, scenarios: (i) => service.activeDocuments(i), log,
      snapshots: { load: (i, pause) => snapshots.load(i, pause), save: (i, seq, body, pause) => snapshots.save(i, seq, body, c.clock.now(), pause) },
    }));
    const backtests = new BacktestService({ profiles, graph, log: (i, from, to) => logOccurring(i, from, to), labels: (i) => labelledTransactionIds(db, i) });
    const ctx: ScenariosContext = {
      service, runtime, now: () => c.clock.now(),
      async backtest(institutionId, scenarioId, o) {
        const candidate = await service.version(institutionId, scenarioId, o.version);
        const active = (await service.versions(institutionId, scenarioId)).find((v) => v.status === 'active');
        return backtests.run({
          institutionId, from: o.from, to: o.to, warmupDays: o.warmupDays,
          candidate: { version: candidate.version, doc: candidate.body },
          active: active && active.version !== candidate.version ? { version: active.version, doc: active.body } : null,
        });
      },
    };
    c.services.set('scenarios', ctx);
    // Another process activated or deactivated a scenario: rebuild (snapshot + log) on next use.
    c.changes.on('scenarios', (institutionId) => runtime.invalidate(institutionId));
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
  },
};
