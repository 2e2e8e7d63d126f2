import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.types.ts';
import type { Permission } from '../domain/permissions.ts';
import type { Scope } from '../domain/scope.ts';
import { AppError } from '../shared/errors.ts';

/** The authenticated caller of a request, set by the auth plugin (src/auth/auth.plugin.ts). */
export interface Principal {
  actor: Actor;
  scope: Scope;
  permissions: ReadonlySet<Permission>;
  roles: readonly string[];
  /** 'session' for cookie sessions (CSRF-checked), 'api_key' for service keys. */
  via: 'session' | 'api_key';
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The permission a route needs, or 'public' (health, OpenAPI), or 'authenticated' (any signed-in caller). */
    permission?: Permission | 'public' | 'authenticated';
  }
}

/** The principal of a request whose route required authentication (the auth hook has run). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated', 'sign in or send an API key');
  return req.principal;
}

export function can(p: Principal, permission: Permission): boolean {
  return p.permissions.has(permission);
}
