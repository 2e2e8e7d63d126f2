import { monotonicFactory } from 'ulid';

/** Type prefixes of the platform's readable ids (`txn_01J...`). */
export type IdPrefix =
  | 'inst' | 'br' | 'cus' | 'acc' | 'txn' | 'qr' | 'alr' | 'case' | 'usr' | 'key' | 'ses'
  | 'aud' | 'scn' | 'ring' | 'job' | 'cfg' | 'role' | 'rpt';

export type IdGenerator = (prefix: IdPrefix) => string;

/** Monotonic ULIDs with a type prefix, sortable by creation time. */
export function createIdGenerator(): IdGenerator {
  const next = monotonicFactory();
  return (prefix) => `${prefix}_${next()}`;
}
