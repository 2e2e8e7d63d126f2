import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../app/container.ts';
import { principalOf } from '../http/principal.ts';
import { exportLines } from './audit.export.ts';
import type { AuditService } from './audit.service.ts';

const Filter = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(128).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
});

const AuditEvent = z.object({
  seq: z.number(), id: z.string(), institutionId: z.string().nullable(), actor: z.string(), actorKind: z.string(),
  action: z.string(), targetType: z.string(), targetId: z.string().nullable(), ip: z.string().nullable(),
  before: z.unknown(), after: z.unknown(), at: z.number(), hash: z.string(),
});

const VerifyResponse = z.object({
  ok: z.boolean(), checked: z.number(), expectedLast: z.number(), headSeq: z.number().nullable(), headHash: z.string().nullable(),
  firstBadSeq: z.number().nullable(), reason: z.string().nullable(),
});

export function auditRoutes(app: FastifyInstance, c: Container, service: AuditService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/audit', {
    config: { permission: 'audit:read' },
    schema: {
      tags, summary: 'Audit events of your institution, newest first',
      querystring: Filter.extend({ limit: z.coerce.number().int().min(1).max(500).default(100), beforeSeq: z.coerce.number().int().positive().optional() }),
      response: { 200: z.object({ items: z.array(AuditEvent), nextBeforeSeq: z.number().nullable() }) },
    },
  }, async (req) => {
    const { limit, ...f } = req.query;
    return service.search({ ...f, institutionId: principalOf(req).scope.institutionId }, limit);
  });

  r.get('/audit/export', {
    config: { permission: 'audit:export' },
    schema: { tags, summary: 'Export audit events (CSV or JSON Lines), oldest first', querystring: Filter.extend({ format: z.enum(['csv', 'jsonl']).default('csv') }) },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { format, ...f } = req.query;
    await c.database.db.transaction().execute((trx) => c.audit.append(trx, { actor: p.actor, action: 'audit.export', targetType: 'audit', after: { format, filter: f } }));
    const stream = Readable.from(exportLines(service.all({ ...f, institutionId: p.scope.institutionId }), format));
    const day = new Date(c.clock.now()).toISOString().slice(0, 10);
    return reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="outpost-audit-${day}.${format}"`)
      .send(stream);
  });

  r.get('/audit/verify', {
    config: { permission: 'audit:read' },
    schema: { tags, summary: 'Verify the whole hash chain; reports the first edited or deleted event', response: { 200: VerifyResponse } },
  }, async () => service.verify());
}
