import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database.ts';
import { migrateTo } from '../migrate.ts';
import { AuditRepository } from '../../audit/audit.repository.ts';
import { AuditQueryRepository } from '../../audit/audit.query.repository.ts';
import { AuditService } from '../../audit/audit.service.ts';
import { TransactionRepository } from '../../ingest/transaction.repository.ts';
import type { StoredTransaction } from '../../ingest/transaction.mapper.ts';
import { createIdGenerator } from '../../domain/ids.ts';
import { fixedClock } from '../../domain/clock.ts';

const AT = 1_764_000_000_000;

function txn(i: number): StoredTransaction {
  return {
    institutionId: 'inst_a', id: `T${i}`, branchId: 'br_1', occurredAt: AT + i, debitAccount: `A${i % 7}`, debitParty: null, debitBank: '313',
    creditAccount: `A${(i * 3) % 11}`, creditParty: null, creditBank: '313', amountMinor: 1000 + i, currency: 'CNY', channel: 'mobile', type: 'transfer',
    deviceId: null, ip: null, location: null, purpose: null, crossBorder: false, source: 'api', seq: i + 1, ingestedAt: AT, score: i % 100,
    decision: 'allow', hits: i % 3 ? [] : [{ scenarioId: 'X-1', version: 1, severity: 'low', typology: 't', score: 1, reason: { 'zh-CN': '原因', en: 'why' } }],
  };
}

/** The layout change keeps every row, the log order, the audit chain and the idempotent insert. */
describe('migration 0019 (SQLite logs keyed by their position)', () => {
  let d: Database | null = null;
  let dir = '';
  afterEach(async () => { await d?.close(); d = null; fs.rmSync(dir, { recursive: true, force: true }); });

  it('rebuilds transactions and audit_events with seq as rowid, rows and chain unchanged, and back', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-mig-'));
    d = openDatabase({ sqlitePath: path.join(dir, 'db.sqlite') });
    // Up to the migration before, with data written the way the product writes it.
    await migrateTo(d, '0018_engine_snapshots');
    const before = await d.sqlite!.prepare("select name from sqlite_master where tbl_name = 'transactions' and type = 'index'").pluck().all();
    expect(before).toContain('transactions_seq');
    const repo = new TransactionRepository(d);
    await d.db.transaction().execute((trx) => repo.insertBatch(trx, Array.from({ length: 50 }, (_, i) => txn(i))));
    const audit = new AuditRepository({ ids: createIdGenerator(), clock: fixedClock(AT), algorithm: 'sm3' });
    const actor = { id: 'usr_1', kind: 'user' as const, institutionId: 'inst_a' };
    for (let i = 0; i < 5; i++) await d.db.transaction().execute((trx) => audit.append(trx, { actor, action: 'case.update', targetType: 'case', targetId: `c${i}`, after: { i } }));
    const rows = () => d!.db.selectFrom('transactions').selectAll().orderBy('seq').execute();
    const events = () => d!.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const [txBefore, evBefore] = [await rows(), await events()];

    await migrateTo(d, '0019_sqlite_log_rowid');
    const ddl = d.sqlite!.prepare("select sql from sqlite_master where name in ('transactions', 'audit_events') order by name").pluck().all() as string[];
    expect(ddl[0]).toContain('"seq" integer primary key');
    expect(ddl[0]).not.toContain('unique');
    expect(ddl[1]).toContain('"seq" integer primary key');
    expect(ddl[1]).toContain('constraint "transactions_pk" unique ("institution_id", "id")');
    const indexes = d.sqlite!.prepare("select name from sqlite_master where tbl_name = 'transactions' and type = 'index' and sql is not null order by name").pluck().all();
    expect(indexes).toEqual(['transactions_credit', 'transactions_debit', 'transactions_ingested', 'transactions_time']);
    expect(await rows()).toEqual(txBefore);
    expect(await events()).toEqual(evBefore);
    expect(await new AuditService(d.db, new AuditQueryRepository(), 'sm3').verify()).toMatchObject({ ok: true, checked: 5 });
    // Re-sending an id is still a no-op; new rows and events keep their positions.
    await d.db.transaction().execute((trx) => repo.insertBatch(trx, [{ ...txn(3), amountMinor: 1 }, txn(50)]));
    const after = await rows();
    expect(after).toHaveLength(51);
    expect(Number(after.find((r) => r.id === 'T3')!.amount_minor)).toBe(1003);
    await d.db.transaction().execute((trx) => audit.append(trx, { actor, action: 'case.update', targetType: 'case', targetId: 'c5', after: { i: 5 } }));
    expect(await new AuditService(d.db, new AuditQueryRepository(), 'sm3').verify()).toMatchObject({ ok: true, checked: 6, headSeq: 6 });

    await migrateTo(d, '0018_engine_snapshots');
    expect(d.sqlite!.prepare("select sql from sqlite_master where name = 'transactions'").pluck().get()).toContain('"seq" bigint not null');
    expect(await rows()).toHaveLength(51);
  });
});
