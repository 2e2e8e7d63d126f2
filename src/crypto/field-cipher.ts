/**
 * Field-level encryption of personal data (names, ID numbers, phones, addresses, account numbers
 * where configured). Repositories encrypt before writing and decrypt after reading; exact lookups use
 * the blind index (a keyed hash) stored next to the ciphertext, never the plaintext.
 *
 * Stored format: `<alg>:v<version>:<base64url payload>`, e.g. `sm4:v2:...`. The algorithm and key
 * version travel with every value, so a value written under an old key or another algorithm still
 * decrypts, and `outpost keys rotate` can find values that need re-encryption.
 */
export type CipherAlgorithm = 'sm4' | 'aes-256-gcm';

export interface FieldCipher {
  /** Authenticated encryption under the current key version. */
  encrypt(plain: string): string;
  /** Decrypts a value written by `encrypt` under any known key version; throws if tampered with. */
  decrypt(stored: string): string;
  /** Deterministic keyed hash (HMAC-SM3) of a normalised value for exact lookups; `kind` separates domains. */
  blindIndex(kind: string, plain: string): string;
  /** The key version new values are written under. */
  readonly currentVersion: number;
  /** True when `stored` was written under another key version or algorithm than the current one. */
  needsReencrypt(stored: string): boolean;
  /** Whether `value` looks like a value written by a FieldCipher (not plaintext). */
  isEncrypted(value: string): boolean;
}

export interface StoredValueHeader {
  algorithm: CipherAlgorithm;
  version: number;
  payload: string;
}

const PREFIX: Record<CipherAlgorithm, string> = { sm4: 'sm4', 'aes-256-gcm': 'aes' };
const STORED = /^(sm4|aes):v(\d{1,6}):([A-Za-z0-9_-]+)$/;

export function formatStored(algorithm: CipherAlgorithm, version: number, payload: Buffer): string {
  return `${PREFIX[algorithm]}:v${version}:${payload.toString('base64url')}`;
}

export function parseStored(stored: string): StoredValueHeader | null {
  const m = STORED.exec(stored);
  if (!m) return null;
  return { algorithm: m[1] === 'sm4' ? 'sm4' : 'aes-256-gcm', version: Number(m[2]), payload: m[3] };
}

/** Additional authenticated data binding a ciphertext to its algorithm and key version. */
export function headerOf(algorithm: CipherAlgorithm, version: number): string {
  return `${PREFIX[algorithm]}:v${version}:`;
}
