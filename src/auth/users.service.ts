import type { AuditEventInput } from '../audit/audit.types.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Principal } from '../http/principal.ts';
import { AppError, notFound, validation } from '../shared/errors.ts';
import type { User } from './auth.types.ts';
import { checkPasswordPolicy, type PasswordHasher } from './password.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import type { Totp } from './totp.ts';
import type { PrincipalBuilder } from './principal.builder.ts';
import { isPrivileged } from './roles.ts';
import { toUser, type Tx, type UserRow, type UsersRepository } from './users.repository.ts';

export interface UsersDeps {
  db: Tx;
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  users: UsersRepository;
  sessions: SessionsRepository;
  hasher: PasswordHasher;
  totp: Totp;
  clock: Clock;
  ids: IdGenerator;
  audit: { append(tx: Tx, e: AuditEventInput): Promise<void> };
  principals: PrincipalBuilder;
}

export interface NewUser { username: string; displayName: string; password: string; branchId?: string | null; institutionId: string }

/** Accounts and their technical settings (system administrator), and self-service (password, TOTP). */
export class UsersService {
  constructor(private readonly d: UsersDeps) {}

  async list(p: Principal): Promise<User[]> {
    const rows = await this.d.users.list(this.d.db, p.scope.institutionId);
    const roles = await this.d.users.rolesOf(this.d.db, rows.map((r) => r.id));
    return rows.map((r) => toUser(r, roles.get(r.id) ?? []));
  }

  async get(p: Principal, id: string): Promise<User> {
    const row = await this.rowInScope(p, id);
    return toUser(row, (await this.d.users.rolesOf(this.d.db, [id])).get(id) ?? []);
  }

  /** Creates an account without roles; the security administrator grants roles separately. */
  async create(actor: Principal['actor'], input: NewUser, opts: { skipPolicy?: boolean } = {}): Promise<User> {
    const { d } = this;
    if (!opts.skipPolicy) this.assertPolicy(input.password, input.username);
    if (await d.users.byUsername(d.db, input.username)) throw new AppError('conflict', `username ${input.username} is taken / 用户名已存在`, [{ path: 'username', message: 'taken' }]);
    await this.assertBranch(input.institutionId, input.branchId ?? null);
    const now = d.clock.now();
    const row: UserRow = {
      id: d.ids('usr'), institution_id: input.institutionId, branch_id: input.branchId ?? null, username: input.username,
      display_name: input.displayName, password_hash: await d.hasher.hash(input.password), totp_secret: null, totp_enabled: 0,
      status: 'active', failed_attempts: 0, locked_until: null, password_changed_at: now, last_sign_in_at: null, created_at: now, updated_at: now,
    };
    await d.run(async (tx) => {
      await d.users.insert(tx, row);
      await d.audit.append(tx, { actor, action: 'user.create', targetType: 'user', targetId: row.id, institutionId: row.institution_id, after: this.auditView(row) });
    });
    return toUser(row, []);
  }

  async update(p: Principal, id: string, patch: { displayName?: string; branchId?: string | null; status?: 'active' | 'disabled' }): Promise<User> {
    const { d } = this;
    const row = await this.rowInScope(p, id);
    if (patch.status === 'disabled' && id === p.actor.id) throw validation('you cannot disable your own account', [{ path: 'status', message: 'own account' }]);
    if (patch.branchId !== undefined) await this.assertBranch(row.institution_id, patch.branchId);
    const now = d.clock.now();
    const next: UserRow = {
      ...row,
      display_name: patch.displayName ?? row.display_name,
      branch_id: patch.branchId === undefined ? row.branch_id : patch.branchId,
      status: patch.status ?? row.status,
      updated_at: now,
    };
    await d.run(async (tx) => {
      await d.users.update(tx, id, { display_name: next.display_name, branch_id: next.branch_id, status: next.status, updated_at: now });
      if (next.status === 'disabled') await d.sessions.revokeAllOf(tx, id, now);
      await d.audit.append(tx, { actor: p.actor, action: 'user.update', targetType: 'user', targetId: id, before: this.auditView(row), after: this.auditView(next) });
    });
    return this.get(p, id);
  }

  async resetPassword(p: Principal, id: string, password: string, opts: { operator?: boolean } = {}): Promise<void> {
    const row = await this.rowInScope(p, id);
    if (!opts.operator) await this.assertNotPrivileged(row);
    this.assertPolicy(password, row.username);
    await this.setPassword(p.actor, row, password, 'user.reset_password');
  }

  async changeOwnPassword(p: Principal, current: string, next: string): Promise<void> {
    const row = await this.rowInScope(p, p.actor.id);
    if (!(await this.d.hasher.verify(row.password_hash, current))) throw new AppError('validation', 'current password is wrong / 当前密码错误', [{ path: 'currentPassword', message: 'wrong' }]);
    this.assertPolicy(next, row.username);
    if (await this.d.hasher.verify(row.password_hash, next)) throw validation('choose a new password / 新密码不能与旧密码相同', [{ path: 'newPassword', message: 'same as current' }]);
    await this.setPassword(p.actor, row, next, 'user.change_password');
  }

