import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Container } from '../app/container.ts';
import type { Module } from '../app/module.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { registerSecurityPlugins } from '../auth/http-security.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppOptions {
  logger?: boolean;
  /** Serve the built web app from web/dist when present (default true). */
  serveWeb?: boolean;
}

/** Builds the Fastify application: API under /api/v1, the web app at /. */
export async function buildApp(c: Container, modules: readonly Module[], opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: c.config.logLevel } : false,
    bodyLimit: 32 * 1024 * 1024,
    // Client addresses (audit, rate limits) come from X-Forwarded-For only through configured proxies.
    trustProxy: c.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await registerSecurityPlugins(app, c.config);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Outpost API', description: 'Outpost (前哨) bank security and financial-crime early warning', version: '1.0.0' },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          session: { type: 'apiKey', in: 'cookie', name: 'outpost_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      for (const m of modules) await m.routes?.(api, c);
    },
    { prefix: '/api/v1' },
  );

  if (opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    // Client-side routes fall back to index.html; unknown API paths stay JSON 404s.
    app.setNotFoundHandler((req, reply) => {
      // Client-side routes have no file extension; a missing asset (/assets/x.js) stays a 404.
      const pathname = req.url.split('?')[0];
      if (req.method === 'GET' && !pathname.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(pathname)) return reply.sendFile('index.html');
      notFoundHandler(req, reply);
    });
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }
  await app.ready();
  return app;
}
