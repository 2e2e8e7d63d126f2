import { Worker } from 'node:worker_threads';
import { AppError, type ErrorDetail, type ErrorKind } from './errors.ts';

/**
 * Messages of a task thread (task-thread.bootstrap.mjs): progress while it runs, then either the
 * result or the error (an AppError keeps its kind and details, so the HTTP mapping stays the same).
 */
export type TaskMessage<R, P extends unknown[]> =
  | { progress: P }
  | { result: R }
  | { error: string; kind?: ErrorKind; details?: ErrorDetail[]; code?: string };

/**
 * Runs `exportName` of the TypeScript module `module` (a URL, e.g. `new URL('./x.worker.ts',
 * import.meta.url)`) on a worker thread of its own and resolves with what it returns. For work of
 * seconds to minutes on stored data (ring mining, backtests): on the thread serving requests it
 * would hold every request, real-time scoring included, for that long. The export is called as
 * `fn(data, progress)` and returns the result (structured-cloned back); the module opens its own
 * connection to the same data and must have no side effects on import.
 */
export function runInThread<D, R, P extends unknown[] = []>(
  what: string, module: URL, exportName: string, data: D, onProgress?: (...p: P) => void,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    // A worker thread does not inherit the TypeScript loader the CLI registers: the bootstrap
    // registers it, then imports the module. `execArgv: []`: no inspector or profiler flags.
    const worker = new Worker(new URL('./task-thread.bootstrap.mjs', import.meta.url), {
      workerData: { module: module.href, exportName, data }, execArgv: [],
    });
    let settled = false;
    const settle = (fn: () => void) => { if (!settled) { settled = true; fn(); } };
    worker.on('message', (m: TaskMessage<R, P>) => {
      if ('progress' in m) onProgress?.(...m.progress);
      else if ('result' in m) settle(() => resolve(m.result));
      else settle(() => reject(m.kind ? new AppError(m.kind, m.error, m.details, m.code) : new Error(`${what} thread: ${m.error}`)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`${what} thread exited with code ${code} before its result`))));
  });
}
