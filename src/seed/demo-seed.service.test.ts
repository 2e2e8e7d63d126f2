import { afterAll, describe, expect, it } from 'vitest';
import { getService } from '../app/container.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { fixedClock } from '../domain/clock.ts';
import { generateDemoBank } from '../demo/generator.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import type { DemoSeedService } from './demo-seed.service.ts';
import { DEMO_FEED_SOURCE, demoFeedRecords } from './demo-records.ts';

const NOW = Date.parse('2026-11-23T04:00:00Z');

describe('demo bank seeding', async () => {
  const c = await createTestContainer('sqlite', { clock: fixedClock(NOW) });
  afterAll(async () => { await c?.close(); });
  const bank = generateDemoBank({ scale: 0.02, endDate: NOW });

  it('sends a branch feed whose faulty records wait in quarantine, each with the fault the real rules name, once', async () => {
    const seed = getService<DemoSeedService>(c!, 'demoSeed');
    const first = await seed.load(bank, SYSTEM_ACTOR);
    expect(first.quarantined).toBe(8);
    expect(first.accepted).toBe(bank.transactions.length);
    const rows = await c!.database.db.selectFrom('quarantine').select(['position', 'errors', 'source', 'status'])
      .where('institution_id', '=', bank.institution.id).orderBy('position').execute();
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set([DEMO_FEED_SOURCE]));
    const faults = rows.map((r) => (JSON.parse(r.errors) as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`).join(' '));
    expect(faults.sort()).toEqual([
      'amount:format', 'amount:not_positive', 'channel:enum', 'creditAccount:required', 'currency:currency',
      'debitAccount:unknown_account', 'timestamp:future', 'timestamp:timezone',
    ]);
    // loaded again: the transactions come back as duplicates and the feed is not sent twice
    const again = await seed.load(bank, SYSTEM_ACTOR);
    expect(again).toMatchObject({ accepted: 0, quarantined: 0, duplicates: bank.transactions.length });
    const total = await c!.database.db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(8);
  });

  it('builds the same feed for the same bank and time', () => {
    expect(demoFeedRecords(bank, NOW)).toEqual(demoFeedRecords(generateDemoBank({ scale: 0.02, endDate: NOW }), NOW));
  });
});
