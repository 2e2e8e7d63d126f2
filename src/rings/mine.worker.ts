/**
 * The ring-mining thread (see mine-thread.ts): opens its own connection to the same data, mines
 * the window with the same code as the caller's thread would, sends the result and ends.
 */
import type { MessagePort } from 'node:worker_threads';
import { openDatabase, type OpenOptions } from '../store/database.ts';
import { mineStoredWindow, type WindowToMine } from './mine-window.ts';
import { RingsRepository } from './rings.repository.ts';
import type { MinerMessage } from './mine-thread.ts';

export async function startMiner(data: { sameData: OpenOptions; window: WindowToMine }, port: MessagePort): Promise<void> {
  const send = (m: MinerMessage) => port.postMessage(m);
  let database: ReturnType<typeof openDatabase> | null = null;
  try {
    database = openDatabase(data.sameData);
    const result = await mineStoredWindow(database.db, new RingsRepository(), data.window, (...progress) => send({ progress }));
    send({ result });
  } catch (err) {
    send({ error: err instanceof Error ? err.message : String(err) });
  } finally {
    await database?.close();
  }
}
