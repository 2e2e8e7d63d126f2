import type { Kysely } from 'kysely';
import type { DB, QuarantineTable } from '../store/schema.ts';
import type { Clock } from '../domain/clock.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Decision, Transaction } from '../domain/transaction.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Actor } from '../audit/audit.types.ts';
import { reserveSequence } from '../store/sequence.repository.ts';
import { writeTransaction } from '../store/database.ts';
import type { TransactionRepository } from './transaction.repository.ts';
import type { QuarantineRepository } from './quarantine.repository.ts';
import type { DqRepository } from './dq.repository.ts';
import type { StoredTransaction } from './transaction.mapper.ts';
import { RecordValidator, type AccountRegister, type RecordError } from './validator.ts';
import type { DqRules } from './dq-rules.ts';
import { DqAccumulator, businessDay } from './dq-stats.ts';
import type { Scorer } from './scorer.ts';
import type { WriteGate } from '../store/write-gate.ts';
import { persistGroupTail, persistPlan, type WritePlan } from './ingest.persist.ts';
import { OwnPositions } from './own-positions.ts';
import { EARLY_INSERT_ROWS, EarlyInserts } from './early-inserts.ts';
import type { IngestWriter } from './ingest-writer.ts';
import type { BatchSummary, RawRecord, RecordResult } from './ingest.types.ts';

export interface IngestDeps {
  db: Kysely<DB>;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditRepository;
  transactions: TransactionRepository;
  quarantine: QuarantineRepository;
  dq: DqRepository;
  scorer: (institutionId: string) => Promise<Scorer>;
  register: (institutionId: string) => Promise<AccountRegister>;
  rules: (institutionId: string) => Promise<DqRules>;
  /** Called when a batch that was already scored fails to commit (the engine must forget it). */
  scoredBatchAborted?: (institutionId: string) => void;
  /** Held back while the SQLite log restarts (see store/write-gate.ts). */
  gate?: WriteGate;
  /** SQLite file databases: stores on a writer thread (ingest-writer.ts) instead of this thread. */
  writer?: IngestWriter;
  /** Whether the institution's engine is built (fetching one that is not replays the log). Unknown: assume not. */
  scorerReady?: (institutionId: string) => boolean;
}

const idKey = (institutionId: string, id: string) => `${institutionId}\u0000${id}`;

export interface IngestOutcome {
  summary: BatchSummary;
  results: RecordResult[];
}

/** A validated batch waiting for its database transaction. */
interface Prepared {
  o: IngestOptions;
  records: number;
  now: number;
  batchId: string;
  dq: DqAccumulator;
  valid: Array<{ position: number; txn: Transaction }>;
  rejected: Array<{ position: number; raw: Record<string, unknown>; errors: RecordError[]; quarantineId?: string }>;
  /** Fetched with validation, or (writer thread) just before scoring. */
  scorer: Scorer | null;
}

export interface IngestOptions {
  institutionId: string;
  /** 'api', 'file:<name>', 'stream:<subject>', 'resubmit'. */
  source: string;
  actor: Actor;
  /** Skip per-record results (file ingest returns only counts). */
  summaryOnly?: boolean;
}

/**
 * Validates, scores and stores a batch of records in one database transaction: accepted records
 * are appended to the log with their score (idempotent on id), rejected ones are quarantined with
 * every reason, data-quality counters and one audit event are written alongside. A caller gets its
 * answer only after the commit, so an accepted record is never lost to a crash.
 */
export class IngestService {
  // Writer thread state (viaWriter): the decision chain, commits not yet confirmed, their ids,
  // and the epoch that a failed commit ends.
  private decideTurn: Promise<void> = Promise.resolve();
  private readonly writesInFlight = new Set<Promise<void>>();
  private readonly idsInFlight = new Map<string, StoredTransaction>();
  private epoch = 0;
  /** Log positions reserved here (inline writes), so the engine's catch-up skips this process's own gaps. */
  private readonly own = new OwnPositions();
  private readonly validators = new WeakMap<DqRules, { institutionId: string; register: AccountRegister; validator: RecordValidator }>();

  constructor(private readonly d: IngestDeps) {}

  /** Validates one record without storing anything (used before re-submitting a corrected record). */
  async check(institutionId: string, data: Record<string, unknown>): Promise<RecordError[]> {
    const [register, rules] = await Promise.all([this.d.register(institutionId), this.d.rules(institutionId)]);
    const v = new RecordValidator(rules, institutionId, register).validate(data, this.d.clock.now());
    return v.ok ? [] : v.errors;
  }

