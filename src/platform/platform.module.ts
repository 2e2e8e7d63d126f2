import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Module } from '../app/module.ts';
import { ScheduledJobs } from './scheduled-jobs.ts';
import { refreshStatistics } from '../store/statistics.ts';

const STATISTICS_INTERVAL_MS = 60_000;

const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), ok: z.boolean() }),
  version: z.string(),
  time: z.string(),
});

/** Health and the OpenAPI document (the two routes that need no key), and watching other processes' changes. */
export const platformModule: Module = {
  name: 'platform',
  start(c) {
    // Other processes' changes to reference data, scenarios and rules (src/platform/change-watcher.ts).
    c.changes.start(c.config.changePollMs);
    // PostgreSQL: planner statistics for tables that changed (store/statistics.ts), at start and each
    // minute, by one server per interval.
    if (c.database.dialect === 'postgres') {
      const turns = new ScheduledJobs(c.database.db);
      const tick = async () => {
        if (await turns.claim('store.statistics', c.clock.now(), STATISTICS_INTERVAL_MS - 5_000)) await refreshStatistics(c.database);
      };
      const run = () => { tick().catch((e: unknown) => process.emitWarning(`planner statistics: ${(e as Error).message}`, 'OutpostStatisticsWarning')); };
      run();
      const timer = setInterval(run, STATISTICS_INTERVAL_MS);
      timer.unref();
      c.onClose(() => clearInterval(timer));
    }
  },
  routes(app, c) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/health', {
      config: { permission: 'public' },
      schema: { tags: ['platform'], summary: 'Liveness and database reachability', security: [], response: { 200: HealthResponse, 503: HealthResponse } },
    }, async (_req, reply) => {
      let ok = true;
      try {
        await sql`select 1`.execute(c.database.db);
      } catch {
        ok = false;
      }
      const body = {
        status: ok ? ('ok' as const) : ('degraded' as const),
        database: { dialect: c.database.dialect, ok },
        version: '0.1.0',
        time: new Date(c.clock.now()).toISOString(),
      };
      return reply.status(ok ? 200 : 503).send(body);
    });
    r.get('/openapi.json', {
      config: { permission: 'public' },
      schema: { hide: true },
    }, async () => app.swagger());
  },
};
