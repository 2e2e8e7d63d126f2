import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import type { EngineSnapshot } from '../engine/index.ts';
import { EngineSnapshotRepository } from './engine-snapshot.repository.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrateTo, migrateToLatest } from '../store/migrate.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;

/** A snapshot of `parts` parts whose bytes depend on `seed` (bytes 0–255, a part of 1 MiB among them). */
function snapshot(seed: number, parts: number): EngineSnapshot {
  return {
    format: 'outpost-engine/2', layout: `layout-${seed}`, observed: seed * 10,
    sizes: { interners: { account: seed }, stores: {} },
    parts: Array.from({ length: parts }, (_, p) => Uint8Array.from({ length: p === 1 ? 2 ** 20 : 1000 + p }, (_, i) => (i * 31 + p + seed) & 255)),
  };
}

describe.each(DIALECTS)('engine snapshots on %s', (dialect) => {
  let d: TestDatabase | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('stores a snapshot in parts and reads the same bytes back; a new save replaces the old and deletes its parts', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const repo = new EngineSnapshotRepository(d.db);
    expect(await repo.load('inst_a')).toBeUndefined();
    await repo.save('inst_a', 41, snapshot(1, 3), NOW);
    await repo.save('inst_b', 7, snapshot(9, 1), NOW);
    const back = await repo.load('inst_a');
    expect(back?.seq).toBe(41);
    const { parts, ...head } = back!.body;
    const { parts: sent, ...sentHead } = snapshot(1, 3);
    expect(head).toEqual(sentHead);
    expect(parts.map((p) => Buffer.from(p).toString('base64'))).toEqual(sent.map((p) => Buffer.from(p).toString('base64')));

    await repo.save('inst_a', 80, snapshot(2, 2), NOW + 1000);
    const again = await repo.load('inst_a');
    expect(again?.seq).toBe(80);
    expect(again?.body.layout).toBe('layout-2');
    const rows = await d.db.selectFrom('engine_snapshot_parts').select(['institution_id', 'part']).orderBy('institution_id').orderBy('part').execute();
    expect(rows.map((r) => `${r.institution_id}:${r.part}`)).toEqual(['inst_a:0', 'inst_a:1', 'inst_b:0']); // inst_a's first three are gone
  });

  it('treats a snapshot with a missing part as none (the log is replayed), and clears parts of saves that never finished', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const repo = new EngineSnapshotRepository(d.db);
    await repo.save('inst_a', 41, snapshot(1, 3), NOW);
    await d.db.deleteFrom('engine_snapshot_parts').where('part', '=', 2).execute();
    expect(await repo.load('inst_a')).toBeUndefined();
    // A save that stopped after its parts (no head names them): kept for an hour (another process may be saving), then removed.
    await d.db.insertInto('engine_snapshot_parts').values([
      { institution_id: 'inst_a', snapshot_id: 'stopped-long-ago', part: 0, data: Uint8Array.from([1]), created_at: NOW - 2 * HOUR },
      { institution_id: 'inst_a', snapshot_id: 'in-progress', part: 0, data: Uint8Array.from([2]), created_at: NOW - 60_000 },
    ]).execute();
    await repo.save('inst_a', 50, snapshot(3, 1), NOW);
    expect((await repo.load('inst_a'))?.seq).toBe(50);
    const ids = await d.db.selectFrom('engine_snapshot_parts').select('snapshot_id').where('institution_id', '=', 'inst_a').execute();
    expect(ids.map((r) => r.snapshot_id)).toContain('in-progress');
    expect(ids.map((r) => r.snapshot_id)).not.toContain('stopped-long-ago');
    expect(ids).toHaveLength(2);
  });
});

describe('migration 0032', () => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('drops snapshots of the old single-document format (the next start replays and saves anew), and its way back drops the parts', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateTo(d, '0031_sqlite_account_postings');
    await d.db.insertInto('engine_snapshots').values({ institution_id: 'inst_a', seq: 9, observed: 9, body: '{"format":"outpost-engine/1"}', created_at: NOW } as never).execute();
    await migrateToLatest(d);
    const repo = new EngineSnapshotRepository(d.db);
    expect(await repo.load('inst_a')).toBeUndefined();
    await repo.save('inst_a', 12, snapshot(4, 2), NOW);
    expect((await repo.load('inst_a'))?.seq).toBe(12);
    await migrateTo(d, '0031_sqlite_account_postings');
    expect(d.sqlite!.prepare("select count(*) from sqlite_schema where name = 'engine_snapshot_parts'").pluck().get()).toBe(0);
    expect(d.sqlite!.prepare('select count(*) from engine_snapshots').pluck().get()).toBe(0);
  });
});