  async ingest(records: readonly RawRecord[], o: IngestOptions): Promise<IngestOutcome> {
    return (await this.ingestGroup([{ records, options: o }]))[0];
  }

  /**
   * Group commit: several callers' batches in one database transaction. Each batch keeps its own
   * id, positions, quarantine rows, summary and audit event (with its own actor); only the commit
   * is shared, which writes the log's touched pages once instead of once per caller. Batches are
   * processed in order, so a later batch sees an earlier one's ids as duplicates. If the commit
   * fails, every batch of the group fails.
   */
  async ingestGroup(batches: ReadonlyArray<{ records: readonly RawRecord[]; options: IngestOptions }>): Promise<IngestOutcome[]> {
    const writer = this.d.writer?.available ? this.d.writer : null;
    const prepared = await Promise.all(batches.map((b) => this.prepare(b.records, b.options, writer === null)));
    const scoredInstitutions = new Set<string>();
    let outcomes: IngestOutcome[];
    await this.d.gate?.enter();
    try {
      let firstReserved: number | null = null;
      outcomes = writer ? await this.viaWriter(writer, prepared, scoredInstitutions) : await writeTransaction(this.d.db, async (trx) => {
        const out: IngestOutcome[] = [];
        const plans: WritePlan[] = [];
        const seen = new Map<string, StoredTransaction>();
        // Log positions for the whole group in one reservation, handed out batch by batch. Reserving
        // first takes the log lock: concurrent groups on PostgreSQL serialise here, so the duplicate
        // checks below see every committed id.
        const groupValid = prepared.reduce((n, p) => n + p.valid.length, 0);
        let nextSeq = groupValid > 0 ? await reserveSequence(trx, 'txn', groupValid) : 0;
        const existingByInst = await this.storedAmong(trx, prepared);
        for (const p of prepared) {
          const firstSeq = p.valid.length > 0 ? nextSeq : null;
          nextSeq += p.valid.length;
          if (firstSeq !== null) {
            firstReserved ??= firstSeq;
            this.own.add(firstSeq, p.valid.length, p.o.institutionId);
            await this.followLog(trx, p, firstSeq, scoredInstitutions);
          }
          const existing = existingByInst.get(p.o.institutionId)!;
          // (A batch within one chunk is stored by persistPlan: nothing to send early.)
          const early = firstSeq !== null && p.valid.length > EARLY_INSERT_ROWS ? new EarlyInserts(trx, this.d.transactions, firstSeq) : null;
          const { outcome, plan } = await this.decide(p, existing, seen, scoredInstitutions, early).catch(async (err: unknown) => {
            // Inserts still queued must run before the rollback: the driver sends a transaction's
            // queries one at a time, and one sent after the rollback would commit on its own.
            await early?.settle().catch(() => undefined);
            throw err;
          });
          await early?.settle();
          // The plan keeps what is left to store (rows sent early hold the leading positions).
          const sent = early?.count ?? 0;
          if (sent > 0) plan.rows = plan.rows.slice(sent);
          plan.firstSeq = firstSeq === null ? null : firstSeq + sent;
          await persistPlan(trx, this.d, plan, true);
          plans.push(plan);
          out.push(outcome);
        }
        await persistGroupTail(trx, this.d, plans);
        return out;
      }).catch((err: unknown) => {
        if (firstReserved !== null) this.own.forgetFrom(firstReserved);
        throw err;
      });
    } catch (err) {
      // (viaWriter tells the engine itself, at the moment the failure is known.)
      if (!writer) for (const inst of scoredInstitutions) this.d.scoredBatchAborted?.(inst);
      throw err;
    } finally {
      this.d.gate?.leave();
    }
    for (const o of outcomes) o.results.sort((a, b) => a.position - b.position);
    return outcomes;
  }

  /**
   * The log's copies of a group's ids, per institution: one look-up each (repeats inside the group
   * are found by the group's `seen` map).
   */
  private async storedAmong(trx: Kysely<DB>, prepared: readonly Prepared[]): Promise<Map<string, Map<string, StoredTransaction>>> {
    const idsByInst = new Map<string, string[]>();
    for (const p of prepared) {
      let ids = idsByInst.get(p.o.institutionId);
      if (ids === undefined) idsByInst.set(p.o.institutionId, (ids = []));
      for (const v of p.valid) ids.push(v.txn.id);
    }
    const found = new Map<string, Map<string, StoredTransaction>>();
    for (const [inst, ids] of idsByInst) found.set(inst, await this.d.transactions.findExisting(trx, inst, ids));
    return found;
  }

