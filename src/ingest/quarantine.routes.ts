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

/** Which open records a bulk action takes (every given criterion must hold). */
const Match = z.object({
  source: z.string().min(1).max(300).optional(),
  code: z.string().min(1).max(100).optional(),
  field: z.string().min(1).max(100).optional(),
  ids: z.array(z.string().min(1).max(100)).min(1).max(1_000).optional(),
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
        field: z.string().optional(),
        page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: { 200: z.object({ items: z.array(QuarantineItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { items, total } = await svc.list(p.scope, req.query);
    return { items: items.map(view), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  r.get('/quarantine/summary', {
    config: { permission: 'quarantine:read' },
    schema: {
      tags: ['quarantine'], summary: 'Open records per source, reason code and field, most first (at most 100 groups)',
      response: { 200: z.object({ groups: z.array(z.object({ source: z.string(), code: z.string(), field: z.string().nullable(), open: z.number().int(), oldest: z.string() })) }) },
    },
  }, async (req) => ({
    groups: (await svc.summary(principalOf(req).scope)).map((g) => ({ ...g, oldest: new Date(g.oldest).toISOString() })),
  }));

  r.post('/quarantine/retry', {
    config: { permission: 'quarantine:resolve' },
    schema: {
      tags: ['quarantine'],
      summary: 'Try open records again as they are (after the reference data or rules they failed on were mended)',
      description: 'Oldest first, at most `limit` per call; call again with `after` set to the answer\'s `next` until it is null. '
        + 'Records that pass are stored and scored; the others stay open with the reasons found now.',
      body: Match.extend({
        after: z.string().max(300).nullable().default(null),
        limit: z.number().int().min(1).max(10_000).default(2_000),
      }),
      response: {
        200: z.object({
          examined: z.number().int(), resubmitted: z.number().int(), duplicates: z.number().int(), stillFailing: z.number().int(),
          skipped: z.number().int(), next: z.string().nullable(),
          failures: z.array(z.object({ id: z.string(), errors: QuarantineItem.shape.errors })),
        }),
      },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { after, limit, ...m } = req.body;
    return svc.retry(p.scope, m, after, limit, p.actor);
  });

  r.post('/quarantine/discard', {
    config: { permission: 'quarantine:resolve' },
    schema: {
      tags: ['quarantine'], summary: 'Discard every open record matching a source, code, field or id list, with a reason',
      body: Match.extend({ reason: z.string().min(1).max(500) }),
      response: { 200: z.object({ discarded: z.number().int() }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { reason, ...m } = req.body;
    return svc.discardMatching(p.scope, m, reason, p.actor);
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
