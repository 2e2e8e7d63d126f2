import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { TransactionQueryRepository, type TransactionFilter } from './transaction-query.repository.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const scope = { institutionId: BANK.institutionId, branchIds: null };
const page = (over: Partial<TransactionFilter> = {}): TransactionFilter => ({ sort: 'occurredAt', order: 'asc', page: 1, pageSize: 2, ...over });

describe.each(DIALECTS)('transaction list totals on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  it('counts matches up to the cap and says when the total is only a lower bound', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    await ingestOf(c).ingest.ingest(Array.from({ length: 7 }, (_, i) => ({
      position: i,
      data: {
        id: `T${i}`, timestamp: new Date(NOW - (10 - i) * 60_000).toISOString(), debitAccount: '6222000000000001', creditAccount: '6222000000000002',
        amount: `${100 + i}.00`, currency: 'CNY', channel: i < 2 ? 'atm' : 'mobile', type: 'transfer',
      },
    })), { institutionId: BANK.institutionId, source: 'api', actor: { id: 'system', kind: 'system', institutionId: BANK.institutionId } });

    const capped = new TransactionQueryRepository(c.database.db, 5);
    expect(await capped.list(scope, page()).then((r) => [r.total, r.totalExact, r.items.map((t) => t.id)])).toEqual([5, false, ['T0', 'T1']]);
    // Pages past the counted matches still come back.
    expect((await capped.list(scope, page({ page: 4 }))).items.map((t) => t.id)).toEqual(['T6']);
    expect(await capped.list(scope, page({ channel: 'atm' })).then((r) => [r.total, r.totalExact])).toEqual([2, true]);
    const exactAtCap = new TransactionQueryRepository(c.database.db, 7);
    expect(await exactAtCap.list(scope, page()).then((r) => [r.total, r.totalExact])).toEqual([7, true]);
  });
});
