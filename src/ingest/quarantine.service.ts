import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { allBranches, type Scope } from '../domain/scope.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Actor } from '../audit/audit.types.ts';
import { AppError, conflict, notFound } from '../shared/errors.ts';
import type { IngestService } from './ingest.service.ts';
import { letOthersIn } from '../shared/let-others-in.ts';
import type { QuarantineCursor, QuarantineFilter, QuarantineMatch, QuarantineRepository } from './quarantine.repository.ts';
import type { QuarantinedRecord } from './quarantine.types.ts';
import type { RecordResult } from './ingest.types.ts';
import type { RecordError } from './validator.ts';

/**
 * Records a bulk retry takes per ingest batch and database transaction; requests are let in between.
 * Retried records are often new accounts' first transfers, which fire scenarios and carry traces: 200 of
 * them held the thread 40–80 ms at demo ×4 (500: 80–230 ms).
 */
export const RETRY_CHUNK = 200;
/** Records a bulk discard resolves per database transaction (and names in one audit event). */
export const DISCARD_CHUNK = 1_000;
/** Open records read per page when looking for those naming what a load made known (and ids per retry). */
const SCAN_PAGE = 1_000;
/** Groups the open-records summary lists at most. */
const SUMMARY_GROUPS = 100;
/** How many of a retry call's records that still fail its answer lists with their reasons. */
const FAILURES_LISTED = 100;

/** What a bulk retry did in one call; `next` goes on from there (null: no open match is left after it). */
export interface RetryOutcome {
  examined: number;
  /** Stored as new transactions. */
  resubmitted: number;
  /** Their transaction id was already stored (sent again meanwhile): resolved with that transaction. */
  duplicates: number;
  /** Still failing: they stay open with the reasons found now. */
  stillFailing: number;
  /** Open records left to this call by another user's action on them. */
  skipped: number;
  next: string | null;
  failures: Array<{ id: string; errors: RecordError[] }>;
}

/** `createdAt.id` of the last record a retry call examined (opaque to callers). */
const cursorText = (c: QuarantineCursor): string => `${c.createdAt}.${c.id}`;

function parseCursor(text: string): QuarantineCursor {
  const m = /^(\d{1,15})\.(.+)$/.exec(text);
  if (!m) throw new AppError('validation', 'after is not a cursor returned by a retry call', [{ path: 'after', message: 'pass the `next` value of the previous call' }]);
  return { createdAt: Number(m[1]), id: m[2] };
}

/** Working the quarantine: list rejected records, re-submit a corrected one, or discard one. */
export class QuarantineService {
  /** `reader`: for the list (its count reads every match: a bad daily file can put millions there), see Database.reader. */
  constructor(private readonly d: { db: Kysely<DB>; reader: Kysely<DB>; clock: Clock; audit: AuditRepository; repo: QuarantineRepository; ingest: IngestService }) {}

  list(scope: Scope, f: QuarantineFilter) {
    this.requireHeadOffice(scope);
    return this.d.repo.list(this.d.reader, scope, f);
  }

  /**
   * What is open, grouped by source, reason code and field (most first): what a data steward acts
   * on in bulk (one cause, one retry or discard). Read on a read thread: a bad feed can leave millions.
   */
  summary(scope: Scope) {
    this.requireHeadOffice(scope);
    return this.d.repo.openGroups(this.d.reader, scope.institutionId, SUMMARY_GROUPS);
  }

  async get(scope: Scope, id: string): Promise<QuarantinedRecord> {
    this.requireHeadOffice(scope);
    const q = await this.d.repo.get(this.d.db, scope, id);
    if (!q) throw notFound('quarantined record', id);
    return q;
  }