  /**
   * The same steps with the writes on the writer thread, pipelined: while one group is being
   * written, the next is looked up and scored. Groups are decided one at a time in arrival order;
   * ids of groups not yet committed are kept in memory for the duplicate check. A group is stored
   * only if every group decided before it was: when a commit fails, the thread refuses the groups
   * of the same epoch queued behind it (their scores saw the failed group), the engine is told to
   * forget, and the next group, finding the engine not built, waits for the groups in flight to
   * settle before the engine is rebuilt from the log.
   */
  private async viaWriter(writer: IngestWriter, prepared: Prepared[], scoredInstitutions: Set<string>): Promise<IngestOutcome[]> {
    const decided = this.decideTurn.then(() => this.decideForWriter(prepared, scoredInstitutions));
    this.decideTurn = decided.then(() => undefined, () => undefined);
    let d: Awaited<typeof decided>;
    try {
      d = await decided;
    } catch (err) {
      for (const inst of scoredInstitutions) this.d.scoredBatchAborted?.(inst);
      throw err;
    }
    const { out, plans, keys, epoch } = d;
    const write = writer.write(plans, epoch);
    this.writesInFlight.add(write);
    try {
      await write;
      return out;
    } catch (err) {
      if (epoch === this.epoch) this.epoch++;
      for (const inst of scoredInstitutions) this.d.scoredBatchAborted?.(inst);
      throw err;
    } finally {
      this.writesInFlight.delete(write);
      for (const k of keys) this.idsInFlight.delete(k);
    }
  }

  private async decideForWriter(prepared: Prepared[], scoredInstitutions: Set<string>) {
    const out: IngestOutcome[] = [];
    const plans: WritePlan[] = [];
    const keys: string[] = [];
    const seen = new Map<string, StoredTransaction>();
    for (const p of prepared) {
      const inst = p.o.institutionId;
      // An engine that is not built replays the log when fetched: let the groups in flight reach the log first.
      if (!(this.d.scorerReady?.(inst) ?? false)) {
        while (this.writesInFlight.size > 0) await Promise.allSettled([...this.writesInFlight]);
      }
      p.scorer = await this.d.scorer(inst);
      const existing = await this.d.transactions.findExisting(this.d.db, inst, p.valid.map((v) => v.txn.id));
      for (const { txn } of p.valid) {
        const pending = this.idsInFlight.get(idKey(inst, txn.id));
        if (pending && !existing.has(txn.id)) existing.set(txn.id, pending);
      }
      const { outcome, plan } = await this.decide(p, existing, seen, scoredInstitutions, null);
      plans.push(plan);
      out.push(outcome);
    }
    // Registered once the whole group is decided (a scoring failure leaves nothing behind).
    prepared.forEach((p, i) => {
      for (const row of plans[i].rows) {
        const k = idKey(p.o.institutionId, row.id);
        this.idsInFlight.set(k, row);
        keys.push(k);
      }
    });
    return { out, plans, keys, epoch: this.epoch };
  }

  /**
   * Before a batch is scored: transactions another process stored since the engine last looked
   * (positions it has not seen below the ones just reserved) are replayed into it in log order, so
   * it scores as if it had ingested them itself; then the reserved positions count as seen. Gaps
   * that this process filled for other institutions are not read (OwnPositions). The
   * institution is marked as scored, so a failed commit rebuilds the engine from the log. (The
   * writer thread reserves positions on its own connection: there the engine does not follow
   * other processes; see docs/scenarios.md, "Several processes on one log".)
   */
  private async followLog(trx: Kysely<DB>, p: Prepared, firstSeq: number, scoredInstitutions: Set<string>): Promise<void> {
    const inst = p.o.institutionId;
    const f = p.scorer?.follower;
    if (!f) return;
    scoredInstitutions.add(inst);
    if (f.seenThrough < firstSeq - 1 && !this.own.othersOnly(f.seenThrough, firstSeq - 1, inst)) {
      for await (const page of this.d.transactions.streamLog(inst, f.seenThrough, { throughSeq: firstSeq - 1, db: trx })) {
        for (const t of page) f.observe(t);
      }
    }
    f.seenThrough = firstSeq + p.valid.length - 1;
  }

  /** Validation and data-quality counting (no database writes). */
  private async prepare(records: readonly RawRecord[], o: IngestOptions, withScorer: boolean): Promise<Prepared> {
    const [register, rules, scorer] = await Promise.all([
      this.d.register(o.institutionId), this.d.rules(o.institutionId), withScorer ? this.d.scorer(o.institutionId) : null,
    ]);
    const validator = this.validatorFor(rules, o.institutionId, register);
    const now = this.d.clock.now();
    const dq = new DqAccumulator(rules.completenessFields);
    const valid: Prepared['valid'] = [];
    const rejected: Prepared['rejected'] = [];
    for (const r of records) {
      const v = validator.validate(r.data, now);
      if (r.quarantineId === undefined) dq.add(v.present, v.ok ? null : v.errors);
      if (v.ok) valid.push({ position: r.position, txn: v.txn });
      else rejected.push({ position: r.position, raw: r.data, errors: v.errors, quarantineId: r.quarantineId });
    }
    return { o, records: records.length, now, batchId: this.d.ids('job'), dq, valid, rejected, scorer };
  }

