import type { Kysely } from 'kysely';
import type { Actor } from '../audit/audit.types.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import { builtInScenarios, validateScenario, type ScenarioDef } from '../engine/index.ts';
import { AppError, conflict, notFound } from '../shared/errors.ts';
import type { DB } from '../store/schema.ts';
import type { ScenarioRepository, ScenarioStatus, ScenarioVersion } from './scenarios.repository.ts';
import type { ChangeWatcher } from '../platform/change-watcher.ts';

export interface ScenarioSummary {
  scenarioId: string;
  name: { 'zh-CN': string; en: string };
  typology: string;
  severity: string;
  builtIn: boolean;
  activeVersion: number | null;
  draftVersion: number | null;
  latestVersion: number;
}

/** How long activation and deactivation wait for the engine of the new set before answering. */
export const SETTLE_WAIT_MS = 10_000;
/** `ready`: the new set scores; `rebuilding`: it will once the engine is rebuilt (the old set scores meanwhile). */
export type EngineState = 'ready' | 'rebuilding';

export interface ScenarioServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditRepository;
  repo: ScenarioRepository;
  /**
   * Called after the active set of an institution changed (the engine must be rebuilt); what it
   * returns settles once the new set scores. Activation and deactivation wait for that at most
   * `settleWaitMs` (default SETTLE_WAIT_MS) and then answer `engine: 'rebuilding'`: a changed
   * feature layout replays the whole log (~20 s per million stored transactions here), longer than
   * a reverse proxy or browser keeps a request open at a bank's size.
   */
  changed(institutionId: string): void | Promise<void>;
  settleWaitMs?: number;
  /** Tells other processes sharing the database that the active set changed. */
  changes: Pick<ChangeWatcher, 'bump' | 'committed'>;
}

/**
 * Versioned scenarios per institution: the built-in library is seeded as active version 1 on
 * first use; users create a draft (new version), edit it, test or backtest it, then activate it
 * (the previous active version becomes superseded) or deactivate a scenario. Every change is
 * audited in the same database transaction.
 */
export class ScenarioService {
  /** Per institution, the seeding under way or done in this process (concurrent first uses share it). */
  private readonly seeded = new Map<string, Promise<void>>();

  constructor(private readonly d: ScenarioServiceDeps) {}

  ensureSeeded(institutionId: string): Promise<void> {
    let p = this.seeded.get(institutionId);
    if (!p) {
      p = this.seed(institutionId);
      this.seeded.set(institutionId, p);
      p.catch(() => this.seeded.delete(institutionId));
    }
    return p;
  }

  private async seed(institutionId: string): Promise<void> {
    try {
      await this.d.db.transaction().execute(async (trx) => {
        if ((await this.d.repo.count(trx, institutionId)) > 0) return;
        const now = this.d.clock.now();
        for (const s of builtInScenarios) {
          await this.d.repo.insert(trx, {
            id: this.d.ids('scn'), institutionId, scenarioId: s.id, version: 1, status: 'active', body: { ...s, version: 1 } as Record<string, unknown>,
            builtIn: true, createdBy: 'system', createdAt: now, updatedAt: now,
          });
        }
        await this.d.audit.append(trx, {
          actor: { id: 'system', kind: 'system', institutionId }, institutionId, action: 'scenario.seed', targetType: 'scenario',
          after: { count: builtInScenarios.length, ids: builtInScenarios.map((s) => s.id) },
        });
      });
    } catch (e) {
      // Another process (a second server starting on the same PostgreSQL database) seeded the
      // library between our count and our inserts: its seed stands, ours rolled back.
      if ((await this.d.repo.count(this.d.db, institutionId)) === 0) throw e;
    }
  }

  /** The documents of the active versions (what the engine runs). */
  async activeDocuments(institutionId: string): Promise<Record<string, unknown>[]> {
    await this.ensureSeeded(institutionId);
    return (await this.d.repo.active(this.d.db, institutionId)).map((v) => v.body);
  }

  async list(institutionId: string): Promise<ScenarioSummary[]> {
    await this.ensureSeeded(institutionId);
    const byId = new Map<string, ScenarioVersion[]>();
    for (const v of await this.d.repo.all(this.d.db, institutionId)) {
      const list = byId.get(v.scenarioId) ?? [];
      list.push(v);
      byId.set(v.scenarioId, list);
    }
    return [...byId.entries()].map(([scenarioId, vs]) => {
      const latest = vs[vs.length - 1];
      const body = latest.body as unknown as ScenarioDef;
      return {
        scenarioId, name: body.name, typology: body.typology, severity: body.severity, builtIn: vs[0].builtIn,
        activeVersion: vs.find((v) => v.status === 'active')?.version ?? null,
        draftVersion: vs.find((v) => v.status === 'draft')?.version ?? null,
        latestVersion: latest.version,
      };
    });
  }

  async versions(institutionId: string, scenarioId: string): Promise<ScenarioVersion[]> {
    await this.ensureSeeded(institutionId);
    const vs = await this.d.repo.versionsNamed(this.d.db, institutionId, scenarioId);
    if (vs.length === 0) throw notFound('scenario', scenarioId);
    return vs;
  }

