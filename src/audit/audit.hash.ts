import { createHash } from 'node:crypto';

export type AuditHashAlgorithm = 'sm3' | 'sha256';

/** The fields of an audit event that the chain hash covers, in a fixed order. */
export interface HashedAuditFields {
  seq: number;
  id: string;
  institution_id: string | null;
  actor: string;
  actor_kind: string;
  action: string;
  target_type: string;
  target_id: string | null;
  ip: string | null;
  before: string | null;
  after: string | null;
  at: number;
  prev_hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash_n = H(prev_hash || canonical JSON of event n). SM3 comes from OpenSSL via node:crypto. */
export function chainHash(e: HashedAuditFields, algorithm: AuditHashAlgorithm): string {
  const canonical = JSON.stringify([
    e.seq, e.id, e.institution_id, e.actor, e.actor_kind, e.action, e.target_type, e.target_id,
    e.ip, e.before, e.after, e.at,
  ]);
  return createHash(algorithm).update(e.prev_hash).update(canonical).digest('hex');
}
