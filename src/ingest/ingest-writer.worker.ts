/**
 * The ingest writer thread (see ingest-writer.ts): stores the plans it receives, one database
 * transaction per message, with the same repositories and `persistPlan` as the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { openDatabase } from '../store/database.ts';
import { AuditRepository } from '../audit/audit.repository.ts';
import type { AuditHashAlgorithm } from '../audit/audit.hash.ts';
import { createIdGenerator } from '../domain/ids.ts';
import { systemClock } from '../domain/clock.ts';
import { TransactionRepository } from './transaction.repository.ts';
import { QuarantineRepository } from './quarantine.repository.ts';
import { DqRepository } from './dq.repository.ts';
import { persistGroupTail, persistPlan, type WritePlan } from './ingest.persist.ts';

/** Opens the connection and serves the main thread's messages (called by the bootstrap). */
export function startWriter(data: { file: string; auditHash: AuditHashAlgorithm }, port: MessagePort): void {
  const database = openDatabase({ sqlitePath: data.file, secondary: true });
  const repos = {
    transactions: new TransactionRepository(database),
    quarantine: new QuarantineRepository(),
    dq: new DqRepository(),
    audit: new AuditRepository({ ids: createIdGenerator(), clock: systemClock, algorithm: data.auditHash }),
  };
  // Groups of an epoch in which a commit failed were scored after the failed group: refuse them.
  let refuseBelow = 0;
  let turn: Promise<void> = Promise.resolve();
  const store = async (m: { id: number; plans: WritePlan[]; epoch: number }) => {
    if (m.epoch < refuseBelow) {
      port.postMessage({ id: m.id, error: 'refused: an earlier batch failed to commit; send it again' });
      return;
    }
    try {
      await database.db.transaction().execute(async (trx) => {
        for (const plan of m.plans) await persistPlan(trx, repos, plan, true);
        // Audit events carry their batch's ingest time, as on the main thread.
        await persistGroupTail(trx, repos, m.plans);
      });
      port.postMessage({ id: m.id });
    } catch (err) {
      refuseBelow = m.epoch + 1;
      port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
    }
  };
  port.on('message', (m: { id: number; plans: WritePlan[]; epoch: number } | { close: true }) => {
    if ('close' in m) {
      turn = turn.then(() => database.close()).then(() => port.close());
      return;
    }
    turn = turn.then(() => store(m));
  });
}
