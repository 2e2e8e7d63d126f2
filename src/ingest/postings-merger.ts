import { Worker } from 'node:worker_threads';
import { POSTING_RUN_ROWS } from './account-postings.ts';

export interface PostingsMerger {
  stop(): Promise<void>;
}

/**
 * Starts the merge of account-posting runs for a SQLite database file on a worker thread
 * (postings-merge.worker.js). Each turn merges for up to `budgetMs`, then yields as long again;
 * with nothing to merge it looks again after `idleMs`.
 */
export function startPostingsMerger(file: string, o: { runRows?: number; fanIn?: number; budgetMs?: number; idleMs?: number; onWarning?: (m: string) => void } = {}): PostingsMerger {
  const worker = new Worker(new URL('./postings-merge.worker.js', import.meta.url), {
    workerData: { file, runRows: o.runRows ?? POSTING_RUN_ROWS, fanIn: o.fanIn ?? 8, budgetMs: o.budgetMs ?? 20, idleMs: o.idleMs ?? 500 },
    execArgv: [],
  });
  worker.unref();
  const warn = o.onWarning ?? ((message: string) => process.emitWarning(message, 'OutpostPostingsWarning'));
  worker.on('message', (m: { type: string; message?: string }) => { if (m.type === 'warn') warn(m.message ?? ''); });
  worker.on('error', (err) => warn(`postings merge worker failed: ${err.message}`));
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.ref();
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate(), 10_000).unref();
      });
      return stopped;
    },
  };
}
