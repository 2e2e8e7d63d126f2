import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type { Config } from '../config.ts';
import { AppError } from '../shared/errors.ts';
import type { AuthService, SessionAuth } from './auth.service.ts';
import { safeEqual } from './tokens.ts';

export const SESSION_COOKIE = 'outpost_session';
export const CSRF_COOKIE = 'outpost_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const API_KEY_HEADER = 'x-api-key';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for cookie-session callers (sign-out and `me` need the session itself). */
    authSession?: SessionAuth;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);


/**
 * The authorisation gate of the API. Registered on the /api/v1 scope before any other module's
 * routes, so it runs for every API route. Fail closed: a route without `config.permission` is
 * refused for everyone; 'public' routes skip authentication; every other route needs an API key
 * (`x-api-key`) or a session cookie (plus `x-csrf-token` on unsafe methods) and the permission.
 */
export function registerAuthHook(api: FastifyInstance, auth: AuthService, ingestPerMinute: number): void {
  // Ingest is rate-limited per caller (API key or user), not per IP: one bank gateway sends it all.
  const ingestLimiter = api.hasDecorator('rateLimit') && ingestPerMinute > 0
    ? api.rateLimit({ max: ingestPerMinute, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.principal?.actor.id ?? req.ip })
    : null;

  api.addHook('onRoute', (route) => {
    if (route.config?.permission === undefined) {
      api.log.error({ method: route.method, url: route.url }, 'route declares no config.permission: it will refuse every request');
    }
  });

  api.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.is404) return;
    const permission = req.routeOptions.config.permission;
    if (permission === undefined) {
      throw new AppError('forbidden', 'this route declares no permission and is closed', [], 'route_without_permission');
    }
    if (permission === 'public') return;

    const key = req.headers[API_KEY_HEADER];
    if (typeof key === 'string' && key.length > 0) {
      const p = await auth.authenticateApiKey(key, req.ip);
      if (!p) throw new AppError('unauthenticated', 'invalid, expired or revoked API key / API 密钥无效或已吊销', [], 'invalid_api_key');
      req.principal = p;
    } else {
      const token = req.cookies?.[SESSION_COOKIE];
      const s = token ? await auth.authenticateSession(token, req.ip) : null;
      if (!s) throw new AppError('unauthenticated', 'sign in or send an API key / 请先登录', [], 'unauthenticated');
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !safeEqual(sent, s.csrfToken)) {
          throw new AppError('forbidden', `missing or wrong ${CSRF_HEADER} header / CSRF 校验失败`, [], 'csrf');
        }
      }
      req.principal = s.principal;
      req.authSession = s;
    }
    if (permission !== 'authenticated' && !req.principal.permissions.has(permission)) {
      throw new AppError('forbidden', `requires permission ${permission} / 无权限`, [{ path: 'permission', message: permission }], 'forbidden');
    }
    if (permission === 'transactions:ingest' && ingestLimiter) await ingestLimiter.call(api, req, reply);
  });
}

export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, config: Config, token: string, csrf: string, maxAgeMs: number): void {
  const secure = config.secureCookies === 'on' || (config.secureCookies === 'auto' && req.protocol === 'https');
  const base = { path: '/', sameSite: 'strict' as const, secure, maxAge: Math.floor(maxAgeMs / 1000) };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  // Readable by the web app, which echoes it in x-csrf-token (double submit); useless to other sites.
  reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
