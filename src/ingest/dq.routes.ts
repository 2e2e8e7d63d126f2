import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../app/container.ts';
import { principalOf } from '../http/principal.ts';
import { ingestOf } from './ingest.module.ts';
import { DqRulesSchema } from './dq-rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

const DayReport = z.object({
  day: z.string(), source: z.string(), records: z.number(), accepted: z.number(), rejected: z.number(), validity: z.number(),
  completeness: z.record(z.string(), z.number()), invalidity: z.record(z.string(), z.number()),
});

export async function dqRoutes(app: FastifyInstance, c: Container): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = ingestOf(c).dq;

  r.get('/data-quality', {
    config: { permission: 'dq:read' },
    schema: {
      tags: ['data-quality'], summary: 'Completeness and validity per source and business day (UTC+8); default last 30 days',
      querystring: z.object({ from: Day.optional(), to: Day.optional(), source: z.string().optional() }),
      response: { 200: z.object({ days: z.array(DayReport) }) },
    },
  }, async (req) => ({ days: await svc.report(principalOf(req).scope.institutionId, req.query.from, req.query.to, req.query.source) }));

  r.get('/data-quality/rules', {
    config: { permission: 'dq:read' },
    schema: { tags: ['data-quality'], summary: 'Active data-quality rules', response: { 200: z.object({ version: z.number(), rules: DqRulesSchema }) } },
  }, async (req) => svc.rulesWithVersion(principalOf(req).scope.institutionId));

  r.put('/data-quality/rules', {
    config: { permission: 'dq:configure' },
    schema: {
      tags: ['data-quality'], summary: 'Replace the data-quality rules (creates a new version; audited)',
      body: z.record(z.string(), z.unknown()), response: { 200: z.object({ version: z.number(), rules: DqRulesSchema }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    return svc.setRules(p.scope.institutionId, req.body, p.actor);
  });
}
