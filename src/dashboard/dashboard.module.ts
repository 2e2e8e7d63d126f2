import type { Module } from '../app/module.ts';
import { BUSINESS_DAY_OFFSET_MS } from '../ingest/dq-stats.ts';
import { DashboardRepository } from './dashboard.repository.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { DashboardService } from './dashboard.service.ts';
import { RollupRepository } from './rollup.repository.ts';
import { RollupService } from './rollup.service.ts';
import { getService, type Container } from '../app/container.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';

/** The per-day rollups and the scenario hit log, kept from the transaction log (also used by the transaction list). */
export function rollupOf(c: Container): RollupService {
  return getService<RollupService>(c, 'logRollups');
}

/** The dashboard summary API (per-day rollups of the transaction log; quarantine, data quality, rings). */
export const dashboardModule: Module = {
  name: 'dashboard',
  init(c) {
    c.services.set('logRollups', new RollupService({ db: c.database.db, repo: new RollupRepository(c.database.db), offsetMs: BUSINESS_DAY_OFFSET_MS }));
  },
  routes(app, c) {
    const db = c.database.db;
    dashboardRoutes(app, new DashboardService({
      repo: new DashboardRepository(db), rollups: new RollupRepository(db), rollup: rollupOf(c), clock: c.clock, offsetMs: BUSINESS_DAY_OFFSET_MS,
    }));
  },
  start(c) {
    // Fold what was stored since the rollups were last read, so the first dashboard view is quick.
    void (async () => {
      for (const id of await referenceServiceOf(c).institutionIds()) await rollupOf(c).catchUp(id);
    })().catch((e: unknown) => process.emitWarning(`dashboard rollups: ${(e as Error).message}`, 'OutpostDashboardWarning'));
  },
};
