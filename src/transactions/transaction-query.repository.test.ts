import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { TransactionQueryRepository, type TransactionFilter } from './transaction-query.repository.ts';
import { RollupRepository } from '../dashboard/rollup.repository.ts';
import { RollupService } from '../dashboard/rollup.service.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const scope = { institutionId: BANK.institutionId, branchIds: null };
const page = (over: Partial<TransactionFilter> = {}): TransactionFilter => ({ sort: 'occurredAt', order: 'asc', page: 1, pageSize: 2, ...over });

/** `n` transfers from account …01 to …02, a minute apart ending `n` minutes before NOW, ids `${prefix}${i}` (`pad` digits), amounts 100 + i. */
async function transfers(c: Container, prefix: string, n: number, channel: (i: number) => string = () => 'mobile', pad = 1): Promise<void> {
  await ingestOf(c).ingest.ingest(Array.from({ length: n }, (_, i) => ({
    position: i,
    data: {
      id: `${prefix}${String(i).padStart(pad, '0')}`, timestamp: new Date(NOW - (n + 3 - i) * 60_000).toISOString(), debitAccount: '6222000000000001', creditAccount: '6222000000000002',
      amount: `${100 + i}.00`, currency: 'CNY', channel: channel(i), type: 'transfer',
    },
  })), { institutionId: BANK.institutionId, source: 'api', actor: { id: 'system', kind: 'system', institutionId: BANK.institutionId } });
}

