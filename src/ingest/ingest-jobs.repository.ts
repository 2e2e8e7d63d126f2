import type { Kysely } from 'kysely';
import type { DB, IngestJobsTable } from '../store/schema.ts';
import type { FileProgress } from './file-ingest.service.ts';
import type { IngestJobRecord } from './ingest-jobs.ts';

/** Rows of `ingest_jobs` (migration 0021). */
export class IngestJobRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Inserts the job; false when the institution already has a job with this id. */
  async insert(j: IngestJobRecord): Promise<boolean> {
    const r = await this.db.insertInto('ingest_jobs').values({
      institution_id: j.institutionId, id: j.id, file_name: j.fileName, format: j.format, status: j.status, error: j.error,
      bytes_total: j.bytesTotal, bytes_read: j.bytesRead, processed: j.processed, accepted: j.accepted, duplicates: j.duplicates,
      quarantined: j.quarantined, created_by: j.createdBy, started_at: j.startedAt, finished_at: j.finishedAt, updated_at: j.updatedAt,
    }).onConflict((oc) => oc.columns(['institution_id', 'id']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async progress(institutionId: string, id: string, p: FileProgress, at: number): Promise<void> {
    await this.db.updateTable('ingest_jobs').set({
      bytes_read: p.bytesRead, processed: p.processed, accepted: p.accepted, duplicates: p.duplicates, quarantined: p.quarantined, updated_at: at,
    }).where('institution_id', '=', institutionId).where('id', '=', id).execute();
  }

  async heartbeat(institutionId: string, id: string, at: number): Promise<void> {
    await this.db.updateTable('ingest_jobs').set({ updated_at: at })
      .where('institution_id', '=', institutionId).where('id', '=', id).where('status', '=', 'running').execute();
  }

  async finish(institutionId: string, id: string, status: 'done' | 'failed', error: string | null, p: FileProgress, at: number): Promise<void> {
    await this.db.updateTable('ingest_jobs').set({
      status, error, finished_at: at, updated_at: at,
      bytes_read: p.bytesRead, processed: p.processed, accepted: p.accepted, duplicates: p.duplicates, quarantined: p.quarantined,
    }).where('institution_id', '=', institutionId).where('id', '=', id).execute();
  }

  async get(institutionId: string, id: string): Promise<IngestJobRecord | undefined> {
    const r = await this.db.selectFrom('ingest_jobs').selectAll().where('institution_id', '=', institutionId).where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }
}

function fromRow(r: IngestJobsTable): IngestJobRecord {
  return {
    institutionId: r.institution_id, id: r.id, fileName: r.file_name, format: r.format as IngestJobRecord['format'],
    status: r.status as IngestJobRecord['status'], error: r.error, bytesTotal: Number(r.bytes_total), bytesRead: Number(r.bytes_read),
    processed: Number(r.processed), accepted: Number(r.accepted), duplicates: Number(r.duplicates), quarantined: Number(r.quarantined),
    createdBy: r.created_by, startedAt: Number(r.started_at), finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    updatedAt: Number(r.updated_at),
  };
}
