import type { AuditEventInput } from '../audit/audit.types.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Permission } from '../domain/permissions.ts';
import type { Principal } from '../http/principal.ts';
import { AppError, notFound, validation } from '../shared/errors.ts';
import type { CustomRole, RoleView } from './auth.types.ts';
import type { PrincipalBuilder } from './principal.builder.ts';
import { assertSeparation, BUILT_IN_PERMISSIONS, BUILT_IN_ROLES, isBuiltInRole, ROLE_LABELS } from './roles.ts';
import type { Tx, UsersRepository } from './users.repository.ts';

export interface RolesDeps {
  db: Tx;
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  users: UsersRepository;
  principals: PrincipalBuilder;
  clock: Clock;
  ids: IdGenerator;
  audit: { append(tx: Tx, e: AuditEventInput): Promise<void> };
}

/** Roles and their assignment (security administrator), with separation of duties enforced here. */
export class RolesService {
  constructor(private readonly d: RolesDeps) {}

  async list(p: Principal): Promise<RoleView[]> {
    const builtIn: RoleView[] = BUILT_IN_ROLES.map((r) => ({
      key: r, name: r, builtIn: true, label: ROLE_LABELS[r], description: ROLE_LABELS[r].en, permissions: [...BUILT_IN_PERMISSIONS[r]],
    }));
    const custom = (await this.d.users.customRoles(this.d.db, p.scope.institutionId)).map((r) => ({
      key: r.id, name: r.name, builtIn: false, label: { zh: r.name, en: r.name }, description: r.description, permissions: r.permissions,
    }));
    return [...builtIn, ...custom];
  }

  async create(p: Principal, input: { name: string; description: string; permissions: Permission[] }): Promise<RoleView> {
    if (isBuiltInRole(input.name)) throw new AppError('conflict', `${input.name} is a built-in role`, [{ path: 'name', message: 'reserved' }]);
    const perms = [...new Set(input.permissions)].sort();
    assertSeparation(new Set(perms), `role ${input.name}`);
    const existing = await this.d.users.customRoles(this.d.db, p.scope.institutionId);
    if (existing.some((r) => r.name === input.name)) throw new AppError('conflict', `role ${input.name} exists`, [{ path: 'name', message: 'taken' }]);
    const role: CustomRole = { id: this.d.ids('role'), institutionId: p.scope.institutionId, name: input.name, description: input.description, permissions: perms };
    await this.d.run(async (tx) => {
      await this.d.users.insertRole(tx, role, this.d.clock.now());
      await this.d.audit.append(tx, { actor: p.actor, action: 'role.create', targetType: 'role', targetId: role.id, after: role });
    });
    return { key: role.id, name: role.name, builtIn: false, label: { zh: role.name, en: role.name }, description: role.description, permissions: perms };
  }

  async update(p: Principal, id: string, input: { name: string; description: string; permissions: Permission[] }): Promise<RoleView> {
    const before = await this.customRole(p, id);
    const next: CustomRole = { ...before, name: input.name, description: input.description, permissions: [...new Set(input.permissions)].sort() };
    assertSeparation(new Set(next.permissions), `role ${next.name}`);
    await this.d.run(async (tx) => {
      await this.d.users.updateRole(tx, next, this.d.clock.now());
      // Every holder must still satisfy separation of duties with the role's new permissions.
      for (const userId of await this.d.users.usersWithRole(tx, id)) {
        const roles = (await this.d.users.rolesOf(tx, [userId])).get(userId) ?? [];
        assertSeparation(await this.d.principals.permissionsOf(tx, p.scope.institutionId, roles), `user ${userId}`);
      }
      await this.d.audit.append(tx, { actor: p.actor, action: 'role.update', targetType: 'role', targetId: id, before, after: next });
    });
    return { key: id, name: next.name, builtIn: false, label: { zh: next.name, en: next.name }, description: next.description, permissions: next.permissions };
  }

  async remove(p: Principal, id: string): Promise<void> {
    const before = await this.customRole(p, id);
    await this.d.run(async (tx) => {
      const holders = await this.d.users.usersWithRole(tx, id);
      if (holders.length) throw new AppError('conflict', `role ${before.name} is held by ${holders.length} user(s); remove it from them first`, [{ path: 'id', message: 'in use' }]);
      await this.d.users.deleteRole(tx, id);
      await this.d.audit.append(tx, { actor: p.actor, action: 'role.delete', targetType: 'role', targetId: id, before });
    });
  }

  /** Replaces a user's roles. Nobody grants roles to themselves; system admin excludes security admin and auditor. */
  async setUserRoles(p: Principal | { actor: Principal['actor']; scope: Principal['scope'] }, userId: string, roles: readonly string[]): Promise<string[]> {
    const { d } = this;
    if (userId === p.actor.id) throw new AppError('forbidden', 'you cannot change your own roles / 不能给自己授权', [{ path: 'roles', message: 'own account' }], 'self_grant');
    const user = await d.users.byId(d.db, userId);
    if (!user || user.institution_id !== p.scope.institutionId) throw notFound('user', userId);
    const wanted = [...new Set(roles)].sort();
    const custom = wanted.filter((r) => !isBuiltInRole(r));
    const known = new Set((await d.users.customRoles(d.db, user.institution_id, custom)).map((r) => r.id));
    const unknown = custom.filter((r) => !known.has(r));
    if (unknown.length) throw validation('unknown role(s)', unknown.map((r) => ({ path: 'roles', message: `unknown role ${r}` })));
    assertSeparation(await d.principals.permissionsOf(d.db, user.institution_id, wanted), `user ${user.username}`);
    const before = (await d.users.rolesOf(d.db, [userId])).get(userId) ?? [];
    await d.run(async (tx) => {
      await d.users.setRoles(tx, userId, wanted, p.actor.id, d.clock.now());
      await d.audit.append(tx, { actor: p.actor, action: 'user.set_roles', targetType: 'user', targetId: userId, institutionId: user.institution_id, before: { roles: before }, after: { roles: wanted } });
    });
    return wanted;
  }

  private async customRole(p: Principal, id: string): Promise<CustomRole> {
    if (isBuiltInRole(id)) throw new AppError('forbidden', 'built-in roles cannot be changed', [{ path: 'id', message: 'built-in' }]);
    const [role] = await this.d.users.customRoles(this.d.db, p.scope.institutionId, [id]);
    if (!role) throw notFound('role', id);
    return role;
  }
}
