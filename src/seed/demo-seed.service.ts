import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../audit/audit.types.ts';
import type { ReferenceService } from '../reference/reference.service.ts';
import type { IngestService } from '../ingest/ingest.service.ts';
import type { DemoBank } from '../demo/types.ts';
import { demoPoliceNotice, type NoticeEntry } from '../demo/notice.ts';
import { DEMO_FEED_SOURCE, demoFeedRecords, toInputRecord } from './demo-records.ts';

export interface SeedProgress {
  phase: 'reference' | 'transactions' | 'labels' | 'notice' | 'done';
  done: number;
  total: number;
}

/**
 * Loads a generated demo bank: reference data, then every transaction through the real ingest path
 * (validated, scored, logged), then a branch feed of faulty records (quarantined, demo-records.ts),
 * then the typology labels used by backtests, then the police notice
 * received by the end of the window onto the known-bad list (src/demo/notice.ts). Safe to re-run:
 * stored reference data is kept, stored transaction ids come back as duplicates and listed accounts
 * stay as they are.
 */
export class DemoSeedService {
  constructor(private readonly d: {
    db: Kysely<DB>; reference: ReferenceService; ingest: IngestService;
    /** The ingest clock's now (the feed's record dated ahead of it). */
    now: () => number;
    /** The known-bad list (rings module), when loaded. */
    knownBad: () => { add(institutionId: string, entries: NoticeEntry[], actor: Actor): Promise<unknown> } | undefined;
  }) {}

  async hasData(institutionId: string): Promise<boolean> {
    const r = await this.d.db.selectFrom('customers').select('id').where('institution_id', '=', institutionId).limit(1).executeTakeFirst();
    return r !== undefined;
  }

  async load(bank: DemoBank, actor: Actor, onProgress?: (p: SeedProgress) => void): Promise<{ accepted: number; duplicates: number; quarantined: number }> {
    const inst = bank.institution.id;
    onProgress?.({ phase: 'reference', done: 0, total: 1 });
    if (!(await this.hasData(inst))) {
      await this.d.reference.load(inst, {
        institution: bank.institution, branches: bank.branches, customers: bank.customers, accounts: bank.accounts, identifiers: bank.identifiers,
      }, actor);
    }
    const total = bank.transactions.length;
    const out = { accepted: 0, duplicates: 0, quarantined: 0 };
    const BATCH = 5_000;
    for (let i = 0; i < total; i += BATCH) {
      const records = bank.transactions.slice(i, i + BATCH).map((t, j) => ({ position: i + j, data: toInputRecord(t) }));
      const { summary } = await this.d.ingest.ingest(records, { institutionId: inst, source: 'demo', actor, summaryOnly: true });
      out.accepted += summary.accepted;
      out.duplicates += summary.duplicates;
      out.quarantined += summary.quarantined;
      onProgress?.({ phase: 'transactions', done: Math.min(i + BATCH, total), total });
    }
    // A branch feed with faulty records (demo-records.ts), once: its rejects wait in quarantine.
    const fed = await this.d.db.selectFrom('quarantine').select('id')
      .where('institution_id', '=', inst).where('source', '=', DEMO_FEED_SOURCE).limit(1).executeTakeFirst();
    if (!fed) {
      const records = demoFeedRecords(bank, this.d.now()).map((data, position) => ({ position, data }));
      const { summary } = await this.d.ingest.ingest(records, { institutionId: inst, source: DEMO_FEED_SOURCE, actor, summaryOnly: true });
      out.accepted += summary.accepted;
      out.quarantined += summary.quarantined;
    }
    onProgress?.({ phase: 'labels', done: 0, total: bank.labels.length });
    await this.d.db.transaction().execute(async (trx) => {
      for (let i = 0; i < bank.labels.length; i += 1_000) {
        await trx.insertInto('transaction_labels')
          .values(bank.labels.slice(i, i + 1_000).map((l) => ({ institution_id: inst, txn_id: l.txnId, typology: l.typology, pattern_id: l.patternId })))
          .onConflict((oc) => oc.doNothing()).execute();
      }
    });
    const notice = demoPoliceNotice(bank);
    onProgress?.({ phase: 'notice', done: 0, total: notice.length });
    if (notice.length > 0) await this.d.knownBad()?.add(inst, notice, actor);
    onProgress?.({ phase: 'done', done: total, total });
    return out;
  }
}
