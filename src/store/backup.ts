import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema.ts';
import { AppError, conflict } from '../shared/errors.ts';
import { countByKeyVersion } from '../crypto/rotation.repository.ts';
import { keyCheckValue, type Keyring } from '../crypto/keyring.ts';

/**
 * Backups of an embedded SQLite database (`outpost backup` / `outpost restore`). A copy of the
 * file taken while a server writes is not a database (pages of two moments, the write-ahead log
 * left behind); SQLite's online backup API copies a consistent snapshot beside running writers.
 * It runs here in one step: a step-wise copy restarts whenever another connection writes between
 * steps, so beside a busy server it might never end, while one step is one read transaction,
 * which in WAL mode does not hold writers back. Each backup gets a manifest (what it holds, its
 * SHA-256, which data-key versions its personal data needs) that a restore checks first.
 * PostgreSQL deployments back up with the database's own tools (docs/configuration.md).
 */

export const BACKUP_FORMAT = 'outpost-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The backup file's name (the manifest sits beside it as `<name>.manifest.json`). */
  file: string;
  bytes: number;
  sha256: string;
  /** The last migration applied to the copied database. */
  schema: string | null;
  transactions: number;
  /** The audit chain's newest event in the copy: compare with `outpost audit verify` after a restore. */
  auditHead: { seq: number; hash: string } | null;
  /**
   * Algorithm and key version of the personal data in it (`sm4:v1` …, with counts): the key file
   * or OUTPOST_DATA_KEY holding those versions is needed to read it, and is kept apart from backups.
   */
  keys: Record<string, number>;
  /**
   * Check values (keyCheckValue) of the key versions `keys` names and of the lookup-hash key, as the
   * keyring held them at the backup; null when there was no keyring.
   */
  keyChecks: { versions: Record<string, string>; index: string } | null;
}

export const manifestPath = (file: string): string => `${file}.manifest.json`;

/**
 * Whether another connection has the database open, as a running server has (its connections work
 * in WAL mode and hold a shared lock on the log's index while open): SQLite then refuses the
 * exclusive locking mode, even when that connection is idle.
 */
export function inUse(file: string): boolean {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    db.close();
  }
}

/** Copies the live database `source` to `dest` (which must not exist) and describes the copy. */
export async function backupSqlite(source: string, dest: string, createdAt: Date, ring: Keyring | null): Promise<BackupManifest> {
  if (!fs.existsSync(source)) throw new AppError('not_found', `no database at ${source}`);
  if (fs.existsSync(dest)) throw conflict(`${dest} exists: choose a new file (or --force to replace it)`);
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { force: true });
  const src = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    // The next step's page count: all of them, so the copy is one snapshot (see above).
    await src.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
  // The copy as a standalone file (no log beside it), flushed before it takes its name.
  const copy = new BetterSqlite3(partial);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const fd = fs.openSync(partial, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, dest);
  const d = await describe(dest);
  const keyChecks = ring && {
    index: keyCheckValue(ring.indexKey),
    versions: Object.fromEntries(Object.keys(d.keys).flatMap((k) => {
      const key = ring.keys.get(Number(k.split(':v')[1]));
      return key ? [[k, keyCheckValue(key)]] : [];
    })),
  };
  const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: createdAt.toISOString(), file: path.basename(dest), ...d, keyChecks };
  fs.writeFileSync(manifestPath(dest), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Checks a backup against its manifest before it is restored: size, SHA-256 and SQLite's own
 * structure check. Throws a validation error naming what does not hold.
 */
export async function checkBackup(file: string): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `no backup at ${file}`);
  const mp = manifestPath(file);
  if (!fs.existsSync(mp)) throw new AppError('validation', `${mp} is missing: a backup is restored with the manifest written beside it`);
  const m = JSON.parse(fs.readFileSync(mp, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT) throw new AppError('validation', `${mp}: not an Outpost backup manifest (${String(m.format)})`);
  const bytes = fs.statSync(file).size;
  const problems: Array<{ path: string; message: string }> = [];
  if (bytes !== m.bytes) problems.push({ path: 'bytes', message: `the file has ${bytes} bytes, the manifest says ${m.bytes}` });
  else if ((await sha256(file)) !== m.sha256) problems.push({ path: 'sha256', message: 'the file\'s SHA-256 differs from the manifest\'s: it was changed or damaged after the backup' });
  else {
    const check = quickCheck(file);
    if (check !== 'ok') problems.push({ path: 'file', message: `SQLite's structure check failed: ${check}` });
  }
  if (problems.length > 0) throw new AppError('validation', `${file} is not the backup its manifest describes`, problems);
  return m;
}

