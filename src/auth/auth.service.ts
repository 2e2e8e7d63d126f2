import type { AuditEventInput } from '../audit/audit.types.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Permission } from '../domain/permissions.ts';
import type { Principal } from '../http/principal.ts';
import { AppError } from '../shared/errors.ts';
import type { ApiKeyCache } from './api-key.cache.ts';
import type { ApiKeysRepository } from './api-keys.repository.ts';
import type { User } from './auth.types.ts';
import type { PasswordHasher } from './password.ts';
import type { PrincipalBuilder } from './principal.builder.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { csrfTokenFor, hashSecret, newSecret } from './tokens.ts';
import type { Totp } from './totp.ts';
import { toUser, type Tx, type UserRow, type UsersRepository } from './users.repository.ts';

export interface AuthPolicy {
  /** Failed sign-ins (password or TOTP) before the account locks. */
  maxFailures: number;
  lockMs: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
}

export const DEFAULT_POLICY: AuthPolicy = { maxFailures: 5, lockMs: 15 * 60_000, sessionIdleMs: 30 * 60_000, sessionMaxMs: 12 * 3_600_000 };

export interface AuthDeps {
  db: Tx;
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  users: UsersRepository;
  sessions: SessionsRepository;
  keys: ApiKeysRepository;
  principals: PrincipalBuilder;
  hasher: PasswordHasher;
  totp: Totp;
  clock: Clock;
  ids: IdGenerator;
  audit: { append(tx: Tx, e: AuditEventInput): Promise<void> };
  csrfKey: Buffer;
  policy?: AuthPolicy;
  /** Looked-up service keys (api-key.cache.ts); without it every request reads the key row. */
  keyCache?: ApiKeyCache;
}

export interface SignInInput { username: string; password: string; totp?: string; ip: string | null; userAgent: string | null }
export interface SignedIn { token: string; csrfToken: string; expiresAt: number; user: User; permissions: Permission[]; roles: string[] }
export interface SessionAuth { principal: Principal; user: User; sessionId: string; csrfToken: string }

const INVALID = () => new AppError('unauthenticated', 'invalid username or password / 用户名或密码错误', [], 'invalid_credentials');
const TOUCH_EVERY_MS = 60_000;

