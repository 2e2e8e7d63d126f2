import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import type { Database } from '../store/database.ts';
import { AuditRepository } from './audit.repository.ts';
import { chainHash } from './audit.hash.ts';
import { createIdGenerator } from '../domain/ids.ts';
import { fixedClock } from '../domain/clock.ts';

describe.each(DIALECTS)('audit chain on %s', (dialect) => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('links each event to the previous one by hash, in order, across concurrent writers', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const repo = new AuditRepository({ ids: createIdGenerator(), clock: fixedClock(1_700_000_000_000), algorithm: 'sm3' });
    const actor = { id: 'usr_1', kind: 'user' as const, institutionId: 'inst_a' };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        d!.db.transaction().execute((trx) => repo.append(trx, { actor, action: 'test.write', targetType: 'thing', targetId: String(i), after: { i } }))),
    );
    const rows = await d.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 0; i < rows.length; i++) {
      const r = { ...rows[i], seq: Number(rows[i].seq), at: Number(rows[i].at) };
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1].hash);
      expect(chainHash(r, 'sm3')).toBe(r.hash);
    }
  });

  it('appends several events in one reservation, in order, each at its own time, chained as single appends are', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const repo = new AuditRepository({ ids: createIdGenerator(), clock: fixedClock(1_700_000_000_000), algorithm: 'sm3' });
    const actor = { id: 'usr_1', kind: 'user' as const, institutionId: 'inst_a' };
    const ev = (i: number) => ({ actor, action: 'test.write', targetType: 'thing', targetId: String(i) });
    await d.db.transaction().execute((trx) => repo.append(trx, ev(0)));
    await d.db.transaction().execute((trx) => repo.appendAll(trx, [ev(1), ev(2), ev(3)], [1_700_000_000_001, 1_700_000_000_002, 1_700_000_000_003]));
    await d.db.transaction().execute((trx) => repo.appendAll(trx, []));
    await d.db.transaction().execute((trx) => repo.append(trx, ev(4)));
    const rows = await d.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [Number(r.seq), r.target_id, Number(r.at)])).toEqual([
      [1, '0', 1_700_000_000_000], [2, '1', 1_700_000_000_001], [3, '2', 1_700_000_000_002], [4, '3', 1_700_000_000_003], [5, '4', 1_700_000_000_000],
    ]);
    for (let i = 0; i < rows.length; i++) {
      const r = { ...rows[i], seq: Number(rows[i].seq), at: Number(rows[i].at) };
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1].hash);
      expect(chainHash(r, 'sm3')).toBe(r.hash);
    }
  });
});
