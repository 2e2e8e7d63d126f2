import type { Module } from '../app/module.ts';
import { getService, type Container } from '../app/container.ts';
import { ConfigVersionRepository } from '../store/config-version.repository.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { startPostingsMerger } from './postings-merger.ts';
import { TransactionRepository } from './transaction.repository.ts';
import { QuarantineRepository } from './quarantine.repository.ts';
import { DqRepository } from './dq.repository.ts';
import { IngestService } from './ingest.service.ts';
import { IngestWriterThread, type IngestWriter } from './ingest-writer.ts';
import { IngestQueue } from './ingest-queue.ts';
import { QuarantineService } from './quarantine.service.ts';
import { DqService } from './dq.service.ts';
import { IngestJobs } from './ingest-jobs.ts';
import { IngestJobRepository } from './ingest-jobs.repository.ts';
import type { Scorer } from './scorer.ts';
import { ingestRoutes } from './ingest.routes.ts';
import { quarantineRoutes } from './quarantine.routes.ts';
import { dqRoutes } from './dq.routes.ts';

export interface IngestContext {
  ingest: IngestService;
  /** API requests go through the group-commit queue. */
  queue: IngestQueue;
  quarantine: QuarantineService;
  dq: DqService;
  jobs: IngestJobs;
  transactions: TransactionRepository;
  /** SQLite file databases with OUTPOST_SQLITE_WRITER=thread: the writer thread ingest stores through. */
  writer?: IngestWriter;
}

/** Scores transactions for an institution; published by the engine module as service 'scorer'. */
export type ScorerProvider = (institutionId: string) => Promise<Scorer>;

export function ingestOf(c: Container): IngestContext {
  return getService<IngestContext>(c, 'ingest');
}

export const ingestModule: Module = {
  name: 'ingest',
  init(c) {
    const db = c.database.db;
    const transactions = new TransactionRepository(c.database);
    const dq = new DqService({ db, clock: c.clock, ids: c.ids, audit: c.audit, repo: new DqRepository(), configs: new ConfigVersionRepository(), changes: c.changes });
    c.changes.on('dq_rules', (institutionId) => dq.forget(institutionId));
    const reference = referenceServiceOf(c);
    // SQLite file databases: ingest's writes run on a writer thread (ingest-writer.ts).
    const file = c.database.sqlite && c.database.sqlite.name !== ':memory:' && c.config.sqliteWriter === 'thread' ? c.database.sqlite.name : null;
    const writer = file ? new IngestWriterThread(file, c.config.auditHash) : undefined;
    if (writer) c.onClose(() => writer.close());
    // SQLite file databases: runs of account postings are merged on a worker thread (postings-merge.js).
    const dataFile = c.database.sqlite && c.database.sameData?.sqlitePath;
    if (dataFile) {
      const merger = startPostingsMerger(dataFile);
      c.onClose(() => merger.stop());
    }
    const ingest = new IngestService({
      db, clock: c.clock, ids: c.ids, audit: c.audit, transactions,
      quarantine: new QuarantineRepository(), dq: new DqRepository(),
      scorer: (institutionId) => getService<ScorerProvider>(c, 'scorer')(institutionId),
      register: (institutionId) => reference.directory(institutionId),
      rules: (institutionId) => dq.rules(institutionId),
      gate: c.database.writeGate,
      writer,
      scorerReady: (institutionId) => (c.services.get('scorerReady') as ((id: string) => boolean) | undefined)?.(institutionId) ?? false,
      scoredBatchAborted: (institutionId) => (c.services.get('scorerInvalidate') as ((id: string) => void) | undefined)?.(institutionId),
    });
    const quarantine = new QuarantineService({ db, reader: c.database.reader, clock: c.clock, audit: c.audit, repo: new QuarantineRepository(), ingest });
    // A reference load that brings accounts or branch codes takes the quarantined transactions that lacked them again (DQ rule retryOnReferenceLoad).
    reference.onReferencesAdded(async (institutionId, added, actor) => (
      (await dq.rules(institutionId)).retryOnReferenceLoad ? quarantine.retryForReferences(institutionId, added, actor) : null
    ));
    c.services.set('ingest', { ingest, queue: new IngestQueue(ingest), quarantine, dq, jobs: new IngestJobs({ clock: c.clock, repo: new IngestJobRepository(db) }), transactions, writer } satisfies IngestContext);
  },
  async routes(app, c) {
    await ingestRoutes(app, c);
    await quarantineRoutes(app, c);
    await dqRoutes(app, c);
  },
};
