import crypto from 'node:crypto';

/**
 * Hex digest of a UTF-8 string. `crypto.hash` (Node ≥ 20.12) computes it in one call without a
 * Hash object; each Hash object is a native handle the young-generation collector must process
 * (two per ingest request: the API key and the audit chain), so the hot paths use this.
 */
export function digestHex(algorithm: 'sm3' | 'sha256', data: string): string {
  return typeof crypto.hash === 'function'
    ? crypto.hash(algorithm, data, 'hex')
    : crypto.createHash(algorithm).update(data).digest('hex');
}
