import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface ConfigVersion<T> {
  id: string;
  institutionId: string;
  kind: string;
  version: number;
  status: 'active' | 'superseded';
  body: T;
  createdBy: string | null;
  createdAt: number;
}

/**
 * Versioned settings per institution (data-quality rules, detector parameters, ...). Saving
 * creates a new version and makes it the active one; older versions stay for history.
 */
export class ConfigVersionRepository {
  async active<T>(db: Kysely<DB>, institutionId: string, kind: string): Promise<ConfigVersion<T> | undefined> {
    const r = await db.selectFrom('config_versions').selectAll()
      .where('institution_id', '=', institutionId).where('kind', '=', kind).where('status', '=', 'active')
      .orderBy('version', 'desc').executeTakeFirst();
    return r ? toVersion<T>(r) : undefined;
  }

  async history<T>(db: Kysely<DB>, institutionId: string, kind: string): Promise<ConfigVersion<T>[]> {
    const rows = await db.selectFrom('config_versions').selectAll()
      .where('institution_id', '=', institutionId).where('kind', '=', kind).orderBy('version', 'desc').execute();
    return rows.map((r) => toVersion<T>(r));
  }

  async activate<T>(trx: Kysely<DB>, v: Omit<ConfigVersion<T>, 'version' | 'status'>): Promise<ConfigVersion<T>> {
    const last = await trx.selectFrom('config_versions').select((eb) => eb.fn.max('version').as('v'))
      .where('institution_id', '=', v.institutionId).where('kind', '=', v.kind).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx.updateTable('config_versions').set({ status: 'superseded' })
      .where('institution_id', '=', v.institutionId).where('kind', '=', v.kind).where('status', '=', 'active').execute();
    await trx.insertInto('config_versions').values({
      id: v.id, institution_id: v.institutionId, kind: v.kind, version, status: 'active',
      body: JSON.stringify(v.body), created_by: v.createdBy, created_at: v.createdAt,
    }).execute();
    return { ...v, version, status: 'active' };
  }
}

function toVersion<T>(r: DB['config_versions']): ConfigVersion<T> {
  return {
    id: r.id, institutionId: r.institution_id, kind: r.kind, version: Number(r.version),
    status: r.status as 'active' | 'superseded', body: JSON.parse(r.body) as T,
    createdBy: r.created_by, createdAt: Number(r.created_at),
  };
}
