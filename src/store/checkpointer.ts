import { Worker } from 'node:worker_threads';
import { askWorkerToStop } from '../shared/worker-stop.ts';
import type { WriteGate } from './write-gate.ts';

export interface Checkpointer {
  /** Stops the worker after one last checkpoint. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** How often the worker looks at the log. */
  intervalMs?: number;
  /** Frames not yet copied before the worker copies (default 1,000: the threshold SQLite itself uses). */
  minFrames?: number;
  /**
   * Log length (frames) at which the worker asks `gate` for a pause in commits so that the log can
   * restart (default RESTART_FRAMES; 0 never asks). Without a gate the worker never asks.
   */
  restartFrames?: number;
  gate?: WriteGate;
  /** A checkpoint failed (for instance busy); the worker tries again at its next look. Default: a process warning. */
  onWarning?: (message: string) => void;
  /** The worker stopped without being asked (it failed): the caller should checkpoint inline again. */
  onFailure?: (error: Error) => void;
  /** The worker synced the database file ahead of asking for a pause, taking `ms` (Linux only; for tracing). */
  onDatabaseSync?: (ms: number) => void;
}

/**
 * Moves SQLite's WAL checkpoints off the thread that serves requests (see checkpoint.worker.js).
 * The caller raises the connection's own automatic checkpoint threshold (a bound on the log's
 * size, see database.ts); the worker thread uses the machine's other core for the copying and
 * fsyncs, so a committing batch pays only for writing its own pages to the log.
 */
/** Default log length that triggers a restart: 32,768 frames, about 128 MiB of 4 KiB pages. */
export const RESTART_FRAMES = 32_768;

export function startCheckpointer(file: string, o: CheckpointerOptions = {}): Checkpointer {
  const worker = new Worker(new URL('./checkpoint.worker.js', import.meta.url), {
    workerData: {
      file, intervalMs: o.intervalMs ?? 100, minFrames: o.minFrames ?? 1_000,
      restartFrames: o.gate ? Math.trunc(o.restartFrames ?? RESTART_FRAMES) : 0,
    },
    // The worker is plain JavaScript: no TypeScript loader hooks needed (nor wanted) there.
    execArgv: [],
  });
  worker.unref();
  let stopped: Promise<void> | null = null;
  const warn = o.onWarning ?? ((message: string) => process.emitWarning(message, 'OutpostCheckpointWarning'));
  worker.on('message', (m: { type: string; message?: string; ms?: number }) => {
    if (m.type === 'warn') warn(m.message ?? '');
    else if (m.type === 'presync') o.onDatabaseSync?.(m.ms ?? 0);
    else if (m.type === 'quiesce') o.gate?.close(() => worker.postMessage('quiet'));
    else if (m.type === 'resume') o.gate?.open();
  });
  worker.on('error', (err) => warn(`checkpoint worker failed: ${err.message}`));
  worker.on('exit', (code) => {
    o.gate?.open();
    if (stopped === null) o.onFailure?.(new Error(`checkpoint worker exited with code ${code}`));
  });
  return {
    stop() {
      stopped ??= askWorkerToStop(worker);
      return stopped;
    },
  };
}
