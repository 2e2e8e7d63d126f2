import type { Kysely } from 'kysely';
import type { DB, DqDailyTable, QuarantineTable } from '../store/schema.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { AuditEventInput } from '../audit/audit.types.ts';
import { reserveSequence } from '../store/sequence.repository.ts';
import type { TransactionRepository } from './transaction.repository.ts';
import type { QuarantineRepository } from './quarantine.repository.ts';
import type { DqRepository } from './dq.repository.ts';
import type { StoredTransaction } from './transaction.mapper.ts';

/**
 * Everything one ingest batch stores, decided (validated, de-duplicated, scored) beforehand. Plain
 * data, so it can also be handed to the writer thread (ingest-writer.ts).
 */
export interface WritePlan {
  /** The batch's ingest time (audit event time). */
  now: number;
  /** Accepted records in log order; `persistPlan` sets their `seq`. */
  rows: StoredTransaction[];
  /** First log position already reserved for the rows, or null to reserve them here. */
  firstSeq: number | null;
  quarantine: QuarantineTable[];
  dq: DqDailyTable[];
  audit: AuditEventInput;
}

export interface PersistRepos {
  transactions: TransactionRepository;
  quarantine: QuarantineRepository;
  dq: DqRepository;
  audit: AuditRepository;
}

/** Stores one plan inside the caller's database transaction. */
export async function persistPlan(trx: Kysely<DB>, r: PersistRepos, plan: WritePlan): Promise<void> {
  if (plan.rows.length > 0) {
    let seq = plan.firstSeq ?? await reserveSequence(trx, 'txn', plan.rows.length);
    for (const row of plan.rows) row.seq = seq++;
  }
  await r.transactions.insertBatch(trx, plan.rows);
  await r.quarantine.insertMany(trx, plan.quarantine);
  await r.dq.add(trx, plan.dq);
  await r.audit.append(trx, plan.audit);
}
