import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { AuditHashAlgorithm } from './audit.hash.ts';
import type { AuditFilter, AuditQueryRepository } from './audit.query.repository.ts';
import type { AuditEventsTable } from '../store/schema.ts';
import { ChainVerifier, type VerifyResult } from './audit.verify.ts';
import { letOthersIn } from '../shared/let-others-in.ts';

export interface AuditEventView {
  seq: number;
  id: string;
  institutionId: string | null;
  actor: string;
  actorKind: string;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  at: number;
  hash: string;
}

const parse = (s: string | null): unknown => {
  if (s === null) return null;
  try { return JSON.parse(s); } catch { return s; }
};

export function toView(r: AuditEventsTable): AuditEventView {
  return {
    seq: Number(r.seq), id: r.id, institutionId: r.institution_id, actor: r.actor, actorKind: r.actor_kind, action: r.action,
    targetType: r.target_type, targetId: r.target_id, ip: r.ip, before: parse(r.before), after: parse(r.after), at: Number(r.at), hash: r.hash,
  };
}

const PAGE = 2000;

/** Search, export and verification of the audit chain. */
export class AuditService {
  constructor(private readonly db: Kysely<DB>, private readonly repo: AuditQueryRepository, private readonly algorithm: AuditHashAlgorithm) {}

  async search(f: AuditFilter, limit: number): Promise<{ items: AuditEventView[]; nextBeforeSeq: number | null }> {
    const rows = await this.repo.page(this.db, f, limit + 1, 'desc');
    const items = rows.slice(0, limit).map(toView);
    return { items, nextBeforeSeq: rows.length > limit ? items[items.length - 1].seq : null };
  }

  /** Every matching event, oldest first, page by page (constant memory for large exports). */
  async *all(f: AuditFilter): AsyncGenerator<AuditEventView> {
    let after = 0;
    for (;;) {
      const rows = await this.repo.page(this.db, { ...f, afterSeq: after }, PAGE, 'asc');
      for (const r of rows) yield toView(r);
      if (rows.length < PAGE) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  async verify(onProgress?: (checked: number) => void): Promise<VerifyResult> {
    const expectedLast = await this.repo.lastReserved(this.db);
    const v = new ChainVerifier(this.algorithm);
    let after = 0;
    let checked = 0;
    for (;;) {
      const rows = await this.repo.chainPage(this.db, after, PAGE);
      if (!v.feed(rows)) break;
      checked += rows.length;
      onProgress?.(checked);
      if (rows.length < PAGE) break;
      after = Number(rows[rows.length - 1].seq);
      // The chain grows by an event per ingest request: requests go on while a long one is checked.
      await letOthersIn();
    }
    return v.finish(expectedLast);
  }
}
