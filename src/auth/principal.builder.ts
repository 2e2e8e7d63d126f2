import type { Permission } from '../domain/permissions.ts';
import { allBranches, type Scope } from '../domain/scope.ts';
import type { Principal } from '../http/principal.ts';
import { BUILT_IN_PERMISSIONS, isBuiltInRole } from './roles.ts';
import type { Tx, UserRow, UsersRepository } from './users.repository.ts';

/** Computes what a user may do (permissions of their roles) and see (their branch subtree). */
export class PrincipalBuilder {
  constructor(private readonly users: UsersRepository) {}

  async permissionsOf(db: Tx, institutionId: string, roles: readonly string[]): Promise<Set<Permission>> {
    const perms = new Set<Permission>();
    const custom: string[] = [];
    for (const r of roles) {
      if (isBuiltInRole(r)) BUILT_IN_PERMISSIONS[r].forEach((p) => perms.add(p));
      else custom.push(r);
    }
    if (custom.length) for (const role of await this.users.customRoles(db, institutionId, custom)) role.permissions.forEach((p) => perms.add(p));
    return perms;
  }

  /** Head office (no branch, or a level-0 branch) sees every branch; others their subtree. */
  async scopeOf(db: Tx, institutionId: string, branchId: string | null): Promise<Scope> {
    if (branchId === null) return allBranches(institutionId);
    const b = await this.users.branch(db, branchId);
    // A branch that vanished or belongs elsewhere yields an empty scope: fail closed.
    if (!b || b.institution_id !== institutionId) return { institutionId, branchIds: [] };
    if (Number(b.level) === 0) return allBranches(institutionId);
    return { institutionId, branchIds: await this.users.subtree(db, institutionId, b.path) };
  }

  async forUser(db: Tx, u: UserRow, ip: string | null): Promise<Principal> {
    const roles = (await this.users.rolesOf(db, [u.id])).get(u.id) ?? [];
    return {
      actor: { id: u.id, kind: 'user', institutionId: u.institution_id, ip },
      scope: await this.scopeOf(db, u.institution_id, u.branch_id),
      permissions: await this.permissionsOf(db, u.institution_id, roles),
      roles,
      via: 'session',
    };
  }
}
