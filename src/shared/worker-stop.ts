import type { Worker } from 'node:worker_threads';

/**
 * Asks a worker thread that owns a database connection to stop ('stop' message: it closes its
 * connection and exits) and resolves when it has. Referenced meanwhile, so the process waits for it;
 * a worker that does not answer within `timeoutMs` (should not happen) is terminated, which SQLite
 * survives like a crash.
 */
export function askWorkerToStop(worker: Worker, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
    worker.ref();
    worker.postMessage('stop');
    setTimeout(() => void worker.terminate(), timeoutMs).unref();
  });
}
