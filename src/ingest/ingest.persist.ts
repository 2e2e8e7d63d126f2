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

/**
 * Stores one plan inside the caller's database transaction. With `grouped`, its data-quality
 * counters and audit event are left to `persistGroupTail`, which writes a whole group's at once.
 */
export async function persistPlan(trx: Kysely<DB>, r: PersistRepos, plan: WritePlan, grouped = false): Promise<void> {
  if (plan.rows.length > 0) {
    let seq = plan.firstSeq ?? await reserveSequence(trx, 'txn', plan.rows.length);
    for (const row of plan.rows) row.seq = seq++;
  }
  await r.transactions.insertBatch(trx, plan.rows);
  await r.quarantine.insertMany(trx, plan.quarantine);
  if (grouped) return;
  await r.dq.add(trx, plan.dq);
  await r.audit.append(trx, plan.audit);
}

/**
 * A group's data-quality counters and audit events (group commit: several requests in one database
 * transaction), after its plans were stored with `grouped`: the counters as one upsert, rows of the
 * same institution, source, day and field summed (PostgreSQL refuses a statement that updates one
 * row twice), and the audit events in plan order with one sequence reservation, each at its
 * batch's time. Under load most of a group's requests share a source and day, so the group writes
 * the counter rows of one request.
 */
export async function persistGroupTail(trx: Kysely<DB>, r: PersistRepos, plans: readonly WritePlan[]): Promise<void> {
  if (plans.length === 1) {
    await r.dq.add(trx, plans[0].dq);
  } else {
    const merged = new Map<string, DqDailyTable>();
    for (const plan of plans) {
      for (const row of plan.dq) {
        const key = `${row.institution_id}\u0000${row.source}\u0000${row.day}\u0000${row.field}`;
        const m = merged.get(key);
        if (m === undefined) merged.set(key, { ...row });
        else { m.total += row.total; m.present += row.present; m.invalid += row.invalid; }
      }
    }
    await r.dq.add(trx, [...merged.values()]);
  }
  await r.audit.appendAll(trx, plans.map((p) => p.audit), plans.map((p) => p.now));
}
