import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from './ingest.module.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const actor = { id: 'system', kind: 'system' as const, institutionId: BANK.institutionId };

describe.each(DIALECTS)('the transaction log on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  it('finds the stretch of the log holding a time window, late arrivals included, and replays it in log order', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    // Ingest order (positions 1..6) against occurrence hours before NOW: T4 arrives late.
    const hoursAgo = [50, 40, 30, 45, 20, 10];
    await ingestOf(c).ingest.ingest(hoursAgo.map((h, i) => ({
      position: i,
      data: { id: `T${i + 1}`, timestamp: new Date(NOW - h * HOUR).toISOString(), debitAccount: '6222000000000001', creditAccount: '6222000000000002', amount: '10.00', currency: 'CNY', channel: 'mobile', type: 'transfer' },
    })), { institutionId: BANK.institutionId, source: 'api', actor });
    const repo = ingestOf(c).transactions;
    const seqOf = async (id: string) => Number((await c!.database.db.selectFrom('transactions').select('seq').where('id', '=', id).executeTakeFirstOrThrow()).seq);
    // [46 h ago, 25 h ago): T2 (40 h) and T3 (30 h) and the late T4 (45 h).
    const range = await repo.positionsOccurring(BANK.institutionId, NOW - 46 * HOUR, NOW - 25 * HOUR);
    expect(range).toEqual({ first: await seqOf('T2'), last: await seqOf('T4') });
    const replayed: string[] = [];
    for await (const page of repo.streamLog(BANK.institutionId, range!.first - 1, { throughSeq: range!.last, pageSize: 2 })) replayed.push(...page.map((t) => t.id));
    expect(replayed).toEqual(['T2', 'T3', 'T4']);
    expect(await repo.positionsOccurring(BANK.institutionId, NOW - 5 * HOUR, NOW)).toBeNull();
    expect(await repo.positionsOccurring('inst_other', NOW - 60 * HOUR, NOW)).toBeNull();
  });
});
