import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Permission } from '../domain/permissions.ts';
import type { UsersTable } from './auth.tables.ts';
import type { CustomRole, User, UserStatus } from './auth.types.ts';

/** Database handle or open transaction; services pass it through without touching SQL. */
export type Tx = Kysely<DB>;
export type UserRow = Selectable<UsersTable>;

export function toUser(r: UserRow, roles: string[]): User {
  return {
    id: r.id, institutionId: r.institution_id, branchId: r.branch_id, username: r.username, displayName: r.display_name,
    status: r.status as UserStatus, roles, totpEnabled: Number(r.totp_enabled) === 1,
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until), failedAttempts: Number(r.failed_attempts),
    lastSignInAt: r.last_sign_in_at === null ? null : Number(r.last_sign_in_at), createdAt: Number(r.created_at),
  };
}

/** Users, their role grants, custom roles, and the branch tree lookups that scope them. */
export class UsersRepository {
  async count(db: Tx): Promise<number> {
    const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  byUsername(db: Tx, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  byId(db: Tx, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(db: Tx, institutionId: string): Promise<UserRow[]> {
    return db.selectFrom('users').selectAll().where('institution_id', '=', institutionId).orderBy('username').execute();
  }

  async insert(db: Tx, row: UserRow): Promise<void> {
    await db.insertInto('users').values(row).execute();
  }

  async update(db: Tx, id: string, set: Partial<Omit<UserRow, 'id'>>): Promise<void> {
    await db.updateTable('users').set(set).where('id', '=', id).execute();
  }

  /** Counts a failed sign-in atomically and returns the new count. */
  async recordFailure(db: Tx, id: string, at: number): Promise<number> {
    await db.updateTable('users').set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1), updated_at: at })).where('id', '=', id).execute();
    const r = await db.selectFrom('users').select('failed_attempts').where('id', '=', id).executeTakeFirstOrThrow();
    return Number(r.failed_attempts);
  }

  async rolesOf(db: Tx, userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return out;
    const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', [...userIds]).orderBy('role').execute();
    for (const r of rows) out.get(r.user_id)?.push(r.role);
    return out;
  }

  async setRoles(db: Tx, userId: string, roles: readonly string[], grantedBy: string, at: number): Promise<void> {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    for (const role of roles) await db.insertInto('user_roles').values({ user_id: userId, role, granted_by: grantedBy, granted_at: at }).execute();
  }

  async customRoles(db: Tx, institutionId: string, ids?: readonly string[]): Promise<CustomRole[]> {
    let q = db.selectFrom('roles').selectAll().where('institution_id', '=', institutionId);
    if (ids) q = q.where('id', 'in', ids.length ? [...ids] : ['']);
    const rows = await q.orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, institutionId: r.institution_id, name: r.name, description: r.description, permissions: JSON.parse(r.permissions) as Permission[] }));
  }

  async insertRole(db: Tx, r: CustomRole, at: number): Promise<void> {
    await db.insertInto('roles').values({ id: r.id, institution_id: r.institutionId, name: r.name, description: r.description, permissions: JSON.stringify(r.permissions), created_at: at, updated_at: at }).execute();
  }

  async updateRole(db: Tx, r: CustomRole, at: number): Promise<void> {
    await db.updateTable('roles').set({ name: r.name, description: r.description, permissions: JSON.stringify(r.permissions), updated_at: at }).where('id', '=', r.id).execute();
  }

  async deleteRole(db: Tx, id: string): Promise<void> {
    await db.deleteFrom('roles').where('id', '=', id).execute();
  }

  /** Users holding a role (to check separation of duties when a role's permissions change). */
  async usersWithRole(db: Tx, role: string): Promise<string[]> {
    const rows = await db.selectFrom('user_roles').select('user_id').where('role', '=', role).execute();
    return rows.map((r) => r.user_id);
  }

  async institutionExists(db: Tx, id: string): Promise<boolean> {
    return (await db.selectFrom('institutions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  firstInstitution(db: Tx): Promise<{ id: string } | undefined> {
    return db.selectFrom('institutions').select('id').orderBy('id').limit(1).executeTakeFirst();
  }

  branch(db: Tx, id: string): Promise<{ id: string; institution_id: string; level: number; path: string } | undefined> {
    return db.selectFrom('branches').select(['id', 'institution_id', 'level', 'path']).where('id', '=', id).executeTakeFirst();
  }

  /** The branch and every branch below it (materialised path prefix). */
  async subtree(db: Tx, institutionId: string, path: string): Promise<string[]> {
    const rows = await db.selectFrom('branches').select('id').where('institution_id', '=', institutionId).where('path', 'like', `${path}%`).execute();
    return rows.map((r) => r.id);
  }
}
