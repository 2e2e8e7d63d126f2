import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { allBranches } from '../domain/scope.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { ingestOf } from './ingest.module.ts';
import type { Scorer } from './scorer.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const actor = { id: 'usr_ops', kind: 'user' as const, institutionId: BANK.institutionId };
const scope = allBranches(BANK.institutionId);
const NEW_ACCOUNT = '6222000000000009';
const allow: Scorer = { score: () => ({ score: 0, decision: 'allow', hits: [] }) };

const good = (id: string, extra: Record<string, unknown> = {}) => ({
  id, timestamp: '2026-11-20T09:30:00+08:00', debitAccount: '6222000000000001', creditAccount: '6222000000000002',
  amount: '1234.56', currency: 'CNY', channel: 'mobile', type: 'transfer', ...extra,
});
/** A transfer from the account the reference data has not brought yet. */
const early = (id: string) => good(id, { debitAccount: NEW_ACCOUNT });

// sqlite-file: a SQLite file as deployed, with ingest's writes on the writer thread (ingest-writer.ts).
describe.each([...DIALECTS, 'sqlite-file' as const])('quarantine bulk actions on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  async function setup() {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW), config: { sqliteWriter: 'thread' }, services: { scorer: async () => allow } });
    if (!c) return null;
    await loadSmallBank(c);
    return { c, db: c.database.db, svc: ingestOf(c) };
  }

  async function ingest(s: NonNullable<Awaited<ReturnType<typeof setup>>>, source: string, records: Record<string, unknown>[]) {
    return s.svc.ingest.ingest(records.map((data, position) => ({ position, data })), { institutionId: BANK.institutionId, source, actor });
  }

  /** Leaves quarantined records to an explicit retry (no retry when the reference load brings their accounts). */
  async function manualRetryOnly(s: NonNullable<Awaited<ReturnType<typeof setup>>>) {
    await s.svc.dq.setRules(BANK.institutionId, { retryOnReferenceLoad: false }, actor);
  }

  /** The reference load that brings the account the early transfers named. */
  async function loadNewAccount(s: NonNullable<Awaited<ReturnType<typeof setup>>>) {
    return referenceServiceOf(s.c).load(BANK.institutionId, {
      branches: [], customers: [],
      accounts: [{ id: NEW_ACCOUNT, institutionId: BANK.institutionId, branchId: BANK.east, customerId: 'cus_1', type: 'savings', status: 'active', currency: 'CNY', openedAt: '2026-11-19' }],
    }, SYSTEM_ACTOR);
  }

  it('stores records that pass now under their own source, keeps the others open with the reasons found now, and counts nothing again in data quality', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await manualRetryOnly(s);
    await ingest(s, 'file:day1.csv', [early('U1'), good('C1', { currency: 'XYZ' }), good('OK1'), early('U2')]);
    await ingest(s, 'api', [good('C2', { debitAccount: NEW_ACCOUNT, amount: '-1' })]);
    const dqBefore = await s.db.selectFrom('dq_daily').selectAll().orderBy('source').orderBy('field').execute();
    await loadNewAccount(s);

    const r = await s.svc.quarantine.retry(scope, {}, null, 100, actor);
    expect(r).toMatchObject({ examined: 4, resubmitted: 2, duplicates: 0, stillFailing: 2, skipped: 0, next: null });
    expect(r.failures.map((f) => f.errors.map((e) => `${e.field}:${e.code}`)).sort()).toEqual([['amount:not_positive'], ['currency:currency']]);

    const stored = await s.db.selectFrom('transactions').select(['id', 'source', 'debit_account']).where('id', 'in', ['U1', 'U2']).orderBy('id').execute();
    expect(stored).toEqual([
      { id: 'U1', source: 'file:day1.csv', debit_account: NEW_ACCOUNT },
      { id: 'U2', source: 'file:day1.csv', debit_account: NEW_ACCOUNT },
    ]);
    const q = await s.db.selectFrom('quarantine').select(['status', 'txn_id', 'code', 'field', 'record', 'resolved_by']).execute();
    q.sort((a, b) => (a.record < b.record ? -1 : 1));
    // No second entry for the records that still fail; C2 now fails on its amount alone (its account is known).
    expect(q.map((x) => [JSON.parse(x.record).id, x.status, x.txn_id, x.code, x.field, x.resolved_by])).toEqual([
      ['C1', 'open', null, 'currency', 'currency', null],
      ['C2', 'open', null, 'not_positive', 'amount', null],
      ['U1', 'resubmitted', 'U1', 'unknown_account', 'debitAccount', 'usr_ops'],
      ['U2', 'resubmitted', 'U2', 'unknown_account', 'debitAccount', 'usr_ops'],
    ]);
    expect(await s.db.selectFrom('dq_daily').selectAll().orderBy('source').orderBy('field').execute()).toEqual(dqBefore);

    const audit = await s.db.selectFrom('audit_events').select(['action', 'actor', 'after']).where('action', '=', 'quarantine.retry').orderBy('seq').execute();
    const events = audit.map((a) => [a.actor, JSON.parse(a.after!)]).sort((a, b) => (a[1].source < b[1].source ? -1 : 1));
    for (const e of events) e[1].resubmitted.sort((a: { txnId: string }, b: { txnId: string }) => (a.txnId < b.txnId ? -1 : 1));
    expect(events).toEqual([
      ['usr_ops', { source: 'api', match: {}, resubmitted: [], stillFailing: [expect.any(String)] }],
      ['usr_ops', { source: 'file:day1.csv', match: {}, resubmitted: [{ id: expect.any(String), txnId: 'U1' }, { id: expect.any(String), txnId: 'U2' }], stillFailing: [expect.any(String)] }],
    ]);

    // Nothing open passes now: a second retry stores nothing and changes no entry.
    expect(await s.svc.quarantine.retry(scope, {}, null, 100, actor)).toMatchObject({ examined: 2, resubmitted: 0, stillFailing: 2, next: null });
    expect(Number((await s.db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(4);
  });

  it('goes on from its cursor, takes only the matching records, and resolves a record stored meanwhile as a duplicate', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await manualRetryOnly(s);
    await ingest(s, 'api', [early('U1'), good('C1', { currency: 'XYZ' }), early('U2'), early('U3'), early('U4'), early('U5')]);
    await loadNewAccount(s);
    // The core system sends U3 again after the account arrived.
    await ingest(s, 'api', [early('U3')]);

    const seen: number[] = [];
    let total = { resubmitted: 0, duplicates: 0, stillFailing: 0 };
    let after: string | null = null;
    for (let calls = 0; calls < 10; calls++) {
      const r = await s.svc.quarantine.retry(scope, { code: 'unknown_account' }, after, 2, actor);
      seen.push(r.examined);
      total = { resubmitted: total.resubmitted + r.resubmitted, duplicates: total.duplicates + r.duplicates, stillFailing: total.stillFailing + r.stillFailing };
      after = r.next;
      if (after === null) break;
    }
    expect(seen).toEqual([2, 2, 1]);
    expect(total).toEqual({ resubmitted: 4, duplicates: 1, stillFailing: 0 });
    const open = await s.svc.quarantine.list(scope, { status: 'open', page: 1, pageSize: 10 });
    expect(open.items.map((i) => [i.record.id, i.code])).toEqual([['C1', 'currency']]);
    const u3 = await s.db.selectFrom('quarantine').select(['status', 'txn_id']).where('record', 'like', '%"U3"%').executeTakeFirstOrThrow();
    expect(u3).toEqual({ status: 'resubmitted', txn_id: 'U3' });
    expect(Number((await s.db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(5);

    await expect(s.svc.quarantine.retry(scope, {}, 'not-a-cursor', 10, actor)).rejects.toMatchObject({ kind: 'validation', details: [{ path: 'after' }] });
  });

  it('tries a new account\'s (or outlet\'s) quarantined transfers again when the reference load brings it, unless the rule says not to', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await ingest(s, 'file:day1.csv', [early('U1'), early('U2'), good('X1', { debitAccount: '6222000000000077' }), good('C1', { currency: 'XYZ' })]);
    await ingest(s, 'api', [good('U3', { creditAccount: NEW_ACCOUNT }), good('U4', { debitAccount: NEW_ACCOUNT, currency: 'XYZ' })]);
    const loaded = await loadNewAccount(s);
    // U4 is not taken: its first fault is its currency (it would fail again).
    expect(loaded.quarantine).toEqual({ examined: 3, resubmitted: 3, duplicates: 0, stillFailing: 0 });
    const stored = await s.db.selectFrom('transactions').select(['id', 'source']).orderBy('id').execute();
    expect(stored).toEqual([{ id: 'U1', source: 'file:day1.csv' }, { id: 'U2', source: 'file:day1.csv' }, { id: 'U3', source: 'api' }]);
    // Another unknown account's transfer and the bad currencies stay open.
    const open = (await s.svc.quarantine.list(scope, { status: 'open', page: 1, pageSize: 10 })).items.map((i) => [i.record.id, i.code]).sort();
    expect(open).toEqual([['C1', 'currency'], ['U4', 'currency'], ['X1', 'unknown_account']]);
    const retried = await s.db.selectFrom('audit_events').select(['actor']).where('action', '=', 'quarantine.retry').execute();
    // By the loader, an event per ingest batch (a batch per source).
    expect(new Set(retried.map((r) => r.actor))).toEqual(new Set([SYSTEM_ACTOR.id]));
    expect(retried.length).toBeGreaterThanOrEqual(2);

    // With the rule off, a load leaves them to an explicit retry.
    await manualRetryOnly(s);
    const other = await referenceServiceOf(s.c).load(BANK.institutionId, {
      branches: [], customers: [],
      accounts: [{ id: '6222000000000077', institutionId: BANK.institutionId, branchId: BANK.east, customerId: 'cus_1', type: 'savings', status: 'active', currency: 'CNY', openedAt: '2026-11-19' }],
    }, SYSTEM_ACTOR);
    expect(other.quarantine).toBeUndefined();
    expect((await s.svc.quarantine.list(scope, { status: 'open', code: 'unknown_account', page: 1, pageSize: 10 })).total).toBe(1);

    // A new outlet's code, the same way once the rule is back on.
    await s.svc.dq.setRules(BANK.institutionId, { retryOnReferenceLoad: true }, actor);
    await ingest(s, 'api', [good('N1', { branch: 'N01' })]);
    const outlet = await referenceServiceOf(s.c).load(BANK.institutionId, {
      branches: [{ id: 'br_new', institutionId: BANK.institutionId, parentId: BANK.headOffice, code: 'N01', name: '新网点', level: 1 }],
    }, SYSTEM_ACTOR);
    expect(outlet.quarantine).toEqual({ examined: 1, resubmitted: 1, duplicates: 0, stillFailing: 0 });
    expect(await s.db.selectFrom('transactions').select(['id', 'branch_id']).where('id', '=', 'N1').executeTakeFirst()).toEqual({ id: 'N1', branch_id: 'br_new' });
  });

  it('keeps a single entry, open, when a re-submitted record fails after passing the check (rules changed in between)', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await ingest(s, 'api', [good('R1', { currency: 'XYZ' })]);
    const entry = (await s.svc.quarantine.list(scope, { status: 'open', page: 1, pageSize: 1 })).items[0];
    // The check passes, as before a rule change that ingest then applies.
    s.svc.ingest.check = async () => [];
    await expect(s.svc.quarantine.resubmit(scope, entry.id, good('R1', { currency: 'XYQ' }), actor))
      .rejects.toMatchObject({ kind: 'validation', details: [{ path: 'record.currency' }] });
    const rows = await s.db.selectFrom('quarantine').select(['id', 'status']).execute();
    expect(rows).toEqual([{ id: entry.id, status: 'open' }]);
  });

  it('sums up what is open per source, reason code and field, most first', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await ingest(s, 'file:day1.csv', [early('U1'), early('U2'), early('U3'), good('C1', { currency: 'XYZ' }), good('OK1')]);
    await ingest(s, 'api', [early('U4'), good('C2', { currency: 'XYZ' }), good('C3', { currency: 'XYZ' })]);
    const first = (await s.svc.quarantine.list(scope, { status: 'open', source: 'api', code: 'currency', page: 1, pageSize: 1 })).items[0];
    await s.svc.quarantine.discard(scope, first.id, 'test', actor);
    const groups = await s.svc.quarantine.summary(scope);
    expect(groups.map((g) => [g.source, g.code, g.field, g.open])).toEqual([
      ['file:day1.csv', 'unknown_account', 'debitAccount', 3],
      ['api', 'currency', 'currency', 1],
      ['api', 'unknown_account', 'debitAccount', 1],
      ['file:day1.csv', 'currency', 'currency', 1],
    ]);
    expect(groups[0].oldest).toBe(NOW);
  });

  it('discards every open record matching, in audited chunks naming them, and leaves resolved and other records alone', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await ingest(s, 'file:wrong.csv', [good('W1', { currency: 'XYZ' }), good('W2', { amount: '-1' }), good('W3', { currency: 'XYZ' })]);
    await ingest(s, 'api', [good('A1', { currency: 'XYZ' })]);
    const first = (await s.svc.quarantine.list(scope, { status: 'open', source: 'file:wrong.csv', page: 1, pageSize: 10 })).items.find((i) => i.record.id === 'W2')!;
    await s.svc.quarantine.discard(scope, first.id, 'duplicate of a corrected record', actor);

    await expect(s.svc.quarantine.discardMatching(scope, {}, 'all of them', actor)).rejects.toMatchObject({ kind: 'validation' });
    expect(await s.svc.quarantine.discardMatching(scope, { source: 'file:wrong.csv', code: 'currency' }, 'test file loaded by mistake', actor)).toEqual({ discarded: 2 });
    expect(await s.svc.quarantine.discardMatching(scope, { source: 'file:wrong.csv' }, 'again', actor)).toEqual({ discarded: 0 });

    const rows = await s.db.selectFrom('quarantine').select(['id', 'status', 'source']).execute();
    const status = Object.fromEntries(rows.map((r) => [r.source === 'api' ? 'api' : r.id === first.id ? 'W2' : r.id, r.status]));
    expect(status.api).toBe('open');
    expect(status.W2).toBe('discarded');
    const bulk = await s.db.selectFrom('audit_events').select(['after']).where('action', '=', 'quarantine.discard').orderBy('seq').execute();
    expect(bulk).toHaveLength(2);
    const after = JSON.parse(bulk[1].after!);
    expect(after).toMatchObject({ status: 'discarded', reason: 'test file loaded by mistake', match: { source: 'file:wrong.csv', code: 'currency' } });
    expect([...after.ids].sort()).toEqual(rows.filter((r) => r.source === 'file:wrong.csv' && r.id !== first.id).map((r) => r.id).sort());
  });
});
