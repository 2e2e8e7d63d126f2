import { digestHex } from '../crypto/digest.ts';
import type { AuditEventsTable } from '../store/schema.ts';

export type AuditHashAlgorithm = 'sm3' | 'sha256';

/** The fields of an audit event that the chain hash covers: the stored row without its own hash. */
export type HashedAuditFields = Omit<AuditEventsTable, 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

/** hash_n = H(prev_hash || canonical JSON of event n). SM3 comes from OpenSSL via node:crypto. */
export function chainHash(e: HashedAuditFields, algorithm: AuditHashAlgorithm): string {
  const canonical = JSON.stringify([
    e.seq, e.id, e.institution_id, e.actor, e.actor_kind, e.action, e.target_type, e.target_id,
    e.ip, e.before, e.after, e.at,
  ]);
  return digestHex(algorithm, e.prev_hash + canonical);
}
