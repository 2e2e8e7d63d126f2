import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ckpt-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}

async function fill(d: Database, rows: number): Promise<void> {
  await sql`create table if not exists t (id integer primary key, k text, v text)`.execute(d.db);
  await sql`create index if not exists t_k on t (k)`.execute(d.db);
  const stmt = d.sqlite!.prepare('insert into t (k, v) values (?, ?)');
  d.sqlite!.transaction(() => { for (let i = 0; i < rows; i++) stmt.run(`k${(i * 7919) % 5000}`, 'x'.repeat(200)); })();
}

const walFrames = (d: Database) => (d.sqlite!.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0];

describe('background WAL checkpoint (SQLite file databases)', () => {
  it('copies the log into the database from a worker thread, not in the committing connection', async () => {
    const file = tmpFile();
    const d = openDatabase({ sqlitePath: file });
    expect(d.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await fill(d, 20_000);
    const before = walFrames(d);
    expect(before.log).toBeGreaterThan(1_000); // more than SQLite's automatic threshold, left to the worker
    let after = before;
    for (let i = 0; i < 100 && after.checkpointed < after.log; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = walFrames(d);
    }
    expect(after.checkpointed).toBe(after.log);
    await d.close();
    // Everything committed is in the database file once closed.
    const again = openDatabase({ sqlitePath: file, backgroundCheckpoint: false });
    expect(again.sqlite!.prepare('select count(*) from t').pluck().get()).toBe(20_000);
    await again.close();
  });

  it('can be turned off: the connection keeps SQLite\'s automatic checkpoint', async () => {
    const d = openDatabase({ sqlitePath: tmpFile(), backgroundCheckpoint: false });
    expect(d.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await d.close();
  });
});
