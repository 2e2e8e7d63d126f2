import type { OpenOptions } from '../store/database.ts';
import { runInThread } from '../shared/task-thread.ts';
import type { MinedWindow, MineProgress, WindowToMine } from './mine-window.ts';

/**
 * Mines a window on a thread of its own with its own connection to the same data (`sameData`):
 * building the graph and running the detectors is seconds of CPU at a demo bank's size and about a
 * minute at 5 million transfers, which on the thread serving requests would hold every request,
 * ingest included, for that long. The thread reads, mines and ends; the caller stores the findings.
 */
export function mineInThread(sameData: OpenOptions, w: WindowToMine, onProgress?: MineProgress): Promise<MinedWindow> {
  return runInThread<{ sameData: OpenOptions; window: WindowToMine }, MinedWindow, Parameters<MineProgress>>(
    'ring mining', new URL('./mine.worker.ts', import.meta.url), 'mineTask', { sameData, window: w }, onProgress,
  );
}
