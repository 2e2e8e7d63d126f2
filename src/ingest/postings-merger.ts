import { Worker } from 'node:worker_threads';
import { askWorkerToStop } from '../shared/worker-stop.ts';
import { POSTING_RUN_ROWS } from './account-postings.ts';

export interface PostingsMerger {
  stop(): Promise<void>;
}

export interface PostingsMergerOptions {
  runRows?: number;
  fanIn?: number;
  /**
   * Postings copied or deleted per step (one write transaction): at 1,024 a copy step takes 0.9 ms
   * (p99 6 ms), at 4,096 6 ms (p99 14 ms), which a commit of the request thread may wait for.
   */
  stepPostings?: number;
  /** Pause between steps while there is work. */
  gapMs?: number;
  /** Pause before looking again when there was nothing to merge. */
  idleMs?: number;
  onWarning?: (m: string) => void;
}

/**
 * Starts the merge of account-posting runs for a SQLite database file on a worker thread
 * (postings-merge.worker.js): one step per turn, `gapMs` apart while there is work: at the
 * defaults ~160 steps a second, enough merging for ~16,000 ingested rows a second sustained (3
 * million rows took ~32,000 steps). A merge that falls behind a burst of ingest leaves more runs
 * to seek for a while, never a wrong answer.
 */
export function startPostingsMerger(file: string, o: PostingsMergerOptions = {}): PostingsMerger {
  const worker = new Worker(new URL('./postings-merge.worker.js', import.meta.url), {
    workerData: {
      file, runRows: o.runRows ?? POSTING_RUN_ROWS, fanIn: o.fanIn ?? 8, stepPostings: o.stepPostings ?? 1024, gapMs: o.gapMs ?? 5, idleMs: o.idleMs ?? 500,
    },
    execArgv: [],
  });
  worker.unref();
  const warn = o.onWarning ?? ((message: string) => process.emitWarning(message, 'OutpostPostingsWarning'));
  worker.on('message', (m: { type: string; message?: string }) => { if (m.type === 'warn') warn(m.message ?? ''); });
  worker.on('error', (err) => warn(`postings merge worker failed: ${err.message}`));
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= askWorkerToStop(worker);
      return stopped;
    },
  };
}
