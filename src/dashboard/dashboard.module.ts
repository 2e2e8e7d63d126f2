import type { Module } from '../app/module.ts';
import { BUSINESS_DAY_OFFSET_MS } from '../ingest/dq-stats.ts';
import { DashboardRepository } from './dashboard.repository.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { DashboardService } from './dashboard.service.ts';

/** The dashboard summary API (read-only aggregates over transactions, quarantine, data quality, rings). */
export const dashboardModule: Module = {
  name: 'dashboard',
  routes(app, c) {
    const repo = new DashboardRepository(c.database.db);
    const service = new DashboardService(repo, c.clock, BUSINESS_DAY_OFFSET_MS);
    dashboardRoutes(app, service);
  },
};