/**
 * What the configured keyring lacks to read the backup's personal data (empty when nothing): a
 * version its values are encrypted under, or a key other than the one it was written with.
 */
export function missingKeys(m: BackupManifest, ring: Keyring | null): Array<{ path: string; message: string }> {
  const used = Object.keys(m.keys).filter((k) => m.keys[k] > 0);
  if (used.length === 0) return [];
  if (!ring) return [{ path: 'keys', message: `no key file and no OUTPOST_DATA_KEY: its personal data needs ${used.join(', ')}` }];
  const out: Array<{ path: string; message: string }> = [];
  for (const k of used) {
    const key = ring.keys.get(Number(k.split(':v')[1]));
    const expected = m.keyChecks?.versions[k];
    if (!key) out.push({ path: `keys.${k}`, message: `the keyring holds no version ${k.split(':')[1]} (${m.keys[k]} values are encrypted under it)` });
    else if (expected && keyCheckValue(key) !== expected) out.push({ path: `keys.${k}`, message: `the keyring's key ${k.split(':')[1]} is not the one the backup was written with (check value ${keyCheckValue(key)}, backup ${expected})` });
  }
  if (m.keyChecks && keyCheckValue(ring.indexKey) !== m.keyChecks.index) {
    out.push({ path: 'keys.index', message: 'the keyring\'s lookup-hash key differs from the backup\'s: searches by ID number or phone would find nothing' });
  }
  return out;
}

/**
 * Puts the checked backup `file` in place of `target`. A database already there is kept as
 * `<target>.replaced-<time>`; one another process has open (a running server) is refused.
 */
export function restoreSqlite(file: string, target: string, at: Date): { replaced: string | null } {
  let replaced: string | null = null;
  if (fs.existsSync(target)) {
    if (inUse(target)) throw conflict(`${target} is open in another process (a running server?): stop it before restoring`);
    // Fold its log into the file, so the file kept aside is the whole database.
    const db = new BetterSqlite3(target);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    replaced = `${target}.replaced-${at.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, replaced);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.copyFileSync(file, partial);
  const fd = fs.openSync(partial, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, target);
  return { replaced };
}

async function describe(file: string): Promise<Omit<BackupManifest, 'format' | 'createdAt' | 'file' | 'keyChecks'>> {
  const check = quickCheck(file);
  if (check !== 'ok') throw new Error(`the copy ${file} failed SQLite's structure check: ${check}`);
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const has = (name: string) => sqlite.prepare("select 1 from sqlite_schema where type = 'table' and name = ?").get(name) !== undefined;
    const schema = has('kysely_migration')
      ? (sqlite.prepare('select name from kysely_migration order by name desc limit 1').pluck().get() as string | undefined) ?? null : null;
    const transactions = has('transactions') ? Number(sqlite.prepare('select count(*) from transactions').pluck().get()) : 0;
    const head = has('audit_events')
      ? sqlite.prepare('select seq, hash from audit_events order by seq desc limit 1').get() as { seq: number | bigint; hash: string } | undefined : undefined;
    const keys = await countByKeyVersion(db);
    delete keys.plaintext;
    return {
      bytes: fs.statSync(file).size, sha256: await sha256(file), schema, transactions,
      auditHead: head ? { seq: Number(head.seq), hash: head.hash } : null, keys,
    };
  } finally {
    await db.destroy();
  }
}

function quickCheck(file: string): string {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare('pragma quick_check').pluck().all() as string[];
    return rows.join('; ');
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}

async function sha256(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}
