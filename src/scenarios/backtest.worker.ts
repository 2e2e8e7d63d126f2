/**
 * The backtest thread's task (see ScenariosContext.backtest): opens its own connection to the same
 * data, replays the window through the scenario versions with the same code as the caller's thread
 * would, and returns the result.
 */
import { openDatabase, type OpenOptions } from '../store/database.ts';
import { storedBacktestDeps } from './backtest.deps.ts';
import { BacktestService, type BacktestInput, type BacktestProgress, type BacktestResult } from './backtest.service.ts';

export async function backtestTask(data: { sameData: OpenOptions; input: BacktestInput }, progress: BacktestProgress): Promise<BacktestResult> {
  const database = openDatabase(data.sameData);
  try {
    return await new BacktestService(storedBacktestDeps(database)).run(data.input, progress);
  } finally {
    await database.close();
  }
}
