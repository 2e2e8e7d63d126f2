import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import './scenarios.tables.ts';
import type { ScenarioVersionsTable } from './scenarios.tables.ts';

export type ScenarioStatus = 'draft' | 'active' | 'inactive' | 'superseded';

export interface ScenarioVersion {
  id: string;
  institutionId: string;
  scenarioId: string;
  version: number;
  status: ScenarioStatus;
  body: Record<string, unknown>;
  builtIn: boolean;
  createdBy: string;
  /** Who created it, as people read it: the user's display name or the service key's name (lists only; null for the system). */
  createdByName?: string | null;
  createdAt: number;
  updatedAt: number;
}

const toVersion = (r: ScenarioVersionsTable): ScenarioVersion => ({
  id: r.id, institutionId: r.institution_id, scenarioId: r.scenario_id, version: Number(r.version),
  status: r.status as ScenarioStatus, body: JSON.parse(r.body) as Record<string, unknown>, builtIn: Number(r.built_in) === 1,
  createdBy: r.created_by, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
});

/** Scenario versions of an institution (SQL only; decisions live in ScenarioService). */
export class ScenarioRepository {
  async count(db: Kysely<DB>, institutionId: string): Promise<number> {
    const r = await db.selectFrom('scenario_versions').select((eb) => eb.fn.countAll().as('n')).where('institution_id', '=', institutionId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async all(db: Kysely<DB>, institutionId: string): Promise<ScenarioVersion[]> {
    const rows = await db.selectFrom('scenario_versions').selectAll().where('institution_id', '=', institutionId)
      .orderBy('scenario_id').orderBy('version').execute();
    return rows.map(toVersion);
  }

  async active(db: Kysely<DB>, institutionId: string): Promise<ScenarioVersion[]> {
    const rows = await db.selectFrom('scenario_versions').selectAll().where('institution_id', '=', institutionId)
      .where('status', '=', 'active').orderBy('scenario_id').execute();
    return rows.map(toVersion);
  }

  async versions(db: Kysely<DB>, institutionId: string, scenarioId: string): Promise<ScenarioVersion[]> {
    const rows = await db.selectFrom('scenario_versions').selectAll().where('institution_id', '=', institutionId)
      .where('scenario_id', '=', scenarioId).orderBy('version').execute();
    return rows.map(toVersion);
  }

  /** A scenario's versions with their creators' names (a user's display name, a service key's name). */
  async versionsNamed(db: Kysely<DB>, institutionId: string, scenarioId: string): Promise<ScenarioVersion[]> {
    const rows = await db.selectFrom('scenario_versions')
      .leftJoin('users', 'users.id', 'scenario_versions.created_by')
      .leftJoin('api_keys', 'api_keys.id', 'scenario_versions.created_by')
      .selectAll('scenario_versions').select(['users.display_name as user_name', 'api_keys.name as key_name'])
      .where('scenario_versions.institution_id', '=', institutionId).where('scenario_versions.scenario_id', '=', scenarioId)
      .orderBy('scenario_versions.version').execute();
    return rows.map((r) => ({ ...toVersion(r), createdByName: r.user_name ?? r.key_name ?? null }));
  }

  async insert(db: Kysely<DB>, v: ScenarioVersion): Promise<void> {
    await db.insertInto('scenario_versions').values({
      id: v.id, institution_id: v.institutionId, scenario_id: v.scenarioId, version: v.version, status: v.status,
      body: JSON.stringify(v.body), built_in: v.builtIn ? 1 : 0, created_by: v.createdBy, created_at: v.createdAt, updated_at: v.updatedAt,
    }).execute();
  }

  async update(db: Kysely<DB>, id: string, patch: { status?: ScenarioStatus; body?: Record<string, unknown>; updatedAt: number }): Promise<void> {
    await db.updateTable('scenario_versions').set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.body ? { body: JSON.stringify(patch.body) } : {}),
      updated_at: patch.updatedAt,
    }).where('id', '=', id).execute();
  }
}

/** Ids of labelled (known suspicious) transactions of an institution. */
export async function labelledTransactionIds(db: Kysely<DB>, institutionId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('transaction_labels').select('txn_id').where('institution_id', '=', institutionId).execute();
  return new Set(rows.map((r) => r.txn_id));
}

