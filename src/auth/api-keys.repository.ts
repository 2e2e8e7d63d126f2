import type { Selectable } from 'kysely';
import type { Permission } from '../domain/permissions.ts';
import type { ApiKeysTable } from './auth.tables.ts';
import type { ApiKeyView } from './auth.types.ts';
import type { Tx } from './users.repository.ts';

export type ApiKeyRow = Selectable<ApiKeysTable>;

export function toApiKeyView(r: ApiKeyRow): ApiKeyView {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id, institutionId: r.institution_id, branchId: r.branch_id, name: r.name, prefix: r.prefix,
    permissions: JSON.parse(r.permissions) as Permission[], createdBy: r.created_by, createdAt: Number(r.created_at),
    expiresAt: n(r.expires_at), lastUsedAt: n(r.last_used_at), revokedAt: n(r.revoked_at),
  };
}

export class ApiKeysRepository {
  async insert(db: Tx, row: ApiKeyRow): Promise<void> {
    await db.insertInto('api_keys').values(row).execute();
  }

  byHash(db: Tx, keyHash: string): Promise<ApiKeyRow | undefined> {
    return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  }

  byId(db: Tx, id: string): Promise<ApiKeyRow | undefined> {
    return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(db: Tx, institutionId: string): Promise<ApiKeyRow[]> {
    return db.selectFrom('api_keys').selectAll().where('institution_id', '=', institutionId).orderBy('created_at', 'desc').execute();
  }

  async revoke(db: Tx, id: string, at: number): Promise<void> {
    await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async touch(db: Tx, id: string, at: number): Promise<void> {
    await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
