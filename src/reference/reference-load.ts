import type { Account, Branch, Customer } from '../domain/reference.ts';
import { conflict, validation, type ErrorDetail } from '../shared/errors.ts';
import type { CustomerRow, StoredCustomerFacts } from './reference.repository.ts';

/**
 * The rules of a reference load, apart from storage. A load puts records: new ones are inserted,
 * stored ones replaced (a bank's core system sends the day's changes — a customer re-rated, an
 * account frozen — as the same records again). Every reference is checked before anything is
 * written, so a bad record is named by its path instead of failing on a foreign key.
 */

/** What the database holds that a load's references may point at or replace. */
export interface StoredForLoad {
  /** Branch ids of the institution named by the load. */
  branches: ReadonlySet<string>;
  /** Customer ids of the institution named by the load's accounts and not loaded with them. */
  customers: ReadonlySet<string>;
  /** Stored customers with the load's ids, of any institution (a customer id is unique across the installation). */
  storedCustomers: ReadonlyMap<string, StoredCustomerFacts>;
}

/** The branch ids a load's records point at, and the customer ids its accounts point at outside the load: what to look up for `checkLoad`. */
export function referencesOf(data: { branches?: readonly Branch[]; customers?: readonly Customer[]; accounts?: readonly Account[] }): { branchIds: string[]; customerIds: string[] } {
  const customers = data.customers ?? [], accounts = data.accounts ?? [];
  const loaded = new Set(customers.map((c) => c.id));
  const branchIds = new Set([...customers.map((c) => c.branchId), ...accounts.map((a) => a.branchId), ...(data.branches ?? []).flatMap((b) => (b.parentId ? [b.parentId] : []))]);
  return { branchIds: [...branchIds], customerIds: [...new Set(accounts.map((a) => a.customerId).filter((id) => !loaded.has(id)))] };
}

/** At most this many problems are reported for one load (the first ones, in input order). */
const MAX_PROBLEMS = 100;

/**
 * Refuses a load whose records point at branches or customers that neither it nor the
 * institution has (400, each with its path), or whose customer ids belong to another
 * institution's customers (409: customer ids are unique across the installation, and one
 * institution never writes another's; account numbers are unique within an institution).
 */
export function checkLoad(
  institutionId: string,
  data: { branches?: readonly Branch[]; customers?: readonly Customer[]; accounts?: readonly Account[] },
  stored: StoredForLoad,
): void {
  const branches = new Set([...stored.branches, ...(data.branches ?? []).map((b) => b.id)]);
  const customers = new Set([...stored.customers, ...(data.customers ?? []).map((c) => c.id)]);
  const foreign: ErrorDetail[] = [];
  const missing: ErrorDetail[] = [];
  (data.branches ?? []).forEach((b, i) => {
    if (b.parentId !== null && !branches.has(b.parentId)) missing.push({ path: `branches[${i}].parentId`, message: `no branch ${b.parentId} in this institution or this load` });
  });
  (data.customers ?? []).forEach((c, i) => {
    const s = stored.storedCustomers.get(c.id);
    if (s && s.institution_id !== institutionId) foreign.push({ path: `customers[${i}].id`, message: `customer id ${c.id} is used by another institution` });
    if (!branches.has(c.branchId)) missing.push({ path: `customers[${i}].branchId`, message: `no branch ${c.branchId} in this institution or this load` });
  });
  (data.accounts ?? []).forEach((a, i) => {
    if (!branches.has(a.branchId)) missing.push({ path: `accounts[${i}].branchId`, message: `no branch ${a.branchId} in this institution or this load` });
    if (!customers.has(a.customerId)) missing.push({ path: `accounts[${i}].customerId`, message: `no customer ${a.customerId} in this institution or this load` });
  });
  if (foreign.length > 0) throw conflict(`${foreign.length} customer(s) of the load have ids another institution uses; nothing was stored`, foreign.slice(0, MAX_PROBLEMS));
  if (missing.length > 0) throw validation(`${missing.length} reference(s) of the load point at nothing; nothing was stored`, missing.slice(0, MAX_PROBLEMS));
}

/** One field's change: stored value, then loaded value. */
export type FieldChange = [before: unknown, after: unknown];

/**
 * A stored customer's changes, for the audit log: fields that are not personal data with their
 * values, the ID number and phone by name only (compared through their keyed hashes; no plaintext
 * enters the log). Name and address are re-encrypted on every load and cannot be compared without
 * decrypting them, so they are not listed.
 */
export function customerChanges(before: StoredCustomerFacts, after: CustomerRow): Record<string, FieldChange | true> {
  const out: Record<string, FieldChange | true> = {};
  const fields = [
    ['branchId', before.branch_id, after.branch_id], ['kind', before.kind, after.kind], ['birthDate', before.birth_date, after.birth_date ?? null],
    ['occupation', before.occupation, after.occupation ?? null], ['riskLevel', before.risk_level, after.risk_level],
    ['kycDate', before.kyc_date, after.kyc_date ?? null], ['kycReviewDate', before.kyc_review_date, after.kyc_review_date ?? null],
  ] as const;
  for (const [name, b, a] of fields) if (b !== a) out[name] = [b, a];
  if (before.id_number_hash !== (after.id_number_hash ?? null)) out.idNumber = true;
  if (before.phone_hash !== (after.phone_hash ?? null)) out.phone = true;
  return out;
}

/** A stored account's changed fields with their values. */
export function accountChanges(before: Account, after: Account): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const k of ['branchId', 'customerId', 'type', 'status', 'currency', 'openedAt'] as const) {
    if (before[k] !== after[k]) out[k] = [before[k], after[k]];
  }
  return out;
}
