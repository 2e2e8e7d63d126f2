import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, principalOf } from '../http/principal.ts';
import type { DashboardService } from './dashboard.service.ts';
import { DashboardSummary, ScenarioHitDays, ScenarioHitDaysQuery } from './dashboard.schema.ts';

export function dashboardRoutes(app: FastifyInstance, service: DashboardService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/dashboard/summary', {
    config: { permission: 'dashboard:read' },
    schema: {
      tags: ['dashboard'],
      summary: 'Figures for the dashboard; sections the caller may not see are null',
      response: { 200: DashboardSummary },
    },
  }, async (req) => {
    const p = principalOf(req);
    return service.summary(p.scope, {
      transactions: can(p, 'transactions:read'),
      quarantine: can(p, 'quarantine:read'),
      dataQuality: can(p, 'dq:read'),
      rings: can(p, 'rings:read'),
    });
  });

  r.get('/dashboard/scenario-hits', {
    config: { permission: 'scenarios:read' },
    schema: {
      tags: ['dashboard'],
      summary: 'Transactions per business day on which a scenario fired (hits over time)',
      querystring: ScenarioHitDaysQuery,
      response: { 200: ScenarioHitDays },
    },
  }, async (req) => service.scenarioHits(principalOf(req).scope, req.query.scenario, req.query.days));
}
