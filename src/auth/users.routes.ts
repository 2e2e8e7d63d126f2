import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/principal.ts';
import { CreateUserBody, IdParams, ResetPasswordBody, RoleBody, RoleSchema, SetRolesBody, UpdateUserBody, UserSchema } from './auth.schema.ts';
import type { RolesService } from './roles.service.ts';
import type { UsersService } from './users.service.ts';

/** Account and key administration needs small bodies only. */
const SMALL_BODY = 64 * 1024;

export function usersRoutes(app: FastifyInstance, deps: { users: UsersService; roles: RolesService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get('/users', {
    config: { permission: 'users:read' },
    schema: { tags, summary: 'Accounts of your institution', response: { 200: z.object({ items: z.array(UserSchema) }) } },
  }, async (req) => ({ items: await deps.users.list(principalOf(req)) }));

  r.post('/users', {
    config: { permission: 'users:manage' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Create an account (no roles; a security administrator grants them)', body: CreateUserBody, response: { 201: UserSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const u = await deps.users.create(p.actor, { ...req.body, institutionId: p.scope.institutionId });
    return reply.status(201).send(u);
  });

  r.get('/users/:id', {
    config: { permission: 'users:read' },
    schema: { tags, summary: 'One account', params: IdParams, response: { 200: UserSchema } },
  }, async (req) => deps.users.get(principalOf(req), req.params.id));

  r.patch('/users/:id', {
    config: { permission: 'users:manage' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Change display name, branch, or enable/disable (disabling ends sessions)', params: IdParams, body: UpdateUserBody, response: { 200: UserSchema } },
  }, async (req) => deps.users.update(principalOf(req), req.params.id, req.body));

  r.post('/users/:id/password', {
    config: { permission: 'users:manage' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: "Reset a user's password (ends their sessions)", params: IdParams, body: ResetPasswordBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deps.users.resetPassword(principalOf(req), req.params.id, req.body.password);
    return reply.status(204).send(null);
  });

  r.post('/users/:id/unlock', {
    config: { permission: 'users:manage' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Unlock an account locked by failed sign-ins', params: IdParams, response: { 200: UserSchema } },
  }, async (req) => deps.users.unlock(principalOf(req), req.params.id));

  r.delete('/users/:id/totp', {
    config: { permission: 'users:manage' },
    schema: { tags, summary: "Reset a user's two-factor sign-in (lost phone)", params: IdParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deps.users.disableTotp(principalOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  r.put('/users/:id/roles', {
    config: { permission: 'roles:assign' },
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: "Replace a user's roles (separation of duties enforced)", params: IdParams, body: SetRolesBody, response: { 200: z.object({ roles: z.array(z.string()) }) } },
  }, async (req) => ({ roles: await deps.roles.setUserRoles(principalOf(req), req.params.id, req.body.roles) }));

  r.get('/roles', {
    config: { permission: 'users:read' },
    schema: { tags: ['roles'], summary: 'Built-in and custom roles with their permissions', response: { 200: z.object({ items: z.array(RoleSchema) }) } },
  }, async (req) => ({ items: await deps.roles.list(principalOf(req)) }));

  r.post('/roles', {
    config: { permission: 'roles:assign' },
    bodyLimit: SMALL_BODY,
    schema: { tags: ['roles'], summary: 'Create a custom role from permissions', body: RoleBody, response: { 201: RoleSchema } },
  }, async (req, reply) => reply.status(201).send(await deps.roles.create(principalOf(req), req.body)));

  r.put('/roles/:id', {
    config: { permission: 'roles:assign' },
    bodyLimit: SMALL_BODY,
    schema: { tags: ['roles'], summary: 'Change a custom role', params: IdParams, body: RoleBody, response: { 200: RoleSchema } },
  }, async (req) => deps.roles.update(principalOf(req), req.params.id, req.body));

  r.delete('/roles/:id', {
    config: { permission: 'roles:assign' },
    schema: { tags: ['roles'], summary: 'Delete a custom role nobody holds', params: IdParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deps.roles.remove(principalOf(req), req.params.id);
    return reply.status(204).send(null);
  });
}
