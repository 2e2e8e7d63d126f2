import type { ScoreResult, Transaction } from '../domain/transaction.ts';

/**
 * A scorer's view of the transaction log: the position through which its state holds every
 * transaction of its institution that has been stored. Other processes append to the same log
 * (`outpost ingest` next to a running server, several servers on PostgreSQL); before scoring a
 * batch, ingest hands the follower what they stored since (`observe`, in log order) and then
 * moves `seenThrough` past the positions it reserved for the batch.
 */
export interface LogFollower {
  seenThrough: number;
  /** Updates the state with a transaction stored by another process, without scoring it. */
  observe(txn: Transaction): void;
}

/**
 * What ingest needs from the scoring engine: score one accepted transaction, updating the engine's
 * per-entity state. The engine module publishes its implementation as service 'scorer'. Stateless
 * scorers (tests, benchmarks) have no `follower`.
 */
export interface Scorer {
  score(txn: Transaction): ScoreResult;
  follower?: LogFollower;
}
