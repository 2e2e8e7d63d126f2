import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Actor } from '../audit/audit.types.ts';
import type { ConfigVersionRepository } from '../store/config-version.repository.ts';
import { issueDetails, validation } from '../shared/errors.ts';
import type { DqRepository } from './dq.repository.ts';
import { DEFAULT_DQ_RULES, DqRulesSchema, INPUT_FIELDS, type DqRules } from './dq-rules.ts';
import { RECORD_FIELD, businessDay } from './dq-stats.ts';
import type { ChangeWatcher } from '../platform/change-watcher.ts';

export interface DqDayReport {
  day: string;
  source: string;
  records: number;
  accepted: number;
  rejected: number;
  /** accepted / records */
  validity: number;
  /** Per tracked field: share of records carrying it. */
  completeness: Record<string, number>;
  /** Per field: share of records where it was invalid. */
  invalidity: Record<string, number>;
}

const KIND = 'dq_rules';

/** The data-quality closed loop: versioned rules per institution and the daily report. */
export class DqService {
  private readonly cache = new Map<string, Promise<DqRules>>();

  constructor(private readonly d: { db: Kysely<DB>; clock: Clock; ids: IdGenerator; audit: AuditRepository; repo: DqRepository; configs: ConfigVersionRepository; changes: Pick<ChangeWatcher, 'bump' | 'committed'> }) {}

  rules(institutionId: string): Promise<DqRules> {
    let p = this.cache.get(institutionId);
    if (!p) {
      p = this.d.configs.active<DqRules>(this.d.db, institutionId, KIND).then((v) => (v ? DqRulesSchema.parse(v.body) : DEFAULT_DQ_RULES));
      this.cache.set(institutionId, p);
    }
    return p;
  }

  /** Drops the cached rules (after a change here or, through the change watcher, in another process). */
  forget(institutionId: string): void {
    this.cache.delete(institutionId);
  }

  async rulesWithVersion(institutionId: string): Promise<{ version: number; rules: DqRules }> {
    const v = await this.d.configs.active<DqRules>(this.d.db, institutionId, KIND);
    return { version: v?.version ?? 0, rules: v ? DqRulesSchema.parse(v.body) : DEFAULT_DQ_RULES };
  }

  async setRules(institutionId: string, body: unknown, actor: Actor): Promise<{ version: number; rules: DqRules }> {
    const parsed = DqRulesSchema.safeParse(body);
    if (!parsed.success) {
      throw validation('invalid data-quality rules', issueDetails(parsed.error.issues));
    }
    const before = await this.rules(institutionId);
    const v = await this.d.db.transaction().execute(async (trx) => {
      const saved = await this.d.configs.activate(trx, {
        id: this.d.ids('cfg'), institutionId, kind: KIND, body: parsed.data, createdBy: actor.id, createdAt: this.d.clock.now(),
      });
      await this.d.audit.append(trx, { actor, action: 'dq_rules.update', targetType: 'config', targetId: saved.id, institutionId, before, after: parsed.data });
      return { saved, change: await this.d.changes.bump(trx, institutionId, 'dq_rules') };
    });
    this.d.changes.committed(v.change);
    this.forget(institutionId);
    return { version: v.saved.version, rules: parsed.data };
  }

  async report(institutionId: string, from?: string, to?: string, source?: string): Promise<DqDayReport[]> {
    const toDay = to ?? businessDay(this.d.clock.now());
    const fromDay = from ?? businessDay(Date.parse(`${toDay}T00:00:00Z`) - 29 * 86_400_000);
    const rows = await this.d.repo.range(this.d.db, institutionId, fromDay, toDay, source);
    // Field rows are written only for batches where a field was missing or wrong (or is a tracked
    // optional field), so shares are computed from the missing and invalid counts over all records.
    const byKey = new Map<string, { rep: DqDayReport; fields: Array<{ field: string; missing: number; invalid: number }> }>();
    for (const r of rows) {
      const k = `${r.day}|${r.source}`;
      let e = byKey.get(k);
      if (!e) byKey.set(k, (e = { rep: { day: r.day, source: r.source, records: 0, accepted: 0, rejected: 0, validity: 1, completeness: {}, invalidity: {} }, fields: [] }));
      if (r.field === RECORD_FIELD) {
        e.rep.records = r.total;
        e.rep.accepted = r.present;
        e.rep.rejected = r.invalid;
        e.rep.validity = r.total ? r.present / r.total : 1;
      } else {
        e.fields.push({ field: r.field, missing: r.total - r.present, invalid: r.invalid });
      }
    }
    for (const { rep, fields } of byKey.values()) {
      for (const f of INPUT_FIELDS) {
        rep.completeness[f] = 1;
        rep.invalidity[f] = 0;
      }
      for (const f of fields) {
        rep.completeness[f.field] = rep.records ? 1 - f.missing / rep.records : 0;
        rep.invalidity[f.field] = rep.records ? f.invalid / rep.records : 0;
      }
    }
    return [...byKey.values()].map((e) => e.rep);
  }
}
