import type { ScoreResult, Transaction } from '../domain/transaction.ts';

/**
 * What ingest needs from the scoring engine: score one accepted transaction, updating the engine's
 * per-entity state. The engine module publishes its implementation as service 'scorer'.
 */
export interface Scorer {
  score(txn: Transaction): ScoreResult;
}
