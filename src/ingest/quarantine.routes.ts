import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../app/container.ts';
import { principalOf } from '../http/principal.ts';
import { ingestOf } from './ingest.module.ts';
import { RecordResultSchema } from './ingest.schema.ts';
import type { QuarantinedRecord } from './quarantine.types.ts';

const QuarantineItem = z.object({
  id: z.string(), source: z.string(), position: z.number().int(), batchId: z.string(),
  record: z.record(z.string(), z.unknown()), field: z.string().nullable(), code: z.string(), reason: z.string(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  status: z.enum(['open', 'resubmitted', 'discarded']), createdAt: z.string(),
  resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(), txnId: z.string().nullable(),
});

const view = (q: QuarantinedRecord) => ({
  id: q.id, source: q.source, position: q.position, batchId: q.batchId, record: q.record, field: q.field, code: q.code,
  reason: q.reason, errors: q.errors, status: q.status, createdAt: new Date(q.createdAt).toISOString(),
  resolvedAt: q.resolvedAt === null ? null : new Date(q.resolvedAt).toISOString(), resolvedBy: q.resolvedBy, txnId: q.txnId,
});

export async function quarantineRoutes(app: FastifyInstance, c: Container): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = ingestOf(c).quarantine;
  const Id = z.object({ id: z.string() });

  r.get('/quarantine', {
    config: { permission: 'quarantine:read' },
    schema: {
      tags: ['quarantine'], summary: 'Rejected records with their reasons',
      querystring: z.object({
        status: z.enum(['open', 'resubmitted', 'discarded']).optional(), source: z.string().optional(), code: z.string().optional(),
        page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: { 200: z.object({ items: z.array(QuarantineItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { items, total } = await svc.list(p.scope, req.query);
    return { items: items.map(view), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  r.get('/quarantine/:id', {
    config: { permission: 'quarantine:read' },
    schema: { tags: ['quarantine'], summary: 'One rejected record', params: Id, response: { 200: QuarantineItem } },
  }, async (req) => view(await svc.get(principalOf(req).scope, req.params.id)));

  r.post('/quarantine/:id/resubmit', {
    config: { permission: 'quarantine:resolve' },
    schema: {
      tags: ['quarantine'], summary: 'Re-submit a corrected record (it must pass validation now)',
      params: Id, body: z.object({ record: z.record(z.string(), z.unknown()) }),
      response: { 200: z.object({ quarantine: QuarantineItem, result: RecordResultSchema }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { quarantine, result } = await svc.resubmit(p.scope, req.params.id, req.body.record, p.actor);
    return { quarantine: view(quarantine), result };
  });

  r.post('/quarantine/:id/discard', {
    config: { permission: 'quarantine:resolve' },
    schema: {
      tags: ['quarantine'], summary: 'Discard a rejected record with a reason',
      params: Id, body: z.object({ reason: z.string().min(1).max(500) }), response: { 200: QuarantineItem },
    },
  }, async (req) => {
    const p = principalOf(req);
    return view(await svc.discard(p.scope, req.params.id, req.body.reason, p.actor));
  });
}