  async unlock(p: Principal, id: string): Promise<User> {
    const row = await this.rowInScope(p, id);
    const now = this.d.clock.now();
    await this.d.run(async (tx) => {
      await this.d.users.update(tx, id, { locked_until: null, failed_attempts: 0, updated_at: now });
      await this.d.audit.append(tx, { actor: p.actor, action: 'user.unlock', targetType: 'user', targetId: id, before: { lockedUntil: row.locked_until } });
    });
    return this.get(p, id);
  }

  /** Starts TOTP enrolment: stores a new secret (not yet active) and returns it once for the app. */
  async enrolTotp(p: Principal): Promise<{ secret: string; uri: string }> {
    const row = await this.rowInScope(p, p.actor.id);
    if (Number(row.totp_enabled) === 1) throw new AppError('conflict', 'two-factor sign-in is already on; turn it off first / 已启用动态验证码');
    const e = this.d.totp.enrol(row.username);
    await this.d.run(async (tx) => {
      await this.d.users.update(tx, row.id, { totp_secret: e.stored, updated_at: this.d.clock.now() });
      await this.d.audit.append(tx, { actor: p.actor, action: 'user.totp_enrol', targetType: 'user', targetId: row.id });
    });
    return { secret: e.secret, uri: e.uri };
  }

  /** Confirms enrolment with a code from the app; from then on sign-in needs a code. */
  async confirmTotp(p: Principal, code: string): Promise<void> {
    const row = await this.rowInScope(p, p.actor.id);
    if (!row.totp_secret) throw new AppError('conflict', 'start enrolment first / 请先开始绑定');
    if (!this.d.totp.verify(row, code)) throw validation('wrong code / 验证码错误', [{ path: 'code', message: 'wrong code' }]);
    await this.d.run(async (tx) => {
      await this.d.users.update(tx, row.id, { totp_enabled: 1, updated_at: this.d.clock.now() });
      await this.d.audit.append(tx, { actor: p.actor, action: 'user.totp_enable', targetType: 'user', targetId: row.id });
    });
  }

  async disableTotp(p: Principal, id: string, password?: string): Promise<void> {
    const row = await this.rowInScope(p, id);
    if (id === p.actor.id && !(password && (await this.d.hasher.verify(row.password_hash, password)))) {
      throw new AppError('validation', 'password is wrong / 密码错误', [{ path: 'password', message: 'wrong' }]);
    }
    if (id !== p.actor.id) await this.assertNotPrivileged(row);
    await this.d.run(async (tx) => {
      await this.d.users.update(tx, id, { totp_enabled: 0, totp_secret: null, updated_at: this.d.clock.now() });
      await this.d.audit.append(tx, { actor: p.actor, action: 'user.totp_disable', targetType: 'user', targetId: id });
    });
  }

  private async setPassword(actor: Principal['actor'], row: UserRow, password: string, action: string): Promise<void> {
    const hash = await this.d.hasher.hash(password);
    const now = this.d.clock.now();
    await this.d.run(async (tx) => {
      await this.d.users.update(tx, row.id, { password_hash: hash, password_changed_at: now, failed_attempts: 0, locked_until: null, updated_at: now });
      const ended = await this.d.sessions.revokeAllOf(tx, row.id, now);
      await this.d.audit.append(tx, { actor, action, targetType: 'user', targetId: row.id, after: { sessionsEnded: ended } });
    });
  }

  /**
   * Whoever resets an administrator's or auditor's credentials could sign in as them and hold two
   * duties at once; so through the API nobody resets another privileged account's password or
   * second factor. The operator does it on the server (`outpost user reset-password`), audited.
   */
  private async assertNotPrivileged(row: UserRow): Promise<void> {
    const roles = (await this.d.users.rolesOf(this.d.db, [row.id])).get(row.id) ?? [];
    if (isPrivileged(await this.d.principals.permissionsOf(this.d.db, row.institution_id, roles))) {
      throw new AppError('forbidden', 'credentials of administrator and auditor accounts are reset by the operator (outpost user reset-password) / 管理员与审计员账户的凭据须由运维在服务器上重置',
        [{ path: 'id', message: 'privileged account' }], 'privileged_account');
    }
  }

  private assertPolicy(password: string, username: string): void {
    const problems = checkPasswordPolicy(password, username);
    if (problems.length) throw validation('password does not meet the policy / 密码不符合策略', problems);
  }

  private async assertBranch(institutionId: string, branchId: string | null): Promise<void> {
    if (branchId === null) return;
    const b = await this.d.users.branch(this.d.db, branchId);
    if (!b || b.institution_id !== institutionId) throw validation(`branch ${branchId} does not exist`, [{ path: 'branchId', message: 'unknown branch' }]);
  }

  /** A user of the caller's institution; others' users are "not found", never "forbidden". */
  async rowInScope(p: Principal, id: string): Promise<UserRow> {
    const row = await this.d.users.byId(this.d.db, id);
    if (!row || row.institution_id !== p.scope.institutionId) throw notFound('user', id);
    return row;
  }

  private auditView(r: UserRow) {
    return { username: r.username, displayName: r.display_name, branchId: r.branch_id, status: r.status };
  }
}