describe.each(DIALECTS)('transaction list totals on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  it('counts matches up to the cap and says when the total is only a lower bound', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    await transfers(c, 'T', 7, (i) => (i < 2 ? 'atm' : 'mobile'));

    const capped = new TransactionQueryRepository(c.database.db, 5);
    expect(await capped.list(scope, page()).then((r) => [r.total, r.totalExact, r.items.map((t) => t.id)])).toEqual([5, false, ['T0', 'T1']]);
    // Pages past the counted matches still come back.
    expect((await capped.list(scope, page({ page: 4 }))).items.map((t) => t.id)).toEqual(['T6']);
    expect(await capped.list(scope, page({ channel: 'atm' })).then((r) => [r.total, r.totalExact])).toEqual([2, true]);
    const exactAtCap = new TransactionQueryRepository(c.database.db, 7);
    expect(await exactAtCap.list(scope, page()).then((r) => [r.total, r.totalExact])).toEqual([7, true]);
  });

  it('gives the exact total from the daily rollups when only branch and decision filter the list', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    await transfers(c, 'R', 7, (i) => (i < 2 ? 'atm' : 'mobile')); // from …01, an account of br_east
    await c.database.db.updateTable('transactions').set({ decision: 'review' }).where('id', 'in', ['R1', 'R4']).execute();
    const rollups = new RollupRepository(c.database.db);
    const fold = new RollupService({ db: c.database.db, repo: rollups, offsetMs: 8 * 3_600_000 });
    const repo = new TransactionQueryRepository(c.database.db, 5, undefined, async (s, only) => { await fold.catchUp(s.institutionId); return rollups.txnTotal(s, only); });
    const totals = async (over: Partial<TransactionFilter>, sc: typeof scope | { institutionId: string; branchIds: string[] } = scope) => {
      const r = await repo.list(sc, page(over));
      return [r.total, r.totalExact];
    };
    // Counting stops at the cap (5); the rollups know all 7.
    expect(await totals({})).toEqual([7, true]);
    expect(await totals({ decision: 'review' })).toEqual([2, true]);
    expect(await totals({ decision: 'allow', branch: BANK.east })).toEqual([5, true]);
    expect(await totals({ branch: BANK.west })).toEqual([0, true]);
    expect(await totals({}, { institutionId: BANK.institutionId, branchIds: [BANK.east] })).toEqual([7, true]);
    expect(await totals({}, { institutionId: BANK.institutionId, branchIds: [BANK.west] })).toEqual([0, true]);
    // Any other filter is counted as before, up to the cap.
    expect(await totals({ channel: 'mobile' })).toEqual([5, true]);
    expect(await totals({ channel: 'mobile', pageSize: 2, from: NOW - 86_400_000 })).toEqual([5, true]);
    expect(await totals({ minAmountMinor: 0 })).toEqual([5, false]);
  });

  it('lists the transactions held or stopped (decision filter, through the flagged-transactions index)', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    await transfers(c, 'D', 6);
    // The decisions as if the engine had held or stopped these (the filter is the repository's, not the engine's).
    await c.database.db.updateTable('transactions').set({ decision: 'allow' }).execute();
    await c.database.db.updateTable('transactions').set({ decision: 'block' }).where('id', 'in', ['D1', 'D4']).execute();
    await c.database.db.updateTable('transactions').set({ decision: 'review', score: 55 }).where('id', '=', 'D2').execute();
    await c.database.db.updateTable('transactions').set({ score: 90 }).where('id', '=', 'D1').execute();
    await c.database.db.updateTable('transactions').set({ score: 70 }).where('id', '=', 'D4').execute();
    const repo = new TransactionQueryRepository(c.database.db);
    const ids = async (over: Partial<TransactionFilter>) => {
      const r = await repo.list(scope, page({ pageSize: 10, ...over }));
      return [r.total, r.items.map((t) => t.id)];
    };
    expect(await ids({ decision: 'block' })).toEqual([2, ['D1', 'D4']]);
    expect(await ids({ decision: 'block', sort: 'score', order: 'asc' })).toEqual([2, ['D4', 'D1']]);
    expect(await ids({ decision: 'review' })).toEqual([1, ['D2']]);
    expect(await ids({ decision: 'allow', order: 'desc' })).toEqual([3, ['D5', 'D3', 'D0']]);
    expect(await ids({ decision: 'block', account: '6222000000000002' })).toEqual([2, ['D1', 'D4']]);
  });

  it('pages by score, highest or lowest first, across the scored and the unscored transactions', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    await transfers(c, 'S', 13, (i) => (i % 3 ? 'mobile' : 'atm'), 2);
    // Scores as if scenarios had fired: ties, and most transactions unscored.
    const scores: Record<string, number> = { S02: 40, S05: 85, S07: 40, S09: 25, S11: 100 };
    await c.database.db.updateTable('transactions').set({ score: 0 }).execute();
    for (const [id, score] of Object.entries(scores)) await c.database.db.updateTable('transactions').set({ score }).where('id', '=', id).execute();
    const all = Array.from({ length: 13 }, (_, i) => `S${String(i).padStart(2, '0')}`);
    const byScore = (order: 'asc' | 'desc', ids = all) => [...ids].sort((a, b) => ((scores[a] ?? 0) - (scores[b] ?? 0) || (a < b ? -1 : 1)) * (order === 'asc' ? 1 : -1));
    const repo = new TransactionQueryRepository(c.database.db);
    for (const order of ['desc', 'asc'] as const) {
      for (const pageSize of [3, 4, 5, 13]) {
        const pages: string[] = [];
        for (let p = 1; p <= Math.ceil(13 / pageSize) + 1; p++) pages.push(...(await repo.list(scope, page({ sort: 'score', order, pageSize, page: p }))).items.map((t) => t.id));
        expect(pages, `${order} by ${pageSize}`).toEqual(byScore(order));
      }
    }
    // With a filter: the same order among the matches.
    const atm = all.filter((_, i) => i % 3 === 0);
    expect((await repo.list(scope, page({ sort: 'score', order: 'desc', channel: 'atm', pageSize: 10 }))).items.map((t) => t.id)).toEqual(byScore('desc', atm));
  });

  it('lists an account\'s debits and credits as one sorted, paged list', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const A = '6222000000000001', B = '6222000000000002', C = '6222000000000003';
    const legs: Array<[string, string, string]> = [[A, B, '500.00'], [B, A, '100.00'], [A, '6217000000009999', '300.00'], [C, B, '900.00'], [B, A, '700.00'], [A, C, '200.00'], [C, A, '600.00']];
    const stored = await ingestOf(c).ingest.ingest(legs.map(([debit, credit, amount], i) => ({
      position: i,
      data: { id: `L${i}`, timestamp: new Date(NOW - (10 - i) * 60_000).toISOString(), debitAccount: debit, creditAccount: credit, ...(credit.startsWith('6222') ? {} : { creditBank: '102100099996' }), amount, currency: 'CNY', channel: 'mobile', type: 'transfer' },
    })), { institutionId: BANK.institutionId, source: 'api', actor: { id: 'system', kind: 'system', institutionId: BANK.institutionId } });
    expect(stored.results.map((r) => r.status)).toEqual(legs.map(() => 'accepted'));
    const repo = new TransactionQueryRepository(c.database.db);
    const ids = async (over: Partial<TransactionFilter>) => (await repo.list(scope, page({ account: A, ...over }))).items.map((t) => t.id);
    // A's legs: L0 L1 L2 L4 L5 L6 (not L3); by amount descending: L4 700, L6 600, L0 500, L2 300, L5 200, L1 100.
    // (A transfer from an account to itself is refused at validation, code same_account.)
    expect((await repo.list(scope, page({ account: A }))).total).toBe(6);
    expect(await ids({ sort: 'amount', order: 'desc', page: 1 })).toEqual(['L4', 'L6']);
    expect(await ids({ sort: 'amount', order: 'desc', page: 2 })).toEqual(['L0', 'L2']);
    expect(await ids({ sort: 'amount', order: 'desc', page: 3 })).toEqual(['L5', 'L1']);
    expect(await ids({ sort: 'occurredAt', order: 'asc', pageSize: 10, minAmountMinor: 30_000 })).toEqual(['L0', 'L2', 'L4', 'L6']);
    expect((await repo.recentForAccount(scope, A, 3)).map((t) => t.id)).toEqual(['L6', 'L5', 'L4']);
    // Customer cus_2 holds B (…0002) and …0004: every leg on B, whichever side.
    expect(await ids({ account: undefined, customer: 'cus_2', sort: 'occurredAt', order: 'asc', pageSize: 10 })).toEqual(['L0', 'L1', 'L3', 'L4']);
    expect(await ids({ customer: 'cus_2', pageSize: 10 })).toEqual(['L0', 'L1', 'L4']); // and account A: A's legs with B
    expect(await ids({ customer: 'cus_1', pageSize: 10 })).toHaveLength(6); // A belongs to cus_1
    expect((await repo.list({ institutionId: BANK.institutionId, branchIds: [BANK.west] }, page({ account: A, pageSize: 10 }))).items.map((t) => t.id))
      .toEqual((await repo.list(scope, page({ account: A, pageSize: 10 }))).items.filter((t) => t.branchId === BANK.west).map((t) => t.id));
  });

  it('filters by a fired scenario through the scenario hit log', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const cash = (id: string, amount: string) => ({
      id, timestamp: new Date(NOW - 60_000).toISOString(), debitAccount: '6222000000000002', creditAccount: null, amount, currency: 'CNY', channel: 'counter', type: 'cash_withdrawal',
    });
    const r = await ingestOf(c).ingest.ingest([cash('C1', '100.00'), cash('C2', '60000.00'), cash('C3', '200.00')].map((data, position) => ({ position, data })),
      { institutionId: BANK.institutionId, source: 'api', actor: { id: 'system', kind: 'system', institutionId: BANK.institutionId } });
    expect(r.results.map((x) => (x as { hits?: Array<{ scenarioId: string }> }).hits?.some((h) => h.scenarioId === 'LVR-002'))).toEqual([false, true, true]); // same-day cumulative
    const repo = new TransactionQueryRepository(c.database.db);
    const byScenario = async () => (await repo.list(scope, page({ scenario: 'LVR-002', pageSize: 10 }))).items.map((t) => t.id);
    expect(await byScenario()).toEqual([]); // not folded yet: the route brings the hit log up to date first
    const rollups = new RollupRepository(c.database.db);
    await new RollupService({ db: c.database.db, repo: rollups, offsetMs: 8 * 3_600_000 }).catchUp(BANK.institutionId);
    expect(await byScenario()).toEqual(['C2', 'C3']);
    expect((await repo.list(scope, page({ scenario: 'LVR-00', pageSize: 10 }))).total).toBe(0); // exact ids, not prefixes
  });
});
