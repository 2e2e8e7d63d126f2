import type { Clock } from '../domain/clock.ts';
import { conflict } from '../shared/errors.ts';
import type { FileFormat } from './file-reader.ts';
import type { FileProgress } from './file-ingest.service.ts';
import type { IngestJobRepository } from './ingest-jobs.repository.ts';

/** An uploaded file being ingested, as stored. */
export interface IngestJobRecord extends FileProgress {
  id: string;
  institutionId: string;
  fileName: string;
  format: FileFormat;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  createdBy: string;
  startedAt: number;
  finishedAt: number | null;
  /** Last progress or heartbeat written by the process running the job. */
  updatedAt: number;
}

/** A job as answered: `interrupted` when the process running it stopped (restart, crash) before it finished. */
export interface IngestJob extends Omit<IngestJobRecord, 'status'> {
  status: IngestJobRecord['status'] | 'interrupted';
}

export interface NewIngestJob {
  id: string;
  institutionId: string;
  fileName: string;
  format: FileFormat;
  bytesTotal: number;
  createdBy: string;
}

/** How often a running job's process says it is alive, and after how long without a sign it counts as interrupted. */
export const JOB_HEARTBEAT_MS = 5_000;
export const JOB_STALE_MS = 30_000;

/**
 * Progress of uploaded files being ingested, for the web app's progress bar and for scripts. Stored
 * in the database (not in the process), so any server sharing it answers for a job, and a job whose
 * process died is reported as interrupted rather than forgotten. The records themselves are
 * committed batch by batch: after an interruption, uploading the file again completes it (stored
 * ids come back as duplicates).
 */
export class IngestJobs {
  constructor(private readonly d: { clock: Clock; repo: IngestJobRepository; heartbeatMs?: number; staleMs?: number }) {}

  /**
   * Registers the job and runs `work`, storing its progress after each batch and a heartbeat while
   * it runs, then its outcome. `work`'s error is stored on the job and thrown again.
   */
  async run(job: NewIngestJob, work: (progress: (p: FileProgress) => void) => Promise<FileProgress>): Promise<IngestJob> {
    const now = this.d.clock.now();
    const record: IngestJobRecord = {
      ...job, status: 'running', error: null, startedAt: now, finishedAt: null, updatedAt: now,
      bytesRead: 0, processed: 0, accepted: 0, duplicates: 0, quarantined: 0,
    };
    if (!(await this.d.repo.insert(record))) throw conflict(`ingest job ${job.id} already exists`, [{ path: 'jobId', message: 'choose a new job id' }]);
    let latest: FileProgress = record;
    // Progress writes run one at a time; a batch that finishes while one is written is written next.
    let writing: Promise<void> = Promise.resolve();
    let queued = false;
    const progress = (p: FileProgress) => {
      latest = { ...p };
      if (queued) return;
      queued = true;
      writing = writing.then(async () => {
        queued = false;
        await this.d.repo.progress(job.institutionId, job.id, latest, this.d.clock.now());
      });
    };
    const beat = setInterval(() => {
      writing = writing.then(() => this.d.repo.heartbeat(job.institutionId, job.id, this.d.clock.now()));
    }, this.d.heartbeatMs ?? JOB_HEARTBEAT_MS);
    beat.unref();
    try {
      latest = await work(progress);
      clearInterval(beat);
      await writing;
      await this.d.repo.finish(job.institutionId, job.id, 'done', null, latest, this.d.clock.now());
    } catch (err) {
      clearInterval(beat);
      await writing.catch(() => undefined);
      await this.d.repo.finish(job.institutionId, job.id, 'failed', err instanceof Error ? err.message : String(err), latest, this.d.clock.now());
      throw err;
    }
    return (await this.get(job.institutionId, job.id))!;
  }

  async get(institutionId: string, id: string): Promise<IngestJob | undefined> {
    const j = await this.d.repo.get(institutionId, id);
    if (!j) return undefined;
    const stale = j.status === 'running' && this.d.clock.now() - j.updatedAt > (this.d.staleMs ?? JOB_STALE_MS);
    return stale ? { ...j, status: 'interrupted', error: 'the server stopped before the file was finished; upload it again to complete it (stored records come back as duplicates)' } : j;
  }
}
