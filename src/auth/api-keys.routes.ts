import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/principal.ts';
import { ApiKeySchema, CreateApiKeyBody, IdParams } from './auth.schema.ts';
import type { ApiKeysService } from './api-keys.service.ts';

/** Account and key administration needs small bodies only. */
const SMALL_BODY = 64 * 1024;

export function apiKeysRoutes(app: FastifyInstance, deps: { keys: ApiKeysService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['api-keys'];

  r.get('/api-keys', {
    config: { permission: 'apikeys:manage' },
    schema: { tags, summary: 'Service API keys of your institution (never the keys themselves)', response: { 200: z.object({ items: z.array(ApiKeySchema) }) } },
  }, async (req) => ({ items: await deps.keys.list(principalOf(req)) }));

  r.post('/api-keys', {
    config: { permission: 'apikeys:manage' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Create a service API key; the key is returned once, only in this response', body: CreateApiKeyBody, response: { 201: z.object({ key: z.string(), apiKey: ApiKeySchema }) } },
  }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(await deps.keys.create(p.actor, { ...req.body, institutionId: p.scope.institutionId }));
  });

  r.post('/api-keys/:id/revoke', {
    config: { permission: 'apikeys:manage' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Revoke a key; its next request is refused', params: IdParams, response: { 200: ApiKeySchema } },
  }, async (req) => deps.keys.revoke(principalOf(req), req.params.id));
}