  /**
   * The validator for these rules and register, kept while both stay the same objects (the rules
   * are replaced when edited; the register is updated in place and read at validation).
   */
  private validatorFor(rules: DqRules, institutionId: string, register: AccountRegister): RecordValidator {
    const v = this.validators.get(rules);
    if (v && v.institutionId === institutionId && v.register === register) return v.validator;
    const validator = new RecordValidator(rules, institutionId, register);
    this.validators.set(rules, { institutionId, register, validator });
    return validator;
  }

  /**
   * Scores one prepared batch and says what to store: new records in order (a record seen earlier
   * in the log or in the group is answered as a duplicate with its original result), quarantine
   * rows, data-quality counters and the audit event. With `early`, accepted rows are stored in
   * chunks while scoring goes on (early-inserts.ts).
   */
  private async decide(
    p: Prepared, existing: Map<string, StoredTransaction>, seen: Map<string, StoredTransaction>, scoredInstitutions: Set<string>,
    early: EarlyInserts | null,
  ): Promise<{ outcome: IngestOutcome; plan: WritePlan }> {
    const { o, now, batchId, valid, rejected } = p;
    const scorer = p.scorer!;
    const results: RecordResult[] = [];
    const decisions: Record<Decision, number> = { allow: 0, review: 0, block: 0 };
    let accepted = 0;
    let duplicates = 0;
    const rows: StoredTransaction[] = [];
    for (const { position, txn } of valid) {
      const key = idKey(o.institutionId, txn.id);
      const prior = existing.get(txn.id) ?? seen.get(key);
      if (prior) {
        duplicates++;
        if (!o.summaryOnly) results.push({ position, id: txn.id, status: 'duplicate', decision: prior.decision, score: prior.score, hits: prior.hits });
        continue;
      }
      scoredInstitutions.add(o.institutionId);
      const s = scorer.score(txn);
      // The validated object becomes the stored one in place (no copy per record on the hot path).
      const stored = txn as StoredTransaction;
      stored.source = o.source;
      stored.seq = 0; // set when stored (persistPlan)
      stored.ingestedAt = now;
      stored.score = s.score;
      stored.decision = s.decision;
      stored.hits = s.hits;
      seen.set(key, stored);
      rows.push(stored);
      accepted++;
      decisions[s.decision]++;
      if (!o.summaryOnly) results.push({ position, id: txn.id, status: 'accepted', decision: s.decision, score: s.score, hits: s.hits });
      if (early) {
        const sending = early.offer(rows);
        if (sending) await sending;
      }
    }

    // A quarantined record tried again and failing again keeps its entry (the caller records the new reasons).
    const fresh = rejected.filter((r) => r.quarantineId === undefined);
    const qrows: QuarantineTable[] = fresh.map((r) => ({
      id: this.d.ids('qr'),
      institution_id: o.institutionId,
      source: o.source,
      position: r.position,
      batch_id: batchId,
      record: JSON.stringify(r.raw),
      field: r.errors[0].field,
      code: r.errors[0].code,
      reason: r.errors.map((e) => e.message).join('; '),
      errors: JSON.stringify(r.errors),
      status: 'open',
      created_at: now,
      resolved_at: null,
      resolved_by: null,
      txn_id: null,
    }));
    if (!o.summaryOnly) {
      let fi = 0;
      for (const r of rejected) {
        const quarantineId = r.quarantineId ?? qrows[fi++].id;
        results.push({ position: r.position, id: typeof r.raw.id === 'string' ? r.raw.id : null, status: 'quarantined', quarantineId, errors: r.errors });
      }
    }
    const plan: WritePlan = {
      now, rows, firstSeq: null, quarantine: qrows, dq: p.dq.rows(o.institutionId, o.source, businessDay(now)),
      audit: {
        actor: o.actor, action: 'transaction.ingest', targetType: 'ingest_batch', targetId: batchId,
        institutionId: o.institutionId,
        after: { source: o.source, records: p.records, accepted, duplicates, quarantined: rejected.length },
      },
    };
    return { outcome: { summary: { batchId, accepted, duplicates, quarantined: rejected.length, decisions }, results }, plan };
  }
}
