import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../store/database.ts';
import type { TransactionsTable } from '../store/schema.ts';
import { fixedClock } from '../domain/clock.ts';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import { DashboardRepository } from './dashboard.repository.ts';
import { DashboardService } from './dashboard.service.ts';
import { RollupRepository } from './rollup.repository.ts';
import { RollupService } from './rollup.service.ts';
import { scenariosOf } from './rollup.ts';

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
// 2026-03-10 12:00 in UTC+8
const NOW = Date.UTC(2026, 2, 10, 4, 0, 0);
const TODAY_START = Date.UTC(2026, 2, 9, 16, 0, 0);

let seq = 0;
function txn(over: Partial<TransactionsTable>): TransactionsTable {
  seq++;
  return {
    institution_id: 'ins_a', id: `t${seq}`, branch_id: 'br_1', occurred_at: NOW, debit_account: 'a1', debit_party: null,
    debit_bank: null, credit_account: 'a2', credit_party: null, credit_bank: null, amount_minor: 100, currency: 'CNY',
    channel: 'mobile', type: 'transfer', device_id: null, ip: null, location: null, purpose: null, cross_border: 0,
    source: 'api', seq, ingested_at: NOW, score: 0, decision: 'allow', hits: '[]', ...over,
  };
}
const hit = (scenarioId: string) => ({ scenarioId, version: 1, severity: 'high', typology: 'structuring', score: 50, reason: { 'zh-CN': 'x', en: 'x' } });
const all = { transactions: true, quarantine: true, dataQuality: true, rings: true };

