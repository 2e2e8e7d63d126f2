import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { principalOf } from '../http/principal.ts';
import { AppError } from '../shared/errors.ts';
import { clearSessionCookies, setSessionCookies } from './auth.plugin.ts';
import { ChangePasswordBody, SessionResponse, SignInBody, TotpCodeBody, TotpDisableBody, TotpEnrolResponse } from './auth.schema.ts';
import type { AuthService } from './auth.service.ts';
import type { UsersService } from './users.service.ts';

/** Sign-in per IP: generous for a bank's NAT, far too few for password guessing (lockout does the rest). */
export const SIGN_IN_LIMIT = { max: 30, timeWindow: '1 minute' };
const SMALL_BODY = 16 * 1024;

export function authRoutes(app: FastifyInstance, deps: { auth: AuthService; users: UsersService; config: Config }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post('/auth/sign-in', {
    config: { permission: 'public', rateLimit: SIGN_IN_LIMIT },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Sign in with username, password and (when enabled) a TOTP code; sets the session cookie', security: [], body: SignInBody, response: { 200: SessionResponse } },
  }, async (req, reply) => {
    const s = await deps.auth.signIn({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setSessionCookies(req, reply, deps.config, s.token, s.csrfToken, s.expiresAt - Date.now());
    return { user: s.user, csrfToken: s.csrfToken, permissions: s.permissions, roles: s.roles };
  });

  r.post('/auth/sign-out', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'End the current session', response: { 204: z.null() } },
  }, async (req, reply) => {
    if (req.authSession) await deps.auth.signOut(req.authSession);
    clearSessionCookies(reply);
    return reply.status(204).send(null);
  });

  r.get('/auth/me', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'The signed-in user, their permissions, and the CSRF token for unsafe requests', response: { 200: SessionResponse } },
  }, async (req) => {
    const s = req.authSession;
    if (!s) throw new AppError('forbidden', 'API keys have no session', [], 'not_a_session');
    return { user: s.user, csrfToken: s.csrfToken, permissions: [...s.principal.permissions].sort(), roles: [...s.principal.roles] };
  });

  r.post('/auth/password', {
    config: { permission: 'authenticated' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Change your own password (ends all your sessions: sign in again)', body: ChangePasswordBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deps.users.changeOwnPassword(sessionPrincipal(req), req.body.currentPassword, req.body.newPassword);
    clearSessionCookies(reply);
    return reply.status(204).send(null);
  });

  r.post('/auth/totp/enrol', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Start two-factor enrolment: returns the secret and otpauth:// URI once', response: { 200: TotpEnrolResponse } },
  }, async (req) => deps.users.enrolTotp(sessionPrincipal(req)));

  r.post('/auth/totp/confirm', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Confirm enrolment with a code; sign-in then requires a code', body: TotpCodeBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deps.users.confirmTotp(sessionPrincipal(req), req.body.code);
    return reply.status(204).send(null);
  });

  r.post('/auth/totp/disable', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Turn two-factor sign-in off (needs your password)', body: TotpDisableBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    const p = sessionPrincipal(req);
    await deps.users.disableTotp(p, p.actor.id, req.body.password);
    return reply.status(204).send(null);
  });
}

function sessionPrincipal(req: Parameters<typeof principalOf>[0]) {
  const p = principalOf(req);
  if (p.via !== 'session') throw new AppError('forbidden', 'only signed-in users have a password', [], 'not_a_session');
  return p;
}
