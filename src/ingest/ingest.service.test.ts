import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { allBranches } from '../domain/scope.ts';
import type { Scorer } from './scorer.ts';
import { ingestOf } from './ingest.module.ts';
import { IngestQueue } from './ingest-queue.ts';
import { EARLY_INSERT_ROWS } from './early-inserts.ts';
import type { Transaction } from '../domain/transaction.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const actor = { id: 'key_test', kind: 'api_key' as const, institutionId: BANK.institutionId };

/** Scores by amount so tests can tell results apart; counts calls to prove duplicates are not re-scored. */
function amountScorer(): Scorer & { calls: number } {
  const s = {
    calls: 0,
    score(t: Transaction) {
      s.calls++;
      const score = Math.min(100, Math.round(t.amountMinor / 100_000));
      return { score, decision: score >= 50 ? ('review' as const) : ('allow' as const), hits: [] };
    },
  };
  return s;
}

const good = (id: string, extra: Record<string, unknown> = {}) => ({
  id, timestamp: '2026-11-20T09:30:00+08:00', debitAccount: '6222000000000001', creditAccount: '6222000000000002',
  amount: '1234.56', currency: 'CNY', channel: 'mobile', type: 'transfer', ...extra,
});

// sqlite-file: a SQLite file as deployed, with ingest's writes on the writer thread (ingest-writer.ts).
describe.each([...DIALECTS, 'sqlite-file' as const])('ingest on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  async function setup(scorer = amountScorer()) {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW), config: { sqliteWriter: 'thread' }, services: { scorer: async () => scorer } });
    if (!c) return null;
    await loadSmallBank(c);
    return { c, svc: ingestOf(c), scorer };
  }

  it('stores an accepted transaction with its score, branch and amount in minor units', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const { results, summary } = await s.svc.ingest.ingest([{ position: 0, data: good('T1', { amount: '60000.00' }) }], { institutionId: BANK.institutionId, source: 'api', actor });
    expect(summary).toMatchObject({ accepted: 1, duplicates: 0, quarantined: 0 });
    expect(results[0]).toMatchObject({ status: 'accepted', id: 'T1', decision: 'review', score: 60 });
    const row = await s.c.database.db.selectFrom('transactions').selectAll().where('id', '=', 'T1').executeTakeFirstOrThrow();
    expect(Number(row.amount_minor)).toBe(6_000_000);
    expect(row.branch_id).toBe(BANK.east);
    expect(row.debit_bank).toBe(BANK.bankCode);
    expect(Number(row.occurred_at)).toBe(Date.parse('2026-11-20T01:30:00Z'));
  });

  it('returns the original result for a re-sent id without scoring it again', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const o = { institutionId: BANK.institutionId, source: 'api', actor };
    await s.svc.ingest.ingest([{ position: 0, data: good('T1', { amount: '60000' }) }], o);
    const again = await s.svc.ingest.ingest([{ position: 0, data: good('T1', { amount: '1.00' }) }, { position: 1, data: good('T1') }], o);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(again.results[0]).toMatchObject({ decision: 'review', score: 60 });
    expect(s.scorer.calls).toBe(1);
    const n = await s.c.database.db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('quarantines each bad record with the field and a specific reason, keeping the record', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const bad = [
      good('B1', { amount: '-5' }),
      good('B2', { currency: 'XYZ' }),
      good('B3', { timestamp: '2027-01-01T00:00:00Z' }),
      good('B4', { debitAccount: '6222999999999999' }),
      good('B5', { timestamp: '2026-11-20 09:30:00' }),
      { ...good('B6'), channel: 'pigeon', amount: 'abc' },
    ];
    const { summary, results } = await s.svc.ingest.ingest(
      [{ position: 0, data: good('OK1') }, ...bad.map((data, i) => ({ position: i + 1, data }))],
      { institutionId: BANK.institutionId, source: 'file:bad.csv', actor },
    );
    expect(summary).toMatchObject({ accepted: 1, quarantined: 6 });
    const errs = results.filter((r) => r.status === 'quarantined').map((r) => (r.status === 'quarantined' ? r.errors.map((e) => `${e.field}:${e.code}`) : []));
    expect(errs).toEqual([
      ['amount:not_positive'], ['currency:currency'], ['timestamp:future'], ['debitAccount:unknown_account'],
      ['timestamp:timezone'], ['amount:format', 'channel:enum'],
    ]);
    const list = await s.svc.quarantine.list(allBranches(BANK.institutionId), { status: 'open', page: 1, pageSize: 50 });
    expect(list.total).toBe(6);
    const b4 = list.items.find((q) => q.record.id === 'B4')!;
    expect(b4).toMatchObject({ source: 'file:bad.csv', position: 4, field: 'debitAccount', code: 'unknown_account' });
    expect(b4.reason).toContain('6222999999999999');
  });

  it('quarantines text that cannot be stored (NUL, unpaired surrogate) and stores the rest of the batch', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const { summary, results } = await s.svc.ingest.ingest([
      { position: 0, data: good('E1', { purpose: 'rent\u0000' }) },
      { position: 1, data: good('E2', { location: '\uD83D' }) },
      { position: 2, data: good('E3', { purpose: '房租 🏠' }) },
    ], { institutionId: BANK.institutionId, source: 'api', actor });
    expect(summary).toMatchObject({ accepted: 1, quarantined: 2 });
    expect(results.map((r) => r.status === 'quarantined' ? r.errors![0].code : r.status)).toEqual(['encoding', 'encoding', 'accepted']);
    const row = await s.c.database.db.selectFrom('transactions').select('purpose').where('id', '=', 'E3').executeTakeFirstOrThrow();
    expect(row.purpose).toBe('房租 🏠');
  });

  it('accepts a corrected re-submission, resolves the quarantine entry and audits it; refuses a still-bad one', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const o = { institutionId: BANK.institutionId, source: 'api', actor };
    const { results } = await s.svc.ingest.ingest([{ position: 0, data: good('R1', { currency: 'RMB' }) }], o);
    const qid = results[0].status === 'quarantined' ? results[0].quarantineId : '';
    await expect(s.svc.quarantine.resubmit(allBranches(BANK.institutionId), qid, good('R1', { currency: 'RMBX' }), actor))
      .rejects.toMatchObject({ kind: 'validation', details: [{ path: 'record.currency' }] });
    const r = await s.svc.quarantine.resubmit(allBranches(BANK.institutionId), qid, good('R1', { currency: 'CNY' }), actor);
    expect(r.result.status).toBe('accepted');
    expect(r.quarantine.status).toBe('resubmitted');
    await expect(s.svc.quarantine.resubmit(allBranches(BANK.institutionId), qid, good('R1'), actor)).rejects.toMatchObject({ kind: 'conflict' });
    const audit = await s.c.database.db.selectFrom('audit_events').select('action').where('target_id', '=', qid).execute();
    expect(audit.map((a) => a.action)).toEqual(['quarantine.resubmit']);
  });

  it('stores nothing of a batch that fails midway and tells the engine to forget what it scored', async (ctx) => {
    const failing: Scorer = {
      score(t: Transaction) {
        if (t.id === 'X2') throw new Error('engine failure');
        return { score: 0, decision: 'allow', hits: [] };
      },
    };
    const s = await setup(failing as Scorer & { calls: number });
    if (!s) return ctx.skip();
    const aborted: string[] = [];
    s.c.services.set('scorerInvalidate', (id: string) => aborted.push(id));
    await expect(s.svc.ingest.ingest([{ position: 0, data: good('X1') }, { position: 1, data: good('X2') }, { position: 2, data: good('X3', { amount: '-1' }) }],
      { institutionId: BANK.institutionId, source: 'api', actor })).rejects.toThrow('engine failure');
    expect(aborted).toEqual([BANK.institutionId]);
    const db = s.c.database.db;
    expect(await db.selectFrom('transactions').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('quarantine').select('id').execute()).toEqual([]);
  });

  // Batches longer than an insert chunk: their rows are stored while the rest is scored (early-inserts.ts).
  it('stores a batch longer than an insert chunk in input order with consecutive positions', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const n = EARLY_INSERT_ROWS * 2 + 50;
    const records = Array.from({ length: n }, (_, i) => ({ position: i, data: good(`L${i}`, { amount: String(1000 + i) }) }));
    records[EARLY_INSERT_ROWS + 7] = { position: EARLY_INSERT_ROWS + 7, data: good('L3') }; // a duplicate inside the batch
    const { summary, results } = await s.svc.ingest.ingest(records, { institutionId: BANK.institutionId, source: 'api', actor });
    expect(summary).toMatchObject({ accepted: n - 1, duplicates: 1, quarantined: 0 });
    expect(results[EARLY_INSERT_ROWS + 7]).toMatchObject({ status: 'duplicate', id: 'L3' });
    const rows = await s.c.database.db.selectFrom('transactions').select(['id', 'seq', 'amount_minor']).orderBy('seq').execute();
    const expected = records.map((r) => r.data.id as string).filter((id, i) => i !== EARLY_INSERT_ROWS + 7);
    expect(rows.map((r) => r.id)).toEqual(expected);
    const first = Number(rows[0].seq);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => first + i));
    expect(Number(rows[n - 2].amount_minor)).toBe((1000 + n - 1) * 100);
  });

  // Rows stored early release their hits' trace texts (the answer leaves them out): the stored rows keep them.
  it('stores every hit\'s trace of a batch longer than an insert chunk', async (ctx) => {
    const tracing: Scorer = {
      score(t: Transaction) {
        return {
          score: 40, decision: 'review',
          hits: [{
            scenarioId: 'T-1', version: 1, severity: 'medium', typology: 'test', score: 40,
            reason: { 'zh-CN': `金额 ${t.amountMinor}`, en: `amount ${t.amountMinor}` },
            traceJson: JSON.stringify(['cmp', true, 'amount', '>=', 1, t.amountMinor]),
          }],
        };
      },
    };
    const s = await setup(tracing as Scorer & { calls: number });
    if (!s) return ctx.skip();
    const n = EARLY_INSERT_ROWS * 2 + 3;
    const records = Array.from({ length: n }, (_, i) => ({ position: i, data: good(`H${i}`, { amount: String(1000 + i) }) }));
    const { results } = await s.svc.ingest.ingest(records, { institutionId: BANK.institutionId, source: 'api', actor });
    expect(results.map((r) => r.status === 'accepted' && r.hits[0].reason.en)).toEqual(records.map((_, i) => `amount ${(1000 + i) * 100}`));
    const rows = await s.c.database.db.selectFrom('transactions').select(['id', 'hits']).orderBy('seq').execute();
    expect(rows).toHaveLength(n);
    expect(rows.map((r) => (JSON.parse(r.hits) as Array<{ trace: unknown }>)[0].trace))
      .toEqual(records.map((_, i) => ['cmp', true, 'amount', '>=', 1, (1000 + i) * 100]));
  });

  it('stores nothing of a long batch whose scoring fails after earlier rows were sent', async (ctx) => {
    const failAt = `F${EARLY_INSERT_ROWS * 2 + 10}`;
    const failing: Scorer = {
      score(t: Transaction) {
        if (t.id === failAt) throw new Error('engine failure');
        return { score: 0, decision: 'allow', hits: [] };
      },
    };
    const s = await setup(failing as Scorer & { calls: number });
    if (!s) return ctx.skip();
    const records = Array.from({ length: EARLY_INSERT_ROWS * 3 }, (_, i) => ({ position: i, data: good(`F${i}`) }));
    await expect(s.svc.ingest.ingest(records, { institutionId: BANK.institutionId, source: 'api', actor })).rejects.toThrow('engine failure');
    const db = s.c.database.db;
    expect(await db.selectFrom('transactions').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('audit_events').select('id').where('action', '=', 'transaction.ingest').execute()).toEqual([]);
    // The next batch is stored from the same positions on.
    const ok = await s.svc.ingest.ingest([{ position: 0, data: good('F-after') }], { institutionId: BANK.institutionId, source: 'api', actor });
    expect(ok.summary.accepted).toBe(1);
  });

  it('stores nothing of a long batch when the database refuses one of its rows (PostgreSQL: rows sent while scoring)', async (ctx) => {
    if (dialect !== 'postgres') return ctx.skip();
    const s = await setup();
    if (!s) return ctx.skip();
    const { sql } = await import('kysely');
    await sql`alter table transactions add constraint test_refuse check (id <> 'B10')`.execute(s.c.database.db);
    const records = Array.from({ length: EARLY_INSERT_ROWS * 4 }, (_, i) => ({ position: i, data: good(`B${i}`) }));
    await expect(s.svc.ingest.ingest(records, { institutionId: BANK.institutionId, source: 'api', actor })).rejects.toThrow(/test_refuse/);
    expect(await s.c.database.db.selectFrom('transactions').select('id').execute()).toEqual([]);
  });

  it('commits several callers\' batches together, each with its own batch id, positions, audit actor and result', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const other = { id: 'usr_other', kind: 'user' as const, institutionId: BANK.institutionId };
    const [a, b] = await s.svc.ingest.ingestGroup([
      { records: [{ position: 0, data: good('G1', { amount: '60000' }) }, { position: 1, data: good('G2', { amount: '-1' }) }], options: { institutionId: BANK.institutionId, source: 'api', actor } },
      { records: [{ position: 0, data: good('G1') }, { position: 1, data: good('G3', { currency: 'XYZ' }) }, { position: 2, data: good('G4') }], options: { institutionId: BANK.institutionId, source: 'api', actor: other } },
    ]);
    expect(a.summary).toMatchObject({ accepted: 1, duplicates: 0, quarantined: 1 });
    expect(b.summary).toMatchObject({ accepted: 1, duplicates: 1, quarantined: 1 });
    expect(a.summary.batchId).not.toBe(b.summary.batchId);
    // The second caller's re-sent G1 is a duplicate of the first caller's, with its original result.
    expect(b.results.map((r) => r.status)).toEqual(['duplicate', 'quarantined', 'accepted']);
    expect(b.results[0]).toMatchObject({ id: 'G1', decision: 'review', score: 60 });
    const q = await s.c.database.db.selectFrom('quarantine').select(['batch_id', 'position']).orderBy('position').execute();
    expect(q).toEqual([{ batch_id: a.summary.batchId, position: 1 }, { batch_id: b.summary.batchId, position: 1 }]);
    const audit = await s.c.database.db.selectFrom('audit_events').select(['actor', 'target_id']).where('action', '=', 'transaction.ingest').orderBy('seq').execute();
    expect(audit).toEqual([{ actor: actor.id, target_id: a.summary.batchId }, { actor: other.id, target_id: b.summary.batchId }]);
  });

  // A group writes its data-quality counters as one upsert, rows of the same source, day and field summed.
  it('counts data quality for a group as for its batches one by one', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const batchA = (p: string) => [{ position: 0, data: good(`${p}1`, { deviceId: 'D-1' }) }, { position: 1, data: good(`${p}2`, { amount: '-1' }) }];
    const batchB = (p: string) => [{ position: 0, data: good(`${p}3`, { ip: '10.0.0.1' }) }, { position: 1, data: good(`${p}4`, { currency: 'XYZ' }) }, { position: 2, data: good(`${p}5`) }];
    const batchC = (p: string) => [{ position: 0, data: good(`${p}6`, { location: 'Beijing' }) }];
    const o = (source: string) => ({ institutionId: BANK.institutionId, source, actor });
    await s.svc.ingest.ingestGroup([
      { records: batchA('GA'), options: o('api') }, { records: batchB('GB'), options: o('api') }, { records: batchC('GC'), options: o('file:c.csv') },
    ]);
    await s.svc.ingest.ingest(batchA('SA'), o('solo'));
    await s.svc.ingest.ingest(batchB('SB'), o('solo'));
    await s.svc.ingest.ingest(batchC('SC'), o('solo-c'));
    const counters = async (source: string) => (await s.c.database.db.selectFrom('dq_daily').select(['day', 'field', 'total', 'present', 'invalid'])
      .where('source', '=', source).orderBy('field').execute()).map((r) => ({ ...r, total: Number(r.total), present: Number(r.present), invalid: Number(r.invalid) }));
    const solo = await counters('solo');
    expect(solo.find((r) => r.field === '_record')).toMatchObject({ total: 5, present: 3, invalid: 2 });
    expect(solo.find((r) => r.field === 'deviceId')).toMatchObject({ total: 5, present: 1, invalid: 0 });
    expect(await counters('api')).toEqual(solo);
    expect(await counters('file:c.csv')).toEqual(await counters('solo-c'));
  });

  it('groups requests of one event-loop turn up to the cap, and fails only the group that failed', async (ctx) => {
    const failing: Scorer = {
      score(t: Transaction) {
        if (t.id === 'Q-bad') throw new Error('engine failure');
        return { score: 0, decision: 'allow', hits: [] };
      },
    };
    const s = await setup(failing as Scorer & { calls: number });
    if (!s) return ctx.skip();
    const groups: number[] = [];
    const svc = s.svc.ingest;
    const spy = Object.assign(Object.create(svc) as typeof svc, {
      ingestGroup: (b: Parameters<typeof svc.ingestGroup>[0]) => { groups.push(b.length); return svc.ingestGroup(b); },
    });
    const queue = new IngestQueue(spy, 3);
    const o = { institutionId: BANK.institutionId, source: 'api', actor };
    const one = (id: string) => queue.submit([{ position: 0, data: good(id) }], o);
    const settled = await Promise.allSettled([one('Q1'), one('Q2'), one('Q3'), one('Q4'), one('Q-bad'), one('Q6')]);
    // Six requests of one turn go three at a time (the cap here); the second group holds Q-bad.
    expect(groups).toEqual([3, 3]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
    const ids = await s.c.database.db.selectFrom('transactions').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['Q1', 'Q2', 'Q3']);
    // The queue keeps working after a failed group, and a request arriving while a commit runs
    // joins the next group.
    const first = one('Q7');
    await new Promise((r) => setImmediate(r));
    const during = [one('Q8'), one('Q9')];
    await expect(first).resolves.toMatchObject({ summary: { accepted: 1 } });
    await Promise.all(during);
    expect(groups.slice(2)).toEqual([1, 2]);
  });

  it('reports completeness and validity per source and business day', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await s.svc.ingest.ingest([
      { position: 0, data: good('D1', { deviceId: 'dev-1' }) },
      { position: 1, data: good('D2') },
      { position: 2, data: good('D3', { amount: '0' }) },
      { position: 3, data: good('D4', { deviceId: 'dev-2' }) },
    ], { institutionId: BANK.institutionId, source: 'api', actor });
    // A second batch where every record carries every field (no field rows needed for it).
    await s.svc.ingest.ingest([0, 1, 2, 3].map((i) => ({ position: i, data: good(`E${i}`, { deviceId: 'dev-9', ip: '10.0.0.1', location: 'x', purpose: 'y', debitParty: 'p', creditParty: 'q' }) })),
      { institutionId: BANK.institutionId, source: 'api', actor });
    const [day] = await s.svc.dq.report(BANK.institutionId, '2026-11-20', '2026-11-20');
    expect(day).toMatchObject({ day: '2026-11-20', source: 'api', records: 8, accepted: 7, rejected: 1, validity: 0.875 });
    expect(day.completeness.deviceId).toBe(0.75);
    expect(day.completeness.id).toBe(1);
    expect(day.invalidity.amount).toBe(0.125);
  });

  it('applies changed data-quality rules as a new audited version', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await expect(s.svc.dq.setRules(BANK.institutionId, { minAmountMinor: 0 }, actor)).rejects.toMatchObject({ kind: 'validation', details: [{ path: 'minAmountMinor' }] });
    const v = await s.svc.dq.setRules(BANK.institutionId, { currencies: ['CNY'], required: ['id', 'timestamp', 'amount', 'currency', 'channel', 'type', 'deviceId'] }, actor);
    expect(v.version).toBe(1);
    const { results } = await s.svc.ingest.ingest([{ position: 0, data: good('N1', { currency: 'USD' }) }], { institutionId: BANK.institutionId, source: 'api', actor });
    expect(results[0].status === 'quarantined' && results[0].errors.map((e) => e.field)).toEqual(['currency', 'deviceId']);
  });
});
