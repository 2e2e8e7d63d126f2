/**
 * The ring-mining thread's task (see mine-thread.ts): opens its own connection to the same data,
 * mines the window with the same code as the caller's thread would, and returns the result.
 */
import { openDatabase, type OpenOptions } from '../store/database.ts';
import { mineStoredWindow, type MinedWindow, type MineProgress, type WindowToMine } from './mine-window.ts';
import { RingsRepository } from './rings.repository.ts';

export async function mineTask(data: { sameData: OpenOptions; window: WindowToMine }, progress: MineProgress): Promise<MinedWindow> {
  const database = openDatabase(data.sameData);
  try {
    return await mineStoredWindow(database.db, new RingsRepository(), data.window, progress);
  } finally {
    await database.close();
  }
}