describe.each(DIALECTS)('dashboard summary on %s', (dialect) => {
  let d: Database | null = null;
  afterEach(async () => {
    await d?.close();
    d = null;
  });

  async function setup(): Promise<DashboardService | null> {
    d = await openTestDatabase(dialect);
    if (!d) return null;
    await d.db.insertInto('transactions').values([
      txn({ occurred_at: TODAY_START, decision: 'block', hits: JSON.stringify([hit('S1'), hit('S2')]) }),
      txn({ occurred_at: TODAY_START - 1, decision: 'review', hits: JSON.stringify([hit('S1')]), ingested_at: NOW - DAY }), // yesterday 23:59:59.999
      txn({ occurred_at: NOW, decision: 'allow' }),
      txn({ occurred_at: NOW, decision: 'review', branch_id: 'br_2', hits: JSON.stringify([hit('S2')]) }),
      txn({ occurred_at: TODAY_START - 29 * DAY, decision: 'allow' }), // first day of the window
      txn({ occurred_at: TODAY_START - 29 * DAY - 1, decision: 'block', hits: JSON.stringify([hit('S9')]) }), // outside
      txn({ institution_id: 'ins_b', occurred_at: NOW, decision: 'block', hits: JSON.stringify([hit('S1')]) }), // other tenant
    ]).execute();
    const q = { institution_id: 'ins_a', source: 'file', position: 2, batch_id: 'b', record: '{}', field: 'amount', code: 'c', reason: 'r', errors: '[]', created_at: NOW, resolved_at: null, resolved_by: null, txn_id: null };
    await d.db.insertInto('quarantine').values([
      { ...q, id: 'q1', status: 'open' }, { ...q, id: 'q2', status: 'open' }, { ...q, id: 'q3', status: 'discarded' },
      { ...q, id: 'q4', status: 'open', institution_id: 'ins_b' },
    ]).execute();
    await d.db.insertInto('dq_daily').values([
      { institution_id: 'ins_a', source: 'api', day: '2026-03-09', field: '_record', total: 100, present: 90, invalid: 10 },
      { institution_id: 'ins_a', source: 'api', day: '2026-03-10', field: '_record', total: 200, present: 199, invalid: 1 },
      { institution_id: 'ins_a', source: 'api', day: '2026-03-10', field: 'amount', total: 200, present: 200, invalid: 1 },
      { institution_id: 'ins_a', source: 'file', day: '2026-03-08', field: '_record', total: 50, present: 40, invalid: 10 },
    ]).execute();
    const f = { score: 50, ring_key: null, txn_count: 3, first_at: NOW - DAY, last_at: NOW, reasons: '[]', facts: '{}', identifiers: null, run_id: 'run1', created_at: NOW, updated_at: NOW };
    await d.db.insertInto('ring_findings').values([
      { ...f, id: 'f1', institution_id: 'ins_a', finding_key: 'k1', typology: 'fan_in', member_count: 5, total_amount_minor: 1_000_00 },
      { ...f, id: 'f2', institution_id: 'ins_a', finding_key: 'k2', typology: 'fan_in', member_count: 4, total_amount_minor: 500_00 },
      { ...f, id: 'f3', institution_id: 'ins_a', finding_key: 'k3', typology: 'cycle', member_count: 3, total_amount_minor: 300_00 },
      { ...f, id: 'f4', institution_id: 'ins_b', finding_key: 'k4', typology: 'cycle', member_count: 3, total_amount_minor: 300_00 },
    ]).execute();
    return service(d);
  }

  /** A dashboard as one process sees it (`rowsPerTransaction` small, so catching up takes several transactions). */
  function service(db: Database, rowsPerTransaction = 2, offsetMs = OFFSET): DashboardService {
    const rollups = new RollupRepository(db.db);
    return new DashboardService({
      repo: new DashboardRepository(db.db), rollups, rollup: new RollupService({ db: db.db, repo: rollups, offsetMs, rowsPerTransaction }),
      clock: fixedClock(NOW), offsetMs,
    });
  }

  it('counts today, the last 30 business days by decision, top scenarios, quarantine and data quality for the institution', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const r = await s.summary({ institutionId: 'ins_a', branchIds: null }, all);
    expect(r.transactions!.days).toHaveLength(30);
    expect(r.transactions!.today).toMatchObject({ day: '2026-03-10', from: TODAY_START, to: TODAY_START + DAY, total: 3, allow: 1, review: 1, block: 1, ingested: 5 });
    expect(r.transactions!.days[28]).toMatchObject({ day: '2026-03-09', total: 1, review: 1 });
    expect(r.transactions!.days[0]).toMatchObject({ day: '2026-02-09', total: 1, allow: 1 });
    expect(r.transactions!.last30Days).toMatchObject({ total: 5, allow: 2, review: 2, block: 1, from: TODAY_START - 29 * DAY });
    expect(r.topScenarios!.items.map((i) => [i.scenarioId, i.hits])).toEqual([['S1', 2], ['S2', 2]]);
    expect(r.quarantine).toEqual({ open: 2 });
    expect(r.rings).toEqual({ byTypology: [
      { typology: 'cycle', findings: 1, members: 3, totalAmountMinor: 300_00 },
      { typology: 'fan_in', findings: 2, members: 9, totalAmountMinor: 1_500_00 },
    ] });
    expect(r.dataQuality).toEqual([
      { source: 'api', day: '2026-03-10', records: 200, rejected: 1, validity: 0.995, status: 'ok' },
      { source: 'file', day: '2026-03-08', records: 50, rejected: 10, validity: 0.8, status: 'failing' },
    ]);
  });

  it('limits a branch user to their branches and hides sections the caller may not read', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const r = await s.summary({ institutionId: 'ins_a', branchIds: ['br_2'] }, { ...all, quarantine: false, dataQuality: false });
    expect(r.transactions!.today).toMatchObject({ total: 1, review: 1 });
    expect(r.transactions!.last30Days.total).toBe(1);
    expect(r.topScenarios!.items).toEqual([{ scenarioId: 'S2', typology: 'structuring', severity: 'high', hits: 1 }]);
    expect(r.quarantine).toBeNull();
    expect(r.dataQuality).toBeNull();
    const none = await s.summary({ institutionId: 'ins_a', branchIds: [] }, { transactions: false, quarantine: false, dataQuality: false, rings: false });
    expect(none.transactions).toBeNull();
    expect(none.topScenarios).toBeNull();
    expect(none.rings).toBeNull();
  });

  it('counts a scenario\'s hits per business day, not confusing ids that share a prefix', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await d!.db.insertInto('transactions').values([txn({ occurred_at: NOW, hits: JSON.stringify([hit('S10')]) })]).execute();
    const r = await s.scenarioHits({ institutionId: 'ins_a', branchIds: null }, 'S1', 7);
    expect(r.days).toHaveLength(7);
    expect(r.days.map((x) => x.hits)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(r.days[6]).toMatchObject({ day: '2026-03-10', from: TODAY_START });
    const branch = await s.scenarioHits({ institutionId: 'ins_a', branchIds: ['br_2'] }, 'S2', 7);
    expect(branch.days.map((x) => x.hits)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });

  it('folds transactions stored after a read into the next one, once, whichever process reads', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const scope = { institutionId: 'ins_a', branchIds: null };
    expect((await s.summary(scope, all)).transactions!.today.total).toBe(3);
    await d!.db.insertInto('transactions').values([
      txn({ occurred_at: NOW, decision: 'block', hits: JSON.stringify([hit('S3')]) }),
      txn({ occurred_at: NOW - 3 * DAY, decision: 'allow', branch_id: null }), // late arrival, no branch
    ]).execute();
    // Two processes read at once: each row is counted by exactly one of them.
    const other = service(d!, 1);
    await Promise.all([s.summary(scope, all), other.summary(scope, all), other.scenarioHits(scope, 'S3', 7)]);
    const r = await s.summary(scope, all);
    expect(r.transactions!.today).toMatchObject({ total: 4, block: 2, ingested: 7 });
    expect(r.transactions!.days[26]).toMatchObject({ total: 1, allow: 1 });
    expect(r.transactions!.last30Days.total).toBe(7);
    expect(r.topScenarios!.items.map((i) => [i.scenarioId, i.hits])).toEqual([['S1', 2], ['S2', 2], ['S3', 1]]);
    expect((await s.summary({ institutionId: 'ins_a', branchIds: ['br_1', 'br_2'] }, all)).transactions!.last30Days.total).toBe(6); // not the branchless one
  });

  it('lets other work run between the steps of a catch-up (requests are answered while a backlog is folded)', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const rollups = new RollupRepository(d!.db);
    const folding = new RollupService({ db: d!.db, repo: rollups, offsetMs: OFFSET, rowsPerTransaction: 1 });
    // A timer due at once stands for a request waiting on the thread: it runs before the 7-step catch-up ends.
    const order: string[] = [];
    const timer = new Promise<void>((r) => setTimeout(() => { order.push('timer'); r(); }, 0));
    await folding.catchUp('ins_a').then(() => order.push('caught up'));
    await timer;
    expect(order).toEqual(['timer', 'caught up']);
    expect((await s.summary({ institutionId: 'ins_a', branchIds: null }, all)).transactions!.today.total).toBe(3);
  });

  it('recomputes the rollups when the business-day zone changes', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const scope = { institutionId: 'ins_a', branchIds: null };
    expect((await s.summary(scope, all)).transactions!.days[28]).toMatchObject({ day: '2026-03-09', total: 1 });
    // In UTC the row at TODAY_START (00:00 UTC+8) belongs to 2026-03-09 as well.
    const utc = await service(d!, 1000, 0).summary(scope, all);
    expect(utc.transactions!.days[29]).toMatchObject({ day: '2026-03-10', total: 2 });
    expect(utc.transactions!.days[28]).toMatchObject({ day: '2026-03-09', total: 2 });
  });
});

describe('scenariosOf', () => {
  it('lists each scenario once per transaction and nothing for malformed hit lists', () => {
    expect(scenariosOf(JSON.stringify([hit('A'), hit('A'), hit('B')])).map((x) => x.scenarioId)).toEqual(['A', 'B']);
    expect(scenariosOf('not json')).toEqual([]);
    expect(scenariosOf('{}')).toEqual([]);
  });
});
