import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';

/**
 * Versioned data-encryption keys. New values are encrypted under `current`; older versions stay
 * for decryption until `outpost keys rotate` has re-encrypted every value. The blind-index key is
 * separate and does not rotate with the data keys, so lookup hashes stay valid across rotations.
 */
export interface Keyring {
  current: number;
  keys: ReadonlyMap<number, Buffer>;
  /** Secret for blind indexes and other derived MAC keys (CSRF tokens). */
  indexKey: Buffer;
  source: 'env' | 'file';
}

interface KeyFileV1 {
  format: 'outpost-keyring-1';
  current: number;
  keys: Record<string, string>;
  indexKey: string;
  createdAt: string;
}

const KEY_BYTES = 32;

export function decodeKey(text: string, what: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length !== KEY_BYTES) throw new Error(`${what} must be 32 bytes as 64 hex digits or base64 (got ${buf.length} bytes)`);
  return buf;
}

/**
 * OUTPOST_DATA_KEY holds either one key (version 1) or `version:key` entries separated by commas,
 * the current version first: `2:<new key>,1:<old key>`. The blind-index key is derived from the
 * lowest version present, so keep version 1 (or the oldest) listed while its hashes are in use.
 */
export function keyringFromEnv(value: string): Keyring {
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('OUTPOST_DATA_KEY is empty');
  const keys = new Map<number, Buffer>();
  let current = 0;
  for (const [i, entry] of entries.entries()) {
    const m = /^(\d{1,6}):(.+)$/.exec(entry);
    const version = m ? Number(m[1]) : entries.length === 1 ? 1 : NaN;
    if (!Number.isInteger(version) || version < 1) throw new Error('OUTPOST_DATA_KEY: use `version:key` entries when giving several keys');
    if (keys.has(version)) throw new Error(`OUTPOST_DATA_KEY: key version ${version} given twice`);
    keys.set(version, decodeKey(m ? m[2] : entry, `OUTPOST_DATA_KEY version ${version}`));
    if (i === 0) current = version;
  }
  const oldest = Math.min(...keys.keys());
  return { current, keys, indexKey: keys.get(oldest)!, source: 'env' };
}

export function readKeyFile(file: string): Keyring {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFileV1;
  if (raw.format !== 'outpost-keyring-1') throw new Error(`${file}: not an Outpost key file`);
  const keys = new Map<number, Buffer>();
  for (const [v, k] of Object.entries(raw.keys)) keys.set(Number(v), decodeKey(k, `${file} key ${v}`));
  if (!keys.has(raw.current)) throw new Error(`${file}: current key version ${raw.current} missing`);
  return { current: raw.current, keys, indexKey: decodeKey(raw.indexKey, `${file} index key`), source: 'file' };
}

/** Writes atomically (temp file + rename) with mode 0600: readable by the service user only. */
export function writeKeyFile(file: string, ring: Keyring): void {
  const body: KeyFileV1 = {
    format: 'outpost-keyring-1',
    current: ring.current,
    keys: Object.fromEntries([...ring.keys].map(([v, k]) => [String(v), k.toString('base64')])),
    indexKey: ring.indexKey.toString('base64'),
    createdAt: new Date().toISOString(),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** The keyring from OUTPOST_DATA_KEY, else the key file, created with fresh random keys when absent. */
export function loadKeyring(opts: { dataKey: string | undefined; dataKeyFile: string }): Keyring {
  if (opts.dataKey) return keyringFromEnv(opts.dataKey);
  if (fs.existsSync(opts.dataKeyFile)) return readKeyFile(opts.dataKeyFile);
  const ring: Keyring = { current: 1, keys: new Map([[1, randomBytes(KEY_BYTES)]]), indexKey: randomBytes(KEY_BYTES), source: 'file' };
  writeKeyFile(opts.dataKeyFile, ring);
  return ring;
}

/** The keyring the settings name, or null when there is none yet (unlike loadKeyring, no key file is created). */
export function existingKeyring(opts: { dataKey: string | undefined; dataKeyFile: string }): Keyring | null {
  return opts.dataKey || fs.existsSync(opts.dataKeyFile) ? loadKeyring(opts) : null;
}

/**
 * A key's check value, as banks print beside a key to tell keys apart without showing them: the
 * first 8 hex digits of HMAC-SHA256 under the key of a fixed text. A backup records those of the
 * keys its data needs, so a restore can tell that the configured key file is the right one.
 */
export function keyCheckValue(key: Buffer): string {
  return createHmac('sha256', key).update('outpost key check value').digest('hex').slice(0, 8);
}

/** Adds a new random key version and makes it current (key file only; env keys are set by the operator). */
export function addKeyVersion(ring: Keyring): Keyring {
  const next = Math.max(...ring.keys.keys()) + 1;
  const keys = new Map(ring.keys);
  keys.set(next, randomBytes(KEY_BYTES));
  return { ...ring, current: next, keys };
}

/** Drops every version but the current one, after all values were re-encrypted. */
export function retireOldVersions(ring: Keyring): Keyring {
  return { ...ring, keys: new Map([[ring.current, ring.keys.get(ring.current)!]]) };
}
