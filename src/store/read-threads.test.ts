import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/** Counts to n in SQL: ~0.1 s per million on this machine, long enough to see who else runs meanwhile. */
const slowCount = (n: number) => sql<{ n: number }>`with recursive c(i) as (select 1 union all select i + 1 from c where i < ${n}) select count(*) as n from c`;

describe('SQLite read threads', () => {
  let dir: string;
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; fs.rmSync(dir, { recursive: true, force: true }); });

  async function open(readThreads: number): Promise<Database> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-read-'));
    d = openDatabase({ sqlitePath: path.join(dir, 'outpost.sqlite'), readThreads });
    await migrateToLatest(d);
    return d;
  }

  it('runs a long read while the thread serving requests goes on, and sees what that thread committed', async () => {
    const db = await open(2);
    expect(db.reader).not.toBe(db.db);
    await db.db.insertInto('sequences').values({ name: '测试', value: 7 }).execute();
    expect(await db.reader.selectFrom('sequences').select('value').where('name', '=', '测试').execute()).toEqual([{ value: 7 }]);

    // A timer due every millisecond keeps firing while the read runs; on the request thread it would wait for the end.
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 1);
    const started = Date.now();
    const { rows } = await slowCount(3_000_000).execute(db.reader);
    const tookMs = Date.now() - started;
    clearInterval(timer);
    expect(rows).toEqual([{ n: 3_000_000 }]);
    expect(tookMs).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThan(Math.min(20, tookMs / 10));
  });

  it('without read threads the reader is the request thread\'s own handle (in-memory databases, PostgreSQL)', async () => {
    const db = await open(0);
    expect(db.reader).toBe(db.db);
    const mem = openDatabase({ sqlitePath: ':memory:', readThreads: 2 });
    expect(mem.reader).toBe(mem.db);
    await mem.close();
  });

  it('answers more reads at once than it has threads, each with its own rows, and hands BLOBs back as Buffers', async () => {
    const db = await open(2);
    db.sqlite!.exec("create table blobs (id integer primary key, b blob); insert into blobs values (1, x'00ff10'), (2, x'abcd')");
    const counts = await Promise.all([5, 6, 7, 8, 9].map(async (k) => (await slowCount(k * 100_000).execute(db.reader)).rows[0].n));
    expect(counts).toEqual([500_000, 600_000, 700_000, 800_000, 900_000]);
    const { rows } = await sql<{ id: number; b: Buffer }>`select id, b from blobs where b = ${Buffer.from([0xab, 0xcd])}`.execute(db.reader);
    expect(rows).toHaveLength(1);
    expect(Buffer.isBuffer(rows[0].b)).toBe(true);
    expect(rows[0].b.toString('hex')).toBe('abcd');
  });

  it('refuses writes and transactions with a clear error, and keeps serving after a failed query', async () => {
    const db = await open(1);
    await expect(db.reader.insertInto('sequences').values({ name: 'x', value: 1 }).execute()).rejects.toThrow(/only statements that return rows/);
    await expect(sql`insert into sequences (name, value) values ('y', 1) returning value`.execute(db.reader)).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await expect(db.reader.transaction().execute(async () => 1)).rejects.toThrow(/not transactions/);
    await expect(sql`select * from no_such_table`.execute(db.reader)).rejects.toThrow(/no such table: no_such_table/);
    expect((await slowCount(10).execute(db.reader)).rows).toEqual([{ n: 10 }]);
  });

  it('closing ends a read under way (once SQLite returns: it cannot be cut short) and refuses the next', async () => {
    const db = await open(1);
    const failure = (p: Promise<unknown>) => p.then(() => null, (e: Error) => e.message);
    const long = failure(slowCount(3_000_000).execute(db.reader));
    const queued = failure(slowCount(10).execute(db.reader));
    await new Promise((r) => setTimeout(r, 50));
    await db.close();
    d = null;
    expect(await long).toMatch(/read thread exited/);
    expect(await queued).toMatch(/closed/);
    await expect(slowCount(10).execute(db.reader)).rejects.toThrow();
  });

  it('an idle read thread does not keep a process alive (a CLI command ends when its work does)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-read-'));
    const file = path.join(dir, 'outpost.sqlite');
    const script = `
      import { openDatabase } from ${JSON.stringify(new URL('./database.ts', import.meta.url).href)};
      import { sql } from 'kysely';
      const d = openDatabase({ sqlitePath: ${JSON.stringify(file)}, readThreads: 2, backgroundCheckpoint: false });
      const { rows } = await sql\`select 41 + 1 as n\`.execute(d.reader);
      console.log(rows[0].n);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('42');
    expect(r.signal).toBeNull();
  });
});
