import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AccountsTable, CustomersTable, DB } from '../store/schema.ts';
import type { Scope } from '../domain/scope.ts';
import { inBranches } from '../store/scope-filter.ts';
import type { Account, Branch, Customer, Institution } from '../domain/reference.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { AccountDirectory } from './account-directory.ts';

const CHUNK = 500;

export type CustomerRow = Insertable<CustomersTable>;

/** A stored customer's fields that are not personal data, and its keyed hashes (what a load compares). */
export type StoredCustomerFacts = Pick<CustomersTable,
  'id' | 'institution_id' | 'branch_id' | 'kind' | 'birth_date' | 'occupation' | 'risk_level' | 'kyc_date' | 'kyc_review_date' | 'id_number_hash' | 'phone_hash'>;

/** The rows `read` returns for each chunk of `ids` (an `IN` list of at most CHUNK ids), together. */
async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...await read(ids.slice(i, i + CHUNK)));
  return out;
}

const toAccount = (r: Selectable<AccountsTable>): Account => ({
  id: r.id, institutionId: r.institution_id, branchId: r.branch_id, customerId: r.customer_id,
  type: r.type as Account['type'], status: r.status as Account['status'], currency: r.currency, openedAt: r.opened_at,
});

/** A load names another parent for an existing branch. */
export class BranchMoveError extends Error {
  constructor(readonly branchId: string, readonly storedParent: string | null, readonly newParent: string | null) {
    super(`branch ${branchId} is under ${storedParent ?? 'no parent'}; a load cannot move it under ${newParent ?? 'no parent'}`);
  }
}

export interface AccountIdentifier {
  accountId: string;
  kind: 'device' | 'phone' | 'ip' | 'address';
  value: string;
}

/** Institutions, the branch tree, customers (personal data encrypted) and accounts. */
export class ReferenceRepository {
  constructor(private readonly cipher: () => FieldCipher) {}

