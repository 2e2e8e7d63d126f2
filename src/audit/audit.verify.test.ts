import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import type { Database } from '../store/database.ts';
import { AuditRepository } from './audit.repository.ts';
import { AuditQueryRepository } from './audit.query.repository.ts';
import { AuditService } from './audit.service.ts';
import { chainHash } from './audit.hash.ts';
import { createIdGenerator } from '../domain/ids.ts';
import { fixedClock } from '../domain/clock.ts';

describe.each(DIALECTS)('audit verify on %s', (dialect) => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  async function chainOf(n: number): Promise<AuditService | null> {
    d = await openTestDatabase(dialect);
    if (!d) return null;
    const repo = new AuditRepository({ ids: createIdGenerator(), clock: fixedClock(1_700_000_000_000), algorithm: 'sm3' });
    const actor = { id: 'usr_1', kind: 'user' as const, institutionId: 'inst_a' };
    for (let i = 0; i < n; i++) {
      await d.db.transaction().execute((trx) => repo.append(trx, { actor, action: 'case.update', targetType: 'case', targetId: `case_${i}`, before: { status: 'open' }, after: { status: 'closed', i } }));
    }
    return new AuditService(d.db, new AuditQueryRepository(), 'sm3');
  }

  it('accepts an intact chain and reports its head', async (ctx) => {
    const s = await chainOf(5);
    if (!s) return ctx.skip();
    const r = await s.verify();
    expect(r).toMatchObject({ ok: true, checked: 5, headSeq: 5, firstBadSeq: null });
    expect(r.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects an edited entry and names its seq', async (ctx) => {
    const s = await chainOf(6);
    if (!s) return ctx.skip();
    await d!.db.updateTable('audit_events').set({ after: '{"status":"open","i":3}' }).where('seq', '=', 4).execute();
    expect(await s.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('detects an edit that also recomputes the row hash (the next link breaks)', async (ctx) => {
    const s = await chainOf(6);
    if (!s) return ctx.skip();
    const row = await d!.db.selectFrom('audit_events').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const forged = { ...row, seq: Number(row.seq), at: Number(row.at), actor: 'usr_2' };
    await d!.db.updateTable('audit_events').set({ actor: 'usr_2', hash: chainHash(forged, 'sm3') }).where('seq', '=', 2).execute();
    const r = await s.verify();
    expect(r.ok).toBe(false);
    expect(r.firstBadSeq).toBe(3);
    expect(r.reason).toMatch(/does not link/);
  });

  it('detects a deleted entry in the middle and at the end', async (ctx) => {
    const s = await chainOf(6);
    if (!s) return ctx.skip();
    await d!.db.deleteFrom('audit_events').where('seq', '=', 3).execute();
    expect(await s.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
    await d!.db.deleteFrom('audit_events').where('seq', '>=', 3).execute();
    const tail = await s.verify();
    expect(tail).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(tail.reason).toMatch(/deleted from the end/);
  });

  it('filters and pages the log newest first, within the institution', async (ctx) => {
    const s = await chainOf(7);
    if (!s) return ctx.skip();
    const p1 = await s.search({ institutionId: 'inst_a' }, 3);
    expect(p1.items.map((e) => e.seq)).toEqual([7, 6, 5]);
    const p2 = await s.search({ institutionId: 'inst_a', beforeSeq: p1.nextBeforeSeq! }, 10);
    expect(p2.items.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(p2.nextBeforeSeq).toBeNull();
    expect((await s.search({ institutionId: 'inst_b' }, 10)).items).toEqual([]);
    expect((await s.search({ institutionId: 'inst_a', targetId: "case_1' OR '1'='1" }, 10)).items).toEqual([]);
    expect((await s.search({ institutionId: 'inst_a', targetId: 'case_2' }, 10)).items[0].after).toEqual({ status: 'closed', i: 2 });
  });
});