  /** A stored version: the given one, else the draft, else the active one. */
  async version(institutionId: string, scenarioId: string, version?: number): Promise<ScenarioVersion> {
    const vs = await this.versions(institutionId, scenarioId);
    const v = version !== undefined ? vs.find((x) => x.version === version) : vs.find((x) => x.status === 'draft') ?? vs.find((x) => x.status === 'active');
    if (!v) throw notFound('scenario version', `${scenarioId}${version !== undefined ? ` v${version}` : ''}`);
    return v;
  }

  async createDraft(institutionId: string, doc: unknown, actor: Actor): Promise<ScenarioVersion> {
    const def = validateScenario(doc);
    await this.ensureSeeded(institutionId);
    return this.d.db.transaction().execute(async (trx) => {
      const vs = await this.d.repo.versions(trx, institutionId, def.id);
      if (vs.some((v) => v.status === 'draft')) throw conflict(`scenario ${def.id} already has a draft; edit it instead`);
      const version = (vs[vs.length - 1]?.version ?? 0) + 1;
      const now = this.d.clock.now();
      const v: ScenarioVersion = {
        id: this.d.ids('scn'), institutionId, scenarioId: def.id, version, status: 'draft', body: { ...(doc as object), version } as Record<string, unknown>,
        builtIn: false, createdBy: actor.id, createdAt: now, updatedAt: now,
      };
      await this.d.repo.insert(trx, v);
      await this.d.audit.append(trx, { actor, institutionId, action: 'scenario.draft_create', targetType: 'scenario', targetId: `${def.id}@${version}`, after: v.body });
      return v;
    });
  }

  async editDraft(institutionId: string, scenarioId: string, doc: unknown, actor: Actor): Promise<ScenarioVersion> {
    const def = validateScenario(doc);
    if (def.id !== scenarioId) throw new AppError('validation', 'the document id must match the scenario', [{ path: 'id', message: `expected "${scenarioId}"` }]);
    return this.d.db.transaction().execute(async (trx) => {
      const draft = (await this.d.repo.versions(trx, institutionId, scenarioId)).find((v) => v.status === 'draft');
      if (!draft) throw notFound('draft of scenario', scenarioId);
      const body = { ...(doc as object), version: draft.version } as Record<string, unknown>;
      const now = this.d.clock.now();
      await this.d.repo.update(trx, draft.id, { body, updatedAt: now });
      await this.d.audit.append(trx, { actor, institutionId, action: 'scenario.draft_edit', targetType: 'scenario', targetId: `${scenarioId}@${draft.version}`, before: draft.body, after: body });
      return { ...draft, body, updatedAt: now };
    });
  }

  /** Waits for the engine of the changed set at most settleWaitMs: whether the new set scores now. */
  private async applied(institutionId: string): Promise<EngineState> {
    const done = this.d.changed(institutionId);
    if (!done) return 'ready';
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<EngineState>((resolve) => { timer = setTimeout(() => resolve('rebuilding'), this.d.settleWaitMs ?? SETTLE_WAIT_MS); });
    try {
      // (The runtime's replace() never rejects: a failed build is reported and retried at the next use.)
      return await Promise.race([done.then(() => 'ready' as const, () => 'ready' as const), waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  async activate(institutionId: string, scenarioId: string, version: number, actor: Actor): Promise<ScenarioVersion & { engine: EngineState }> {
    const out = await this.d.db.transaction().execute(async (trx) => {
      const vs = await this.d.repo.versions(trx, institutionId, scenarioId);
      const target = vs.find((v) => v.version === version);
      if (!target) throw notFound('scenario version', `${scenarioId} v${version}`);
      if (target.status === 'active') return { version: target, change: null };
      validateScenario(target.body);
      const now = this.d.clock.now();
      const current = vs.find((v) => v.status === 'active');
      if (current) await this.d.repo.update(trx, current.id, { status: 'superseded', updatedAt: now });
      await this.d.repo.update(trx, target.id, { status: 'active', updatedAt: now });
      await this.d.audit.append(trx, {
        actor, institutionId, action: 'scenario.activate', targetType: 'scenario', targetId: `${scenarioId}@${version}`,
        before: { activeVersion: current?.version ?? null }, after: { activeVersion: version },
      });
      return { version: { ...target, status: 'active' as ScenarioStatus, updatedAt: now }, change: await this.d.changes.bump(trx, institutionId, 'scenarios') };
    });
    if (!out.change) return { ...out.version, engine: 'ready' }; // already active: nothing changed
    this.d.changes.committed(out.change);
    return { ...out.version, engine: await this.applied(institutionId) };
  }

  async deactivate(institutionId: string, scenarioId: string, actor: Actor): Promise<{ engine: EngineState }> {
    const change = await this.d.db.transaction().execute(async (trx) => {
      const current = (await this.d.repo.versions(trx, institutionId, scenarioId)).find((v) => v.status === 'active');
      if (!current) throw conflict(`scenario ${scenarioId} has no active version`);
      await this.d.repo.update(trx, current.id, { status: 'inactive', updatedAt: this.d.clock.now() });
      await this.d.audit.append(trx, {
        actor, institutionId, action: 'scenario.deactivate', targetType: 'scenario', targetId: `${scenarioId}@${current.version}`,
        before: { activeVersion: current.version }, after: { activeVersion: null },
      });
      return this.d.changes.bump(trx, institutionId, 'scenarios');
    });
    this.d.changes.committed(change);
    return { engine: await this.applied(institutionId) };
  }
}