  async institution(db: Kysely<DB>, id: string): Promise<Institution | undefined> {
    const r = await db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, code: r.code, name: r.name, bankCode: r.bank_code } : undefined;
  }

  async institutions(db: Kysely<DB>): Promise<Institution[]> {
    const rows = await db.selectFrom('institutions').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, bankCode: r.bank_code }));
  }

  async insertInstitution(trx: Kysely<DB>, i: Institution, at: number): Promise<void> {
    await trx.insertInto('institutions').values({ id: i.id, code: i.code, name: i.name, bank_code: i.bankCode, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing()).execute();
  }

  /**
   * Inserts new branches parent-first (the input may be in any order) and renames existing ones
   * (code, name, level). A branch's place in the tree is part of every scope below it: a load that
   * names another parent for an existing branch is refused (`BranchMoveError`), not applied.
   */
  async putBranches(trx: Kysely<DB>, branches: readonly Branch[], at: number): Promise<{ created: number; updated: number }> {
    const byId = new Map(branches.map((b) => [b.id, b]));
    const existing = await trx.selectFrom('branches').select(['id', 'path', 'parent_id', 'code', 'name', 'level'])
      .where('institution_id', 'in', [...new Set(branches.map((b) => b.institutionId))]).execute();
    const stored = new Map(existing.map((e) => [e.id, e]));
    const paths = new Map(existing.map((e) => [e.id, e.path]));
    const pathOf = (b: Branch): string => {
      const known = paths.get(b.id);
      if (known) return known;
      const parent = b.parentId ? (byId.get(b.parentId) ? pathOf(byId.get(b.parentId)!) : paths.get(b.parentId)) : '/';
      if (parent === undefined) throw new Error(`branch ${b.id}: parent ${b.parentId} does not exist`);
      const p = `${parent}${b.id}/`;
      paths.set(b.id, p);
      return p;
    };
    let created = 0;
    let updated = 0;
    const rows = branches.map((b) => ({
      id: b.id, institution_id: b.institutionId, parent_id: b.parentId, code: b.code, name: b.name, level: b.level, path: pathOf(b), created_at: at,
    })).sort((a, b) => a.path.length - b.path.length);
    for (const r of rows) {
      const before = stored.get(r.id);
      if (!before) {
        await trx.insertInto('branches').values(r).execute();
        created++;
      } else if (before.parent_id !== r.parent_id) {
        throw new BranchMoveError(r.id, before.parent_id, r.parent_id);
      } else if (before.code !== r.code || before.name !== r.name || Number(before.level) !== r.level) {
        await trx.updateTable('branches').set({ code: r.code, name: r.name, level: r.level }).where('id', '=', r.id).execute();
        updated++;
      }
    }
    return { created, updated };
  }

  /** Customers as stored, ready to insert or replace: personal data encrypted, keyed hashes for lookups (CPU only, no I/O). */
  customerRows(customers: readonly Customer[], at: number): CustomerRow[] {
    const c = this.cipher();
    const enc = (v: string | null) => (v === null ? null : c.encrypt(v));
    return customers.map((x) => ({
      id: x.id, institution_id: x.institutionId, branch_id: x.branchId, kind: x.kind,
      name: c.encrypt(x.name), id_number: enc(x.idNumber), phone: enc(x.phone), address: enc(x.address),
      id_number_hash: x.idNumber ? c.blindIndex('id_number', x.idNumber) : null,
      phone_hash: x.phone ? c.blindIndex('phone', x.phone) : null,
      birth_date: x.birthDate, occupation: x.occupation, risk_level: x.riskLevel,
      kyc_date: x.kycDate, kyc_review_date: x.kycReviewDate, created_at: at, updated_at: at,
    }));
  }

  /**
   * Inserts customers, or replaces every field of stored ones but their institution and creation
   * time; each row is marked with the load's change counter (`change`, migration 0035). A stored
   * customer of another institution is left as it is; returns the rows written.
   */
  async putCustomerRows(trx: Kysely<DB>, rows: readonly CustomerRow[], change: number): Promise<number> {
    let written = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK).map((r) => ({ ...r, ref_change: change }));
      const put = await trx.insertInto('customers').values(part).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
        branch_id: eb.ref('excluded.branch_id'), kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name'),
        id_number: eb.ref('excluded.id_number'), phone: eb.ref('excluded.phone'), address: eb.ref('excluded.address'),
        id_number_hash: eb.ref('excluded.id_number_hash'), phone_hash: eb.ref('excluded.phone_hash'),
        birth_date: eb.ref('excluded.birth_date'), occupation: eb.ref('excluded.occupation'), risk_level: eb.ref('excluded.risk_level'),
        kyc_date: eb.ref('excluded.kyc_date'), kyc_review_date: eb.ref('excluded.kyc_review_date'), updated_at: eb.ref('excluded.updated_at'),
        ref_change: eb.ref('excluded.ref_change'),
      })).whereRef('customers.institution_id', '=', 'excluded.institution_id')).returning('id').execute();
      written += put.length;
    }
    return written;
  }

  /** Inserts accounts, or replaces every field of stored ones but their institution and creation time; marked as customers are. */
  async putAccounts(trx: Kysely<DB>, accounts: readonly Account[], at: number, change: number): Promise<void> {
    const rows = accounts.map((a) => ({
      id: a.id, institution_id: a.institutionId, branch_id: a.branchId, customer_id: a.customerId,
      type: a.type, status: a.status, currency: a.currency, opened_at: a.openedAt, created_at: at, ref_change: change,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx.insertInto('accounts').values(rows.slice(i, i + CHUNK)).onConflict((oc) => oc.columns(['institution_id', 'id']).doUpdateSet((eb) => ({
        branch_id: eb.ref('excluded.branch_id'), customer_id: eb.ref('excluded.customer_id'), type: eb.ref('excluded.type'),
        status: eb.ref('excluded.status'), currency: eb.ref('excluded.currency'), opened_at: eb.ref('excluded.opened_at'),
        ref_change: eb.ref('excluded.ref_change'),
      }))).execute();
    }
  }

  /** What is stored of these customers (any institution), by id; personal data only as its keyed hashes. */
  async storedCustomers(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, StoredCustomerFacts>> {
    const rows = await inChunks(ids, (chunk) => db.selectFrom('customers')
      .select(['id', 'institution_id', 'branch_id', 'kind', 'birth_date', 'occupation', 'risk_level', 'kyc_date', 'kyc_review_date', 'id_number_hash', 'phone_hash'])
      .where('id', 'in', chunk).execute());
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The institution's stored accounts with these numbers (an account number is unique within an institution). */
  async storedAccounts(db: Kysely<DB>, institutionId: string, ids: readonly string[]): Promise<Map<string, Account>> {
    const rows = await inChunks(ids, (chunk) => db.selectFrom('accounts').selectAll().where('institution_id', '=', institutionId).where('id', 'in', chunk).execute());
    return new Map(rows.map((r) => [r.id, toAccount(r)]));
  }

  /** Which of these ids name a branch (or a customer) of the institution. */
  async idsIn(db: Kysely<DB>, table: 'branches' | 'customers', institutionId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = await inChunks(ids, (chunk) => db.selectFrom(table).select('id').where('institution_id', '=', institutionId).where('id', 'in', chunk).execute());
    return new Set(rows.map((r) => r.id));
  }

  async branches(db: Kysely<DB>, scope: Scope): Promise<Array<Branch & { path: string }>> {
    let q = db.selectFrom('branches').selectAll().where('institution_id', '=', scope.institutionId);
    if (scope.branchIds) q = q.where(inBranches('id', scope.branchIds));
    const rows = await q.orderBy('path').execute();
    return rows.map((r) => ({ id: r.id, institutionId: r.institution_id, parentId: r.parent_id, code: r.code, name: r.name, level: Number(r.level), path: r.path }));
  }

  async insertIdentifiers(trx: Kysely<DB>, institutionId: string, ids: readonly AccountIdentifier[]): Promise<void> {
    const c = this.cipher();
    const rows = ids.map((i) => ({ institution_id: institutionId, account_id: i.accountId, kind: i.kind, value_hash: c.blindIndex(i.kind, i.value) }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx.insertInto('account_identifiers').values(rows.slice(i, i + CHUNK)).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  /** Identifier links (kind + keyed hash) of the institution's accounts, for shared-identifier mining. */
  async identifiers(db: Kysely<DB>, institutionId: string): Promise<Array<{ accountId: string; kind: string; valueHash: string }>> {
    const rows = await db.selectFrom('account_identifiers').selectAll().where('institution_id', '=', institutionId).execute();
    return rows.map((r) => ({ accountId: r.account_id, kind: r.kind, valueHash: r.value_hash }));
  }

  /**
   * Customers whose ID number or phone equals the given value exactly, found by keyed hash
   * (blind index): the database never sees the plaintext, and no partial match is possible.
   */
  async customerIdsByIdentity(db: Kysely<DB>, scope: Scope, by: { idNumber?: string; phone?: string }): Promise<string[]> {
    const c = this.cipher();
    let q = db.selectFrom('customers').select('id').where('institution_id', '=', scope.institutionId);
    if (by.idNumber) q = q.where('id_number_hash', '=', c.blindIndex('id_number', by.idNumber));
    if (by.phone) q = q.where('phone_hash', '=', c.blindIndex('phone', by.phone));
    if (scope.branchIds) q = q.where(inBranches('branch_id', scope.branchIds));
    const rows = await q.orderBy('id').limit(50).execute();
    return rows.map((r) => r.id);
  }

  async customer(db: Kysely<DB>, scope: Scope, id: string): Promise<Customer | undefined> {
    let q = db.selectFrom('customers').selectAll().where('institution_id', '=', scope.institutionId).where('id', '=', id);
    if (scope.branchIds) q = q.where(inBranches('branch_id', scope.branchIds));
    const r = await q.executeTakeFirst();
    if (!r) return undefined;
    const c = this.cipher();
    const dec = (v: string | null) => (v === null ? null : c.decrypt(v));
    return {
      id: r.id, institutionId: r.institution_id, branchId: r.branch_id, kind: r.kind as Customer['kind'],
      name: c.decrypt(r.name), idNumber: dec(r.id_number), phone: dec(r.phone), address: dec(r.address),
      birthDate: r.birth_date, occupation: r.occupation, riskLevel: r.risk_level as Customer['riskLevel'],
      kycDate: r.kyc_date, kycReviewDate: r.kyc_review_date,
    };
  }

  async account(db: Kysely<DB>, scope: Scope, id: string): Promise<Account | undefined> {
    let q = db.selectFrom('accounts').selectAll().where('institution_id', '=', scope.institutionId).where('id', '=', id);
    if (scope.branchIds) q = q.where(inBranches('branch_id', scope.branchIds));
    const r = await q.executeTakeFirst();
    return r ? toAccount(r) : undefined;
  }

  async accountsOfCustomer(db: Kysely<DB>, scope: Scope, customerId: string): Promise<Account[]> {
    let q = db.selectFrom('accounts').selectAll().where('institution_id', '=', scope.institutionId).where('customer_id', '=', customerId);
    if (scope.branchIds) q = q.where(inBranches('branch_id', scope.branchIds));
    const rows = await q.orderBy('id').execute();
    return rows.map(toAccount);
  }

  /** Builds the in-memory account directory of one institution. */
  async loadDirectory(db: Kysely<DB>, institution: Institution, into?: AccountDirectory): Promise<AccountDirectory> {
    const dir = into ?? new AccountDirectory(institution.id, institution.bankCode);
    const branches = await db.selectFrom('branches').select(['id', 'code']).where('institution_id', '=', institution.id).execute();
    dir.setBranches(branches);
    putEntries(dir, await directoryRows(db, institution.id).execute());
    return dir;
  }

  /**
   * Puts into the directory every account, and every account of a customer, that a load marked
   * with a change counter above `since` (migration 0035): what changed since the directory last
   * read the register. Returns the entries put.
   */
  async putChangedEntries(db: Kysely<DB>, institutionId: string, dir: AccountDirectory, since: number): Promise<number> {
    const branches = await db.selectFrom('branches').select(['id', 'code']).where('institution_id', '=', institutionId).execute();
    dir.setBranches(branches);
    const accounts = await directoryRows(db, institutionId).where('accounts.ref_change', '>', since).execute();
    const ofCustomers = await directoryRows(db, institutionId).where('customers.institution_id', '=', institutionId).where('customers.ref_change', '>', since).execute();
    putEntries(dir, accounts);
    putEntries(dir, ofCustomers);
    return accounts.length + ofCustomers.length;
  }
}

/** An institution's accounts with what the directory keeps of their customers. */
function directoryRows(db: Kysely<DB>, institutionId: string) {
  return db.selectFrom('accounts')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .select(['accounts.id as id', 'accounts.branch_id as branch_id', 'accounts.customer_id as customer_id', 'accounts.opened_at as opened_at',
      'accounts.status as status', 'customers.kind as kind', 'customers.birth_date as birth_date', 'customers.risk_level as risk_level'])
    .where('accounts.institution_id', '=', institutionId);
}

function putEntries(dir: AccountDirectory, rows: ReadonlyArray<{ id: string; branch_id: string; customer_id: string; opened_at: string; status: string; kind: string; birth_date: string | null; risk_level: string }>): void {
  for (const r of rows) {
    dir.putAccount({
      accountId: r.id, branchId: r.branch_id, customerId: r.customer_id, customerKind: r.kind as 'person' | 'organisation',
      birthDate: r.birth_date, openedAt: Date.parse(`${r.opened_at}T00:00:00+08:00`), riskLevel: r.risk_level as 'low' | 'medium' | 'high', status: r.status, own: true,
    });
  }
}
