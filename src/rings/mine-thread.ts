import { Worker } from 'node:worker_threads';
import type { OpenOptions } from '../store/database.ts';
import type { MinedWindow, MineProgress, WindowToMine } from './mine-window.ts';

/** Messages of the mining thread (mine.worker.ts). */
export type MinerMessage =
  | { progress: Parameters<MineProgress> }
  | { result: MinedWindow }
  | { error: string };

/**
 * Mines a window on a thread of its own with its own connection to the same data (`sameData`):
 * building the graph and running the detectors is seconds of CPU at a demo bank's size and about a
 * minute at 5 million transfers, which on the thread serving requests would hold every request,
 * ingest included, for that long. The thread reads, mines and ends; the caller stores the findings.
 */
export function mineInThread(sameData: OpenOptions, w: WindowToMine, onProgress?: MineProgress): Promise<MinedWindow> {
  return new Promise<MinedWindow>((resolve, reject) => {
    // The worker needs the TypeScript loader, which a worker thread does not inherit (as the ingest writer).
    const worker = new Worker(new URL('./mine.bootstrap.mjs', import.meta.url), { workerData: { sameData, window: w }, execArgv: [] });
    let settled = false;
    const settle = (fn: () => void) => { if (!settled) { settled = true; fn(); } };
    worker.on('message', (m: MinerMessage) => {
      if ('progress' in m) onProgress?.(...m.progress);
      else if ('result' in m) settle(() => resolve(m.result));
      else settle(() => reject(new Error(`ring mining thread: ${m.error}`)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`ring mining thread exited with code ${code} before its result`))));
  });
}
