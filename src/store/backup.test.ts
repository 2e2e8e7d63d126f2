import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createContainer } from '../app/container.factory.ts';
import type { Container } from '../app/container.ts';
import { MODULES } from '../app/modules.ts';
import { allBranches } from '../domain/scope.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { existingKeyring, keyringFromEnv } from '../crypto/keyring.ts';
import { TEST_DATA_KEY, testConfig } from '../../test/helpers/config.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { backupSqlite, checkBackup, inUse, manifestPath, missingKeys, restoreSqlite } from './backup.ts';

const ring = () => existingKeyring({ dataKey: TEST_DATA_KEY, dataKeyFile: '/nonexistent' });
const count = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try { return Number(db.prepare('select count(*) from transactions').pluck().get()); } finally { db.close(); }
};

describe('SQLite backup and restore', () => {
  const dirs: string[] = [];
  const containers: Container[] = [];
  afterEach(async () => {
    for (const c of containers.splice(0)) await c.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-backup-')); dirs.push(d); return d; };
  async function bank(dir: string) {
    const c = await createContainer({ config: testConfig({ dataDir: dir, sqlitePath: path.join(dir, 'outpost.sqlite') }), modules: MODULES });
    containers.push(c);
    return c;
  }
  /** The small bank on a file, backed up: the backup's path. */
  async function backedUpBank() {
    const dir = tempDir();
    await loadSmallBank(await bank(dir));
    const dest = path.join(tempDir(), 'b.sqlite');
    await backupSqlite(path.join(dir, 'outpost.sqlite'), dest, new Date(), ring());
    return dest;
  }
  const tx = (i: number) => ({
    id: `T${i}`, timestamp: '2026-11-20T09:30:00+08:00', debitAccount: '6222000000000001', creditAccount: '6222000000000002',
    amount: `${i}.00`, currency: 'CNY', channel: 'mobile', type: 'transfer',
  });

  it('copies what was committed while another connection holds uncommitted writes, and describes the copy', async () => {
    const dir = tempDir();
    const c = await bank(dir);
    await loadSmallBank(c);
    const actor = { id: 'key_test', kind: 'api_key' as const, institutionId: BANK.institutionId };
    await ingestOf(c).ingest.ingest(Array.from({ length: 50 }, (_, i) => ({ position: i, data: tx(i + 1) })), { institutionId: BANK.institutionId, source: 'api', actor });
    const live = path.join(dir, 'outpost.sqlite');
    // A second writer (another process, as `outpost ingest` beside a server) in the middle of its transaction.
    const writer = new BetterSqlite3(live);
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("update transactions set purpose = 'uncommitted' where id = 'T1'").run();
    const dest = path.join(tempDir(), 'b.sqlite');
    const m = await backupSqlite(live, dest, new Date('2026-12-08T00:00:00Z'), ring());
    writer.exec('COMMIT');
    writer.close();

    expect(count(dest)).toBe(50);
    const copy = new BetterSqlite3(dest, { readonly: true });
    expect(copy.prepare("select purpose from transactions where id = 'T1'").pluck().get()).toBeNull();
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(fs.existsSync(`${dest}-wal`)).toBe(false);
    expect(m).toMatchObject({ format: 'outpost-backup/1', createdAt: '2026-12-08T00:00:00.000Z', file: 'b.sqlite', transactions: 50, bytes: fs.statSync(dest).size });
    expect(m.schema).toMatch(/^\d{4}_/);
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    const head = await c.database.db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(m.auditHead).toEqual({ seq: Number(head.seq), hash: head.hash });
    // The small bank's names, ID numbers, phones and addresses, under the test key (version 1).
    expect(Object.keys(m.keys)).toEqual(['sm4:v1']);
    expect(m.keys['sm4:v1']).toBeGreaterThanOrEqual(9);
    expect(m.keyChecks).toEqual({ index: expect.stringMatching(/^[0-9a-f]{8}$/), versions: { 'sm4:v1': expect.stringMatching(/^[0-9a-f]{8}$/) } });
    expect(JSON.parse(fs.readFileSync(manifestPath(dest), 'utf8'))).toEqual(m);
    await expect(backupSqlite(live, dest, new Date(), ring())).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('restores a checked backup that the configured keys can read, keeping the replaced database aside', async () => {
    const dest = await backedUpBank();
    const m = await checkBackup(dest);

    // Another key file than the backup's: each key named, nothing touched.
    const other = keyringFromEnv('5a'.repeat(32));
    expect(missingKeys(m, other).map((p) => p.path)).toEqual(['keys.sm4:v1', 'keys.index']);
    expect(missingKeys(m, null)).toEqual([{ path: 'keys', message: expect.stringContaining('sm4:v1') }]);
    expect(missingKeys(m, ring())).toEqual([]);

    const target = path.join(tempDir(), 'outpost.sqlite');
    fs.copyFileSync(dest, target); // a database already there
    const open = new BetterSqlite3(target); // held open, as by a running server (which works in WAL mode)
    open.pragma('journal_mode = WAL');
    open.prepare('select count(*) from transactions').get();
    expect(inUse(target)).toBe(true);
    expect(() => restoreSqlite(dest, target, new Date())).toThrow(/open in another process/);
    open.close();
    expect(inUse(target)).toBe(false);
    const { replaced } = restoreSqlite(dest, target, new Date('2026-12-08T01:02:03Z'));
    expect(replaced).toBe(`${target}.replaced-2026-12-08T01-02-03-000Z`);
    expect(fs.existsSync(replaced!)).toBe(true);

    // The restored database as a server opens it: the customers' personal data reads back.
    const restored = await createContainer({ config: testConfig({ dataDir: path.dirname(target), sqlitePath: target }), modules: MODULES });
    containers.push(restored);
    const found = await referenceServiceOf(restored).findCustomers(allBranches(BANK.institutionId), { phone: '13800138000' }, SYSTEM_ACTOR);
    expect(found.map((x) => [x.id, x.name])).toEqual([['cus_1', '王小明']]);
  });

  it('refuses a backup that is not what its manifest says', async () => {
    const dest = await backedUpBank();
    const bytes = fs.readFileSync(dest);

    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(dest, flipped);
    await expect(checkBackup(dest)).rejects.toMatchObject({ kind: 'validation', details: [{ path: 'sha256' }] });
    fs.writeFileSync(dest, bytes.subarray(0, bytes.length - 4096));
    await expect(checkBackup(dest)).rejects.toMatchObject({ kind: 'validation', details: [{ path: 'bytes' }] });
    fs.writeFileSync(dest, bytes);
    await expect(checkBackup(dest)).resolves.toMatchObject({ sha256: expect.any(String) });
    fs.rmSync(manifestPath(dest));
    await expect(checkBackup(dest)).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('manifest.json is missing') });
  });
});