/** Sign-in with lockout and TOTP, cookie sessions, and API-key authentication. */
export class AuthService {
  private readonly policy: AuthPolicy;
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly d: AuthDeps) {
    this.policy = d.policy ?? DEFAULT_POLICY;
  }

  async signIn(input: SignInInput): Promise<SignedIn> {
    const { d } = this;
    const now = d.clock.now();
    const row = await d.users.byUsername(d.db, input.username);
    if (!row) {
      // Spend the same time as a real check so response time does not reveal which usernames exist.
      this.dummyHash ??= d.hasher.hash('outpost-timing-equaliser');
      await d.hasher.verify(await this.dummyHash, input.password);
      await this.recordFailure(input, null, 'unknown_user', false);
      throw INVALID();
    }
    if (row.locked_until !== null && Number(row.locked_until) > now) {
      await this.recordFailure(input, row, 'locked', false);
      throw this.lockedError(Number(row.locked_until));
    }
    const passwordOk = await d.hasher.verify(row.password_hash, input.password);
    const totpOn = Number(row.totp_enabled) === 1;
    if (passwordOk && row.status !== 'active') {
      await this.recordFailure(input, row, 'disabled', false);
      throw new AppError('forbidden', 'account disabled / 账户已停用', [], 'account_disabled');
    }
    if (passwordOk && totpOn && !input.totp) {
      throw new AppError('unauthenticated', 'enter the code from your authenticator app / 请输入动态验证码', [{ path: 'totp', message: 'required' }], 'totp_required');
    }
    if (!passwordOk || (totpOn && !d.totp.verify(row, input.totp ?? ''))) {
      const { lockedUntil, left } = await this.recordFailure(input, row, passwordOk ? 'bad_totp' : 'bad_password', true);
      if (lockedUntil !== null) throw this.lockedError(lockedUntil);
      throw new AppError('unauthenticated', INVALID().message, [{ path: 'password', message: `${left} attempt(s) left before the account locks / 剩余 ${left} 次尝试` }], 'invalid_credentials');
    }
    const token = newSecret('', 32);
    const sessionId = d.ids('ses');
    const expiresAt = now + this.policy.sessionMaxMs;
    await d.run(async (tx) => {
      await d.users.update(tx, row.id, { failed_attempts: 0, locked_until: null, last_sign_in_at: now, updated_at: now });
      await d.sessions.insert(tx, { id: sessionId, token_hash: hashSecret(token), user_id: row.id, created_at: now, last_seen_at: now, expires_at: expiresAt, ip: input.ip, user_agent: input.userAgent?.slice(0, 300) ?? null, revoked_at: null });
      await d.audit.append(tx, { actor: { id: row.id, kind: 'user', institutionId: row.institution_id, ip: input.ip }, action: 'auth.sign_in', targetType: 'session', targetId: sessionId });
    });
    const principal = await d.principals.forUser(d.db, row, input.ip);
    const user = toUser({ ...row, failed_attempts: 0, locked_until: null, last_sign_in_at: now }, [...principal.roles]);
    return { token, csrfToken: csrfTokenFor(d.csrfKey, token), expiresAt, user, permissions: [...principal.permissions].sort(), roles: [...principal.roles] };
  }

  /** Audits a failed sign-in and, when it counts, adds a failure and locks the account at the limit. */
  private async recordFailure(input: SignInInput, row: UserRow | null, reason: string, counts: boolean): Promise<{ lockedUntil: number | null; left: number }> {
    const { d } = this;
    const now = d.clock.now();
    const actor = { id: 'anonymous', kind: 'user' as const, institutionId: row?.institution_id ?? null, ip: input.ip };
    return d.run(async (tx) => {
      let lockedUntil: number | null = null;
      let left = this.policy.maxFailures;
      if (row && counts) {
        const failures = await d.users.recordFailure(tx, row.id, now);
        left = Math.max(0, this.policy.maxFailures - failures);
        if (failures >= this.policy.maxFailures) {
          lockedUntil = now + this.policy.lockMs;
          await d.users.update(tx, row.id, { locked_until: lockedUntil, failed_attempts: 0 });
        }
      }
      await d.audit.append(tx, { actor, action: 'auth.sign_in_failed', targetType: 'user', targetId: row?.id ?? null, after: { username: input.username, reason } });
      if (row && lockedUntil !== null) {
        await d.audit.append(tx, { actor: { ...actor, id: 'system', kind: 'system' }, action: 'user.lock', targetType: 'user', targetId: row.id, after: { lockedUntil, reason: `${this.policy.maxFailures} failed sign-ins` } });
      }
      return { lockedUntil, left };
    });
  }

  private lockedError(until: number): AppError {
    return new AppError('forbidden',
      `account locked after ${this.policy.maxFailures} failed sign-ins until ${new Date(until).toISOString()}; a system administrator can unlock it / 连续登录失败，账户已锁定`,
      [{ path: 'username', message: 'locked', lockedUntil: until }], 'account_locked');
  }

  async signOut(auth: SessionAuth): Promise<void> {
    const now = this.d.clock.now();
    await this.d.run(async (tx) => {
      await this.d.sessions.revoke(tx, auth.sessionId, now);
      await this.d.audit.append(tx, { actor: auth.principal.actor, action: 'auth.sign_out', targetType: 'session', targetId: auth.sessionId });
    });
  }

  /** Deletes sessions past their absolute expiry (run periodically by the module). */
  async purgeExpiredSessions(): Promise<void> {
    await this.d.sessions.purgeExpired(this.d.db, this.d.clock.now());
  }

  /** The session of a cookie token, or null when unknown, revoked, expired, idle too long or its user disabled. */
  async authenticateSession(token: string, ip: string | null): Promise<SessionAuth | null> {
    const { d } = this;
    const now = d.clock.now();
    const s = await d.sessions.byTokenHash(d.db, hashSecret(token));
    if (!s || s.revoked_at !== null || Number(s.expires_at) <= now || Number(s.last_seen_at) + this.policy.sessionIdleMs <= now) return null;
    const u = await d.users.byId(d.db, s.user_id);
    if (!u || u.status !== 'active') return null;
    if (now - Number(s.last_seen_at) >= TOUCH_EVERY_MS) await d.sessions.touch(d.db, s.id, now);
    const principal = await d.principals.forUser(d.db, u, ip);
    return { principal, user: toUser(u, [...principal.roles]), sessionId: s.id, csrfToken: csrfTokenFor(d.csrfKey, token) };
  }

  /** The principal of an API key, or null when unknown, revoked or expired. Revocation is checked on every request. */
  async authenticateApiKey(key: string, ip: string | null): Promise<Principal | null> {
    const { d } = this;
    const now = d.clock.now();
    const hash = hashSecret(key);
    let e = d.keyCache?.get(hash, now);
    if (!e) {
      const row = await d.keys.byHash(d.db, hash);
      if (!row || row.revoked_at !== null) return null;
      e = { row, readAt: now, scope: await d.principals.scopeOf(d.db, row.institution_id, row.branch_id), permissions: new Set(JSON.parse(row.permissions) as Permission[]) };
      d.keyCache?.set(hash, e);
    }
    const k = e.row;
    if (k.expires_at !== null && Number(k.expires_at) <= now) return null;
    if (k.last_used_at === null || now - Number(k.last_used_at) >= TOUCH_EVERY_MS) {
      await d.keys.touch(d.db, k.id, now);
      k.last_used_at = now;
    }
    return {
      actor: { id: k.id, kind: 'api_key', institutionId: k.institution_id, ip },
      scope: e.scope,
      permissions: e.permissions,
      roles: [],
      via: 'api_key',
    };
  }
}
