import type { FileFormat } from './file-reader.ts';
import type { FileProgress } from './file-ingest.service.ts';

export interface IngestJob extends FileProgress {
  id: string;
  institutionId: string;
  fileName: string;
  format: FileFormat;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  startedAt: number;
  finishedAt: number | null;
}

/**
 * Progress of uploaded files being ingested, for the web app's progress bar. Held in memory: the
 * records themselves are committed batch by batch, so after a restart a re-upload completes the
 * file (stored ids come back as duplicates). Finished jobs are kept for an hour.
 */
export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();

  create(job: IngestJob): IngestJob {
    this.prune(job.startedAt);
    this.jobs.set(job.id, job);
    return job;
  }

  get(institutionId: string, id: string): IngestJob | undefined {
    const j = this.jobs.get(id);
    return j && j.institutionId === institutionId ? j : undefined;
  }

  private prune(now: number): void {
    for (const [id, j] of this.jobs) if (j.finishedAt !== null && now - j.finishedAt > 3_600_000) this.jobs.delete(id);
  }
}
