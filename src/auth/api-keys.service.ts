import type { AuditEventInput } from '../audit/audit.types.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Permission } from '../domain/permissions.ts';
import type { Principal } from '../http/principal.ts';
import { AppError, notFound, validation } from '../shared/errors.ts';
import type { ApiKeyCache } from './api-key.cache.ts';
import { toApiKeyView, type ApiKeysRepository } from './api-keys.repository.ts';
import type { ApiKeyView } from './auth.types.ts';
import { hashSecret, newSecret } from './tokens.ts';
import type { Tx, UsersRepository } from './users.repository.ts';

/** Permissions a service key may never carry: administering accounts, roles, keys or the system. */
export const NOT_FOR_KEYS: readonly Permission[] = ['users:manage', 'roles:assign', 'apikeys:manage', 'system:configure'];

export interface ApiKeysDeps {
  db: Tx;
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  keys: ApiKeysRepository;
  users: UsersRepository;
  clock: Clock;
  ids: IdGenerator;
  audit: { append(tx: Tx, e: AuditEventInput): Promise<void> };
  /** Authentication's cache of looked-up keys: a revoked key is forgotten once the revocation commits. */
  keyCache?: ApiKeyCache;
}

export interface NewApiKey { name: string; permissions: Permission[]; branchId?: string | null; expiresAt?: number | null; institutionId: string }

/** Service API keys: shown once at creation, stored as SM3 hashes, revocable with immediate effect. */
export class ApiKeysService {
  constructor(private readonly d: ApiKeysDeps) {}

  async list(p: Principal): Promise<ApiKeyView[]> {
    return (await this.d.keys.list(this.d.db, p.scope.institutionId)).map(toApiKeyView);
  }

  async isRegistered(secret: string): Promise<boolean> {
    return (await this.d.keys.byHash(this.d.db, hashSecret(secret))) !== undefined;
  }

  /** Creates a key; `secret` lets the bootstrap register an operator-chosen key. */
  async create(actor: Principal['actor'], input: NewApiKey, secret?: string): Promise<{ key: string; apiKey: ApiKeyView }> {
    const { d } = this;
    const banned = input.permissions.filter((x) => NOT_FOR_KEYS.includes(x));
    if (banned.length) throw validation('API keys cannot carry administrative permissions', banned.map((b) => ({ path: 'permissions', message: `${b} not allowed for API keys` })));
    if (input.branchId) {
      const b = await d.users.branch(d.db, input.branchId);
      if (!b || b.institution_id !== input.institutionId) throw validation(`branch ${input.branchId} does not exist`, [{ path: 'branchId', message: 'unknown branch' }]);
    }
    const now = d.clock.now();
    if (input.expiresAt != null && input.expiresAt <= now) throw validation('expiry must be in the future', [{ path: 'expiresAt', message: 'in the past' }]);
    const key = secret ?? newSecret('opk_', 32);
    const keyHash = hashSecret(key);
    if (await d.keys.byHash(d.db, keyHash)) throw new AppError('conflict', 'this key is already registered');
    const row = {
      id: d.ids('key'), institution_id: input.institutionId, branch_id: input.branchId ?? null, name: input.name,
      prefix: key.slice(0, 8), key_hash: keyHash, permissions: JSON.stringify([...new Set(input.permissions)].sort()),
      created_by: actor.id, created_at: now, expires_at: input.expiresAt ?? null, last_used_at: null, revoked_at: null,
    };
    await d.run(async (tx) => {
      await d.keys.insert(tx, row);
      await d.audit.append(tx, { actor, action: 'api_key.create', targetType: 'api_key', targetId: row.id, institutionId: row.institution_id, after: { name: row.name, prefix: row.prefix, permissions: JSON.parse(row.permissions), branchId: row.branch_id } });
    });
    return { key, apiKey: toApiKeyView(row) };
  }

  async revoke(p: Principal, id: string): Promise<ApiKeyView> {
    const { d } = this;
    const row = await d.keys.byId(d.db, id);
    if (!row || row.institution_id !== p.scope.institutionId) throw notFound('API key', id);
    if (row.revoked_at === null) {
      await d.run(async (tx) => {
        await d.keys.revoke(tx, id, d.clock.now());
        await d.audit.append(tx, { actor: p.actor, action: 'api_key.revoke', targetType: 'api_key', targetId: id, before: { name: row.name, prefix: row.prefix } });
      });
      d.keyCache?.forget(id);
    }
    return toApiKeyView((await d.keys.byId(d.db, id))!);
  }
}
