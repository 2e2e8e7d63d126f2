import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Clock } from '../domain/clock.ts';
import type { Account, Branch, Customer, Institution } from '../domain/reference.ts';
import type { Scope } from '../domain/scope.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Actor } from '../audit/audit.types.ts';
import { notFound } from '../shared/errors.ts';
import type { AccountDirectory } from './account-directory.ts';
import type { AccountIdentifier, ReferenceRepository } from './reference.repository.ts';
import type { ChangeWatcher } from '../platform/change-watcher.ts';

/** The institution every fresh installation starts with; demo data fills it. */
export const DEFAULT_INSTITUTION: Institution = { id: 'inst_demo', code: 'DEMO', name: '前哨示范银行', bankCode: '313100000001' };

export interface ReferenceData {
  institution?: Institution;
  branches?: readonly Branch[];
  customers?: readonly Customer[];
  accounts?: readonly Account[];
  identifiers?: readonly AccountIdentifier[];
}

/** Reference data: loading it (audited), reading it in scope, and the in-memory account directory. */
export class ReferenceService {
  private readonly directories = new Map<string, Promise<AccountDirectory>>();

  constructor(private readonly d: { db: Kysely<DB>; clock: Clock; audit: AuditRepository; repo: ReferenceRepository; changes: Pick<ChangeWatcher, 'bump' | 'committed'> }) {}

  async ensureDefaultInstitution(): Promise<void> {
    if ((await this.d.repo.institutions(this.d.db)).length > 0) return;
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.repo.insertInstitution(trx, DEFAULT_INSTITUTION, this.d.clock.now());
      await this.d.audit.append(trx, {
        actor: { id: 'system', kind: 'system', institutionId: DEFAULT_INSTITUTION.id },
        action: 'institution.create', targetType: 'institution', targetId: DEFAULT_INSTITUTION.id, after: DEFAULT_INSTITUTION,
      });
    });
  }

  /** Every institution's id, in id order (what background work iterates over). */
  async institutionIds(): Promise<string[]> {
    return (await this.d.repo.institutions(this.d.db)).map((i) => i.id);
  }

  async institution(id: string): Promise<Institution> {
    const i = await this.d.repo.institution(this.d.db, id);
    if (!i) throw notFound('institution', id);
    return i;
  }

  /** Account directory of an institution, loaded on first use and kept current by `load`. */
  directory(institutionId: string): Promise<AccountDirectory> {
    let p = this.directories.get(institutionId);
    if (!p) {
      p = this.institution(institutionId).then((i) => this.d.repo.loadDirectory(this.d.db, i));
      p.catch(() => this.directories.delete(institutionId));
      this.directories.set(institutionId, p);
    }
    return p;
  }

  /**
   * Re-reads the account register into the existing directory object, so holders of it (the
   * scoring engine's profile lookup) see new accounts without being rebuilt. Runs after this
   * process's loads and, through the change watcher, after another process's.
   */
  async reloadDirectory(institutionId: string): Promise<void> {
    const cached = this.directories.get(institutionId);
    if (!cached) return;
    const dir = await cached;
    await this.d.repo.loadDirectory(this.d.db, await this.institution(institutionId), dir);
  }

  /** Stores reference data in one transaction with one audit event per kind of record. */
  async load(institutionId: string, data: ReferenceData, actor: Actor): Promise<{ branches: number; customers: number; accounts: number; identifiers: number }> {
    const at = this.d.clock.now();
    const change = await this.d.db.transaction().execute(async (trx) => {
      if (data.institution) await this.d.repo.insertInstitution(trx, data.institution, at);
      if (data.branches?.length) await this.d.repo.insertBranches(trx, data.branches, at);
      if (data.customers?.length) await this.d.repo.insertCustomers(trx, data.customers, at);
      if (data.accounts?.length) await this.d.repo.insertAccounts(trx, data.accounts, at);
      if (data.identifiers?.length) await this.d.repo.insertIdentifiers(trx, institutionId, data.identifiers);
      await this.d.audit.append(trx, {
        actor, action: 'reference.load', targetType: 'institution', targetId: institutionId, institutionId,
        after: { branches: data.branches?.length ?? 0, customers: data.customers?.length ?? 0, accounts: data.accounts?.length ?? 0, identifiers: data.identifiers?.length ?? 0 },
      });
      return this.d.changes.bump(trx, institutionId, 'reference');
    });
    this.d.changes.committed(change);
    await this.reloadDirectory(institutionId);
    return { branches: data.branches?.length ?? 0, customers: data.customers?.length ?? 0, accounts: data.accounts?.length ?? 0, identifiers: data.identifiers?.length ?? 0 };
  }

  branches(scope: Scope) {
    return this.d.repo.branches(this.d.db, scope);
  }

  /** A customer in scope, decrypted; the read is audited (who looked at whom). */
  async customer(scope: Scope, id: string, actor: Actor): Promise<Customer> {
    const c = await this.d.repo.customer(this.d.db, scope, id);
    if (!c) throw notFound('customer', id);
    await this.d.db.transaction().execute((trx) => this.d.audit.append(trx, {
      actor, action: 'customer.read', targetType: 'customer', targetId: id, institutionId: scope.institutionId,
    }));
    return c;
  }

  /** Exact lookup by ID number or phone (blind index); each customer found is a customer read, audited. */
  async findCustomers(scope: Scope, by: { idNumber?: string; phone?: string }, actor: Actor): Promise<Customer[]> {
    const ids = await this.d.repo.customerIdsByIdentity(this.d.db, scope, by);
    const out: Customer[] = [];
    for (const id of ids) out.push(await this.customer(scope, id, actor));
    return out;
  }

  async account(scope: Scope, id: string): Promise<Account> {
    const a = await this.d.repo.account(this.d.db, scope, id);
    if (!a) throw notFound('account', id);
    return a;
  }

  accountsOfCustomer(scope: Scope, customerId: string) {
    return this.d.repo.accountsOfCustomer(this.d.db, scope, customerId);
  }

  identifiers(institutionId: string) {
    return this.d.repo.identifiers(this.d.db, institutionId);
  }
}
