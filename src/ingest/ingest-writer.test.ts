import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getService, type Container } from '../app/container.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import type { Transaction } from '../domain/transaction.ts';
import { ingestOf } from './ingest.module.ts';
import { IngestWriterThread } from './ingest-writer.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const actor = { id: 'key_test', kind: 'api_key' as const, institutionId: BANK.institutionId };
const opts = { institutionId: BANK.institutionId, source: 'api', actor };
const good = (id: string) => ({
  id, timestamp: '2026-11-20T09:30:00+08:00', debitAccount: '6222000000000001', creditAccount: '6222000000000002',
  amount: '1234.56', currency: 'CNY', channel: 'mobile', type: 'transfer',
});
const scorer = { score: (t: Transaction) => ({ score: t.id.length, decision: 'allow' as const, hits: [] }) };

describe('ingest writer thread (SQLite file)', () => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  async function setup() {
    // The stub scorer keeps no state, so it is always "built" (no replay of the log to wait for).
    c = await createTestContainer('sqlite-file', { clock: fixedClock(NOW), config: { sqliteWriter: 'thread' }, services: { scorer: async () => scorer, scorerReady: () => true } });
    await loadSmallBank(c!);
    return c!;
  }
  const count = async (c: Container, table: 'transactions' | 'audit_events') =>
    Number((await c.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('stores through the thread while the main connection keeps writing its own transactions', async () => {
    const c = await setup();
    expect(ingestOf(c).writer?.available).toBe(true);
    const auditBefore = await count(c, 'audit_events');
    // Ingest groups and main-thread transactions (audit events, as every other module writes)
    // interleave: the main connection's transactions wait for the writer's lock instead of failing.
    const ingests = Array.from({ length: 20 }, (_, g) => ingestOf(c).ingest.ingest(
      Array.from({ length: 50 }, (_, i) => ({ position: i, data: good(`W${g}-${i}`) })), opts));
    const mainWrites = Array.from({ length: 20 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i));
      await c.database.db.transaction().execute((trx) => c.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'test.touch', targetType: 'test', targetId: String(i) }));
    });
    const outcomes = await Promise.all(ingests);
    await Promise.all(mainWrites);
    expect(outcomes.reduce((n, o) => n + o.summary.accepted, 0)).toBe(1_000);
    expect(await count(c, 'transactions')).toBe(1_000);
    expect(await count(c, 'audit_events')).toBe(auditBefore + 20 + 20);
    // Log positions are unique and dense per group; the audit chain is intact across both writers.
    const seqs = (await c.database.db.selectFrom('transactions').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(new Set(seqs).size).toBe(1_000);
    const verify = await getService<AuditService>(c, 'auditLog').verify();
    expect(verify).toMatchObject({ ok: true });
    // A re-sent id is a duplicate with its original result, answered from the committed log.
    const again = await ingestOf(c).ingest.ingest([{ position: 0, data: good('W3-7') }], opts);
    expect(again.results[0]).toMatchObject({ status: 'duplicate', score: 'W3-7'.length });
  });

  it('lets a main-thread transaction that reads, waits and then writes commit while the thread commits', async () => {
    const c = await setup();
    const writer = ingestOf(c).writer!;
    // Without taking the lock at BEGIN, the write after the read would fail (SQLITE_BUSY: the
    // snapshot it read is older than the writer thread's commit made meanwhile).
    let threadCommit: Promise<void> | null = null;
    await c.database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).execute();
      threadCommit = writer.write([{ now: NOW, rows: [], firstSeq: null, quarantine: [], dq: [], audit: { actor: SYSTEM_ACTOR, action: 'test.thread', targetType: 'test' } }]);
      await new Promise((r) => setTimeout(r, 200));
      await c.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'test.main', targetType: 'test' });
    });
    await threadCommit;
    const actions = (await c.database.db.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((r) => r.action);
    expect(actions.slice(-2)).toEqual(['test.main', 'test.thread']);
  });

  it('answers an id sent again while its first group is being written as a duplicate of it', async () => {
    const c = await setup();
    const first = ingestOf(c).ingest.ingest([{ position: 0, data: good('P1') }, { position: 1, data: good('P2') }], opts);
    const second = ingestOf(c).ingest.ingest([{ position: 0, data: good('P2') }, { position: 1, data: good('P3') }], opts);
    const [a, b] = await Promise.all([first, second]);
    expect(a.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(b.results.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    expect(b.results[0]).toMatchObject({ id: 'P2', score: a.results[1].status === 'accepted' ? a.results[1].score : -1 });
    expect(await count(c, 'transactions')).toBe(3);
  });

  it('fails the whole group when the thread cannot commit, tells the engine, and stores nothing', async () => {
    const c = await setup();
    const aborted: string[] = [];
    c.services.set('scorerInvalidate', (id: string) => aborted.push(id));
    // The main connection holds the write lock past the writer's busy timeout (5 s).
    c.database.sqlite!.exec('begin immediate');
    const failed = ingestOf(c).ingest.ingest([{ position: 0, data: good('L1') }, { position: 1, data: good('L2') }], opts);
    // Decided (scored) while the first group is still in flight: its scores saw L1 and L2, so it
    // must not be stored either, even though its own commit would succeed. Its duplicate answer
    // for L1 (from the group in flight) goes with it.
    const behind = ingestOf(c).ingest.ingest([{ position: 0, data: good('L3') }, { position: 1, data: good('L1') }], opts);
    await expect(failed).rejects.toThrow(/locked|busy/i);
    c.database.sqlite!.exec('rollback');
    await expect(behind).rejects.toThrow(/earlier batch failed/);
    expect(aborted).toEqual([BANK.institutionId, BANK.institutionId]);
    expect(await count(c, 'transactions')).toBe(0);
    // The thread goes on with the next group.
    const ok = await ingestOf(c).ingest.ingest([{ position: 0, data: good('L1') }], opts);
    expect(ok.summary.accepted).toBe(1);
    expect(ingestOf(c).writer?.available).toBe(true);
  }, 20_000);

  it('falls back to the main thread once the writer is gone', async () => {
    const c = await setup();
    await ingestOf(c).writer!.close();
    expect(ingestOf(c).writer!.available).toBe(false);
    const r = await ingestOf(c).ingest.ingest([{ position: 0, data: good('F1') }], opts);
    expect(r.summary.accepted).toBe(1);
    expect(await count(c, 'transactions')).toBe(1);
  });

  it('reports a thread that cannot open its database: writes are refused and it is no longer available', async () => {
    // A regular file where the database's folder should be: the thread cannot create the folder.
    const notADir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-writer-')), 'file');
    fs.writeFileSync(notADir, '');
    const w = new IngestWriterThread(path.join(notADir, 'x.sqlite'), 'sm3');
    const warned = new Promise<string>((resolve) => process.once('warning', (wn) => resolve(wn.message)));
    await expect(w.write([])).rejects.toThrow();
    expect(w.available).toBe(false);
    expect(await warned).toMatch(/ingest writer thread failed.*could not start/);
    await w.close();
    fs.rmSync(path.dirname(notADir), { recursive: true, force: true });
  });
});
