import type { Database } from '../store/database.ts';
import { TransactionRepository } from '../ingest/transaction.repository.ts';
import { ReferenceRepository } from '../reference/reference.repository.ts';
import { storedGraphFeatures } from '../rings/graph-features.cache.ts';
import { notFound } from '../shared/errors.ts';
import type { BacktestDeps } from './backtest.service.ts';
import { labelledTransactionIds } from './scenarios.repository.ts';

/**
 * A backtest's inputs read straight from the stored data: the account register, the latest mining
 * run's graph features with the known-bad list (as the live engine reads them), the stretch of the
 * log that occurred in the window, and the labels. What the backtest thread reads through its own
 * connection (backtest.worker.ts), and the caller's thread where there is no second connection.
 */
export function storedBacktestDeps(database: Database): BacktestDeps {
  const db = database.db;
  const transactions = new TransactionRepository(database);
  // The register holds no personal data: nothing here decrypts.
  const reference = new ReferenceRepository(() => { throw new Error('the backtest reads no personal data'); });
  const graphs = storedGraphFeatures(db);
  return {
    async profiles(institutionId) {
      const institution = await reference.institution(db, institutionId);
      if (!institution) throw notFound('institution', institutionId);
      return reference.loadDirectory(db, institution);
    },
    graph: (institutionId) => graphs.lookup(institutionId),
    async logSize(institutionId, from, to) {
      const r = await transactions.positionsOccurring(institutionId, from, to);
      return r ? r.last - r.first + 1 : 0;
    },
    async *log(institutionId, from, to) {
      const r = await transactions.positionsOccurring(institutionId, from, to);
      if (r) yield* transactions.streamLog(institutionId, r.first - 1, { throughSeq: r.last });
    },
    labels: (institutionId) => labelledTransactionIds(db, institutionId),
  };
}
