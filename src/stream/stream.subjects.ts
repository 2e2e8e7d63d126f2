/**
 * Subject layout of the transaction stream: `outpost.txn.<institutionId>.<partition>`, one
 * JetStream stream `OUTPOST_TXN` over `outpost.txn.>`. The partition is a hash of the debit (else
 * credit) account, so a later deployment can split scoring by partition; today one consumer
 * reads all partitions.
 */
export const STREAM_NAME = 'OUTPOST_TXN';
export const SUBJECT_PREFIX = 'outpost.txn';
export const CONSUMER_NAME = 'outpost-ingest';

/** FNV-1a 32-bit: small, stable across processes and languages, good enough to spread accounts. */
export function partitionOf(account: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < account.length; i++) {
    h ^= account.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

export function subjectFor(institutionId: string, record: Record<string, unknown>, partitions: number): string {
  const key = String(record.debitAccount ?? record.creditAccount ?? record.id ?? '');
  return `${SUBJECT_PREFIX}.${institutionId}.${partitionOf(key, partitions)}`;
}

/** The institution of a message from its subject, or null when the subject is not ours. */
export function institutionOf(subject: string): string | null {
  const parts = subject.split('.');
  return parts.length === 4 && `${parts[0]}.${parts[1]}` === SUBJECT_PREFIX && /^[\w-]+$/.test(parts[2]) ? parts[2] : null;
}