  /**
   * Re-submits a corrected record; it must now pass validation, else nothing changes. Like a retry,
   * it does not count again in the data-quality figures (they describe what the source sent).
   */
  async resubmit(scope: Scope, id: string, record: Record<string, unknown>, actor: Actor): Promise<{ quarantine: QuarantinedRecord; result: RecordResult }> {
    const q = await this.get(scope, id);
    if (q.status !== 'open') throw conflict(`quarantined record ${id} is already ${q.status}`);
    const errors = await this.d.ingest.check(scope.institutionId, record);
    if (errors.length > 0) {
      throw new AppError('validation', `the corrected record still fails ${errors.length} data-quality rule(s)`,
        errors.map((e) => ({ path: `record.${e.field}`, message: e.message, code: e.code })));
    }
    // With its entry: should the record fail after all (rules changed since the check), no second entry is made.
    const { results } = await this.d.ingest.ingest([{ position: q.position, data: record, quarantineId: q.id }], { institutionId: scope.institutionId, source: q.source, actor });
    const result = results[0];
    if (result.status === 'quarantined') {
      throw new AppError('validation', `the corrected record still fails ${result.errors.length} data-quality rule(s)`,
        result.errors.map((e) => ({ path: `record.${e.field}`, message: e.message, code: e.code })));
    }
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

  /**
   * Tries open records matching `m` again as they were stored, oldest first, at most `limit` of
   * them, going on after the cursor `after` (the `next` of the previous call). Meant for records
   * that failed for a reason since mended outside them: an account the reference load had not yet
   * brought, a rule since relaxed. One that passes now is stored and scored like any record of
   * its source and its entry resolved as re-submitted; one still failing stays open with the
   * reasons found now (no second entry; it does not count again in the data-quality figures).
   * Each ingest batch's entries are resolved in one transaction with one `quarantine.retry`
   * audit event naming them; a crash between a batch's commit and its resolution leaves them open,
   * and the next retry finds their transactions stored and resolves them as duplicates.
   */
  async retry(scope: Scope, m: QuarantineMatch, after: string | null, limit: number, actor: Actor): Promise<RetryOutcome> {
    this.requireHeadOffice(scope);
    let cursor = after === null ? null : parseCursor(after);
    const out: RetryOutcome = { examined: 0, resubmitted: 0, duplicates: 0, stillFailing: 0, skipped: 0, next: null, failures: [] };
    let exhausted = false;
    while (out.examined < limit) {
      const want = Math.min(RETRY_CHUNK, limit - out.examined);
      const chunk = await this.d.repo.openAfter(this.d.db, scope.institutionId, m, cursor, want);
      if (chunk.length > 0) {
        // Stored under their own source (a file's records stay the file's), in their order.
        for (const group of bySource(chunk)) await this.retryGroup(scope.institutionId, group, m, actor, out);
        out.examined += chunk.length;
        const last = chunk[chunk.length - 1];
        cursor = { createdAt: last.createdAt, id: last.id };
      }
      if (chunk.length < want) { exhausted = true; break; }
      await letOthersIn();
    }
    out.next = exhausted || cursor === null ? null : cursorText(cursor);
    return out;
  }

  /**
   * Tries again the open records rejected first of all for naming what a reference load just made
   * known: an account it added (code `unknown_account`) or a branch code it put (`unknown_branch`).
   * A record with another first fault would fail again and is left to the steward. Finds them by
   * the error's value, scanning the open records of that code (id, time and errors only) in pages
   * with requests let in between; retries them in calls of SCAN_PAGE ids. Null when none matched.
   */
  async retryForReferences(institutionId: string, added: { accounts: readonly string[]; branchCodes: readonly string[] }, actor: Actor): Promise<Omit<RetryOutcome, 'next' | 'failures' | 'skipped'> | null> {
    const ids: string[] = [];
    const wanted: Array<[string, ReadonlySet<string>]> = [['unknown_account', new Set(added.accounts)], ['unknown_branch', new Set(added.branchCodes)]];
    for (const [code, values] of wanted) {
      if (values.size === 0) continue;
      let cursor: QuarantineCursor | null = null;
      for (;;) {
        const page = await this.d.repo.openErrorsAfter(this.d.db, institutionId, code, cursor, SCAN_PAGE);
        for (const q of page) if (q.errors.some((e) => e.code === code && values.has(String(e.params?.value)))) ids.push(q.id);
        if (page.length < SCAN_PAGE) break;
        cursor = { createdAt: page[page.length - 1].createdAt, id: page[page.length - 1].id };
        await letOthersIn();
      }
    }
    if (ids.length === 0) return null;
    const sum = { examined: 0, resubmitted: 0, duplicates: 0, stillFailing: 0 };
    for (let i = 0; i < ids.length; i += SCAN_PAGE) {
      const part = ids.slice(i, i + SCAN_PAGE);
      const r = await this.retry(allBranches(institutionId), { ids: part }, null, part.length, actor);
      for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += r[k];
    }
    return sum;
  }

  private async retryGroup(institutionId: string, group: QuarantinedRecord[], m: QuarantineMatch, actor: Actor, out: RetryOutcome): Promise<void> {
    const { summary, results } = await this.d.ingest.ingest(
      group.map((q, position) => ({ position, data: q.record, quarantineId: q.id })),
      { institutionId, source: group[0].source, actor },
    );
    const resolved: Array<{ id: string; txnId: string }> = [];
    const failing: Array<{ id: string; errors: RecordError[] }> = [];
    results.forEach((r, i) => {
      if (r.status === 'quarantined') failing.push({ id: group[i].id, errors: r.errors });
      else resolved.push({ id: group[i].id, txnId: r.id });
    });
    const at = this.d.clock.now();
    const done = await this.d.db.transaction().execute(async (trx) => {
      const ids = await this.d.repo.resolveOpen(trx, institutionId, resolved, 'resubmitted', actor.id, at);
      for (const f of failing) await this.d.repo.setReasons(trx, f.id, f.errors);
      const byId = new Set(ids);
      await this.d.audit.append(trx, {
        actor, action: 'quarantine.retry', targetType: 'ingest_batch', targetId: summary.batchId, institutionId,
        after: {
          source: group[0].source, match: m,
          resubmitted: resolved.filter((r) => byId.has(r.id)), stillFailing: failing.map((f) => f.id),
        },
      });
      return byId;
    });
    results.forEach((r, i) => {
      if (r.status === 'quarantined') return;
      if (!done.has(group[i].id)) out.skipped++;
      else if (r.status === 'duplicate') out.duplicates++;
      else out.resubmitted++;
    });
    out.stillFailing += failing.length;
    for (const f of failing) if (out.failures.length < FAILURES_LISTED) out.failures.push(f);
  }

  /**
   * Discards every open record matching `m` (at least one criterion), in transactions of
   * DISCARD_CHUNK records with one `quarantine.discard` audit event each naming them and the
   * reason; returns how many it discarded.
   */
  async discardMatching(scope: Scope, m: QuarantineMatch, reason: string, actor: Actor): Promise<{ discarded: number }> {
    this.requireHeadOffice(scope);
    if (!m.source && !m.code && !m.field && !m.ids) {
      throw new AppError('validation', 'say which records to discard', [{ path: 'source', message: 'give a source, code, field or ids' }]);
    }
    let discarded = 0;
    for (;;) {
      const ids = await this.d.repo.openIds(this.d.db, scope.institutionId, m, DISCARD_CHUNK);
      if (ids.length === 0) break;
      const at = this.d.clock.now();
      discarded += await this.d.db.transaction().execute(async (trx) => {
        const done = await this.d.repo.resolveOpen(trx, scope.institutionId, ids.map((id) => ({ id, txnId: null })), 'discarded', actor.id, at);
        if (done.length > 0) {
          await this.d.audit.append(trx, {
            actor, action: 'quarantine.discard', targetType: 'quarantine', targetId: done.length === 1 ? done[0] : null, institutionId: scope.institutionId,
            before: { status: 'open' }, after: { status: 'discarded', reason, match: m, ids: done },
          });
        }
        return done.length;
      });
      await letOthersIn();
    }
    return { discarded };
  }

  private requireHeadOffice(scope: Scope): void {
    if (scope.branchIds !== null) throw new AppError('forbidden', 'quarantined records are not tied to a branch: head-office scope is required');
  }
}

/** Consecutive runs of one source, in order. */
function bySource(records: QuarantinedRecord[]): QuarantinedRecord[][] {
  const groups: QuarantinedRecord[][] = [];
  for (const r of records) {
    const g = groups[groups.length - 1];
    if (g && g[0].source === r.source) g.push(r);
    else groups.push([r]);
  }
  return groups;
}
