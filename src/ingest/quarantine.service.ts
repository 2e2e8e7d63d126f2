import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Clock } from '../domain/clock.ts';
import type { Scope } from '../domain/scope.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Actor } from '../audit/audit.types.ts';
import { AppError, conflict, notFound } from '../shared/errors.ts';
import type { IngestService } from './ingest.service.ts';
import type { QuarantineFilter, QuarantineRepository } from './quarantine.repository.ts';
import type { QuarantinedRecord } from './quarantine.types.ts';
import type { RecordResult } from './ingest.types.ts';

/** Working the quarantine: list rejected records, re-submit a corrected one, or discard one. */
export class QuarantineService {
  /** `reader`: for the list (its count reads every match: a bad daily file can put millions there), see Database.reader. */
  constructor(private readonly d: { db: Kysely<DB>; reader: Kysely<DB>; clock: Clock; audit: AuditRepository; repo: QuarantineRepository; ingest: IngestService }) {}

  list(scope: Scope, f: QuarantineFilter) {
    this.requireHeadOffice(scope);
    return this.d.repo.list(this.d.reader, scope, f);
  }

  async get(scope: Scope, id: string): Promise<QuarantinedRecord> {
    this.requireHeadOffice(scope);
    const q = await this.d.repo.get(this.d.db, scope, id);
    if (!q) throw notFound('quarantined record', id);
    return q;
  }

  /** Re-submits a corrected record; it must now pass validation, else nothing changes. */
  async resubmit(scope: Scope, id: string, record: Record<string, unknown>, actor: Actor): Promise<{ quarantine: QuarantinedRecord; result: RecordResult }> {
    const q = await this.get(scope, id);
    if (q.status !== 'open') throw conflict(`quarantined record ${id} is already ${q.status}`);
    const errors = await this.d.ingest.check(scope.institutionId, record);
    if (errors.length > 0) {
      throw new AppError('validation', `the corrected record still fails ${errors.length} data-quality rule(s)`,
        errors.map((e) => ({ path: `record.${e.field}`, message: e.message, code: e.code })));
    }
    const { results } = await this.d.ingest.ingest([{ position: q.position, data: record }], { institutionId: scope.institutionId, source: q.source, actor });
    const result = results[0];
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.repo.resolve(trx, id, 'resubmitted', actor.id, at, result.id);
      await this.d.audit.append(trx, {
        actor, action: 'quarantine.resubmit', targetType: 'quarantine', targetId: id, institutionId: scope.institutionId,
        before: { status: q.status, record: q.record }, after: { status: 'resubmitted', record, txnId: result.id },
      });
    });
    return { quarantine: { ...q, status: 'resubmitted', resolvedAt: at, resolvedBy: actor.id, txnId: result.id }, result };
  }

  async discard(scope: Scope, id: string, reason: string, actor: Actor): Promise<QuarantinedRecord> {
    const q = await this.get(scope, id);
    if (q.status !== 'open') throw conflict(`quarantined record ${id} is already ${q.status}`);
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.repo.resolve(trx, id, 'discarded', actor.id, at, null);
      await this.d.audit.append(trx, {
        actor, action: 'quarantine.discard', targetType: 'quarantine', targetId: id, institutionId: scope.institutionId,
        before: { status: q.status }, after: { status: 'discarded', reason },
      });
    });
    return { ...q, status: 'discarded', resolvedAt: at, resolvedBy: actor.id };
  }

  private requireHeadOffice(scope: Scope): void {
    if (scope.branchIds !== null) throw new AppError('forbidden', 'quarantined records are not tied to a branch: head-office scope is required');
  }
}
