import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Clock } from '../domain/clock.ts';
import type { Account, Branch, Customer, Institution } from '../domain/reference.ts';
import type { Scope } from '../domain/scope.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Actor } from '../audit/audit.types.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { letOthersIn } from '../shared/let-others-in.ts';
import { accountChanges, checkLoad, customerChanges, referencesOf } from './reference-load.ts';
import type { AccountDirectory } from './account-directory.ts';
import { BranchMoveError, type AccountIdentifier, type CustomerRow, type ReferenceRepository } from './reference.repository.ts';
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

/** Records of a load, and how many of them replaced stored records that differed. */
export interface LoadResult {
  branches: number;
  customers: number;
  accounts: number;
  identifiers: number;
  /** Branches renamed, stored customers re-written, stored accounts changed. */
  updated: { branches: number; customers: number; accounts: number };
  /** Quarantined records that lacked an account the load added or a branch code it put, tried again (absent when there was none). */
  quarantine?: QuarantineRetried;
}

export interface QuarantineRetried { examined: number; resubmitted: number; duplicates: number; stillFailing: number }

/** What a committed load made known: accounts it added, and the codes of the branches it put (new or renamed). */
export interface ReferencesAdded { accounts: readonly string[]; branchCodes: readonly string[] }
/** Told of what a committed load made known (ingest tries the quarantined records that lacked it again). */
export type ReferencesListener = (institutionId: string, added: ReferencesAdded, actor: Actor) => Promise<QuarantineRetried | null>;

/** Customers encrypted between two turns of the event loop (~20 ms of work). */
const ENCRYPT_STEP = 1_000;
/** Changed records named by one audit event. */
const AUDIT_CHANGES_PER_EVENT = 500;

/** Reference data: loading it (audited), reading it in scope, and the in-memory account directory. */
export class ReferenceService {
  private readonly directories = new Map<string, Promise<AccountDirectory>>();

  /** Per institution: the `reference` change counter up to which its directory has applied the loads. */
  private readonly applied = new Map<string, number>();
  /** Per institution: the directory refresh under way (refreshes run one after another). */
  private readonly refreshing = new Map<string, Promise<void>>();
  private referencesAdded: ReferencesListener | null = null;

  constructor(private readonly d: {
    db: Kysely<DB>; clock: Clock; audit: AuditRepository; repo: ReferenceRepository; changes: Pick<ChangeWatcher, 'bump' | 'committed'>;
    /** The institution's `reference` change counter as committed now. */
    changeCounter: (institutionId: string) => Promise<number>;
  }) {}

  /** Who is told of what each load makes known, after the load committed and the directory holds it. */
  onReferencesAdded(listener: ReferencesListener): void {
    this.referencesAdded = listener;
  }

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

  /** Account directory of an institution, loaded on first use and kept current by `load` and `reloadDirectory`. */
  directory(institutionId: string): Promise<AccountDirectory> {
    let p = this.directories.get(institutionId);
    if (!p) {
      p = (async () => {
        const institution = await this.institution(institutionId);
        // Read before the register: every load up to it is in what follows (its rows commit with it).
        const upTo = await this.d.changeCounter(institutionId);
        const dir = await this.d.repo.loadDirectory(this.d.db, institution);
        this.applied.set(institutionId, upTo);
        return dir;
      })();
      p.catch(() => this.directories.delete(institutionId));
      this.directories.set(institutionId, p);
    }
    return p;
  }

  /**
   * Brings the existing directory object up to the register (holders of it, the scoring engine's
   * profile lookup, see new and changed accounts without being rebuilt): reads only the customers'
   * and accounts' rows that loads marked since the directory last read (migration 0035). Runs after
   * this process's loads and, through the change watcher, after another process's.
   */
  async reloadDirectory(institutionId: string): Promise<void> {
    const cached = this.directories.get(institutionId);
    if (!cached) return;
    const next = (this.refreshing.get(institutionId) ?? Promise.resolve()).then(async () => {
      const dir = await cached;
      const upTo = await this.d.changeCounter(institutionId);
      const since = this.applied.get(institutionId) ?? 0;
      if (upTo <= since) return;
      await this.d.repo.putChangedEntries(this.d.db, institutionId, dir, since);
      this.applied.set(institutionId, upTo);
    });
    this.refreshing.set(institutionId, next.catch(() => undefined));
    return next;
  }

  /**
   * Puts reference data in one transaction: new records are inserted, stored ones replaced
   * (reference-load.ts checks every reference first). One audit event for the load with its
   * counts, and events naming what changed in stored customers and accounts (up to
   * AUDIT_CHANGES_PER_EVENT records each). This process's account directory then reads what loads
   * changed since it last read (`reloadDirectory`), not the whole register.
   */
  async load(institutionId: string, data: ReferenceData, actor: Actor): Promise<LoadResult> {
    const at = this.d.clock.now();
    const customers = data.customers ?? [];
    const accounts = data.accounts ?? [];
    // Encrypting personal data is most of a large load's work (~20 µs a customer): done before the
    // transaction, a step at a time, so requests (real-time scoring) go on meanwhile.
    const customerRows: CustomerRow[] = [];
    for (let i = 0; i < customers.length; i += ENCRYPT_STEP) {
      if (i > 0) await letOthersIn();
      customerRows.push(...this.d.repo.customerRows(customers.slice(i, i + ENCRYPT_STEP), at));
    }
    const { change, result, added } = await this.d.db.transaction().execute(async (trx) => {
      // First: the counter's row lock orders concurrent loads of the institution (each reads what
      // the one before stored), and its value marks the rows written.
      const change = await this.d.changes.bump(trx, institutionId, 'reference');
      const storedCustomers = await this.d.repo.storedCustomers(trx, customers.map((c) => c.id));
      const storedAccounts = await this.d.repo.storedAccounts(trx, institutionId, accounts.map((a) => a.id));
      const refs = referencesOf(data);
      checkLoad(institutionId, data, {
        branches: await this.d.repo.idsIn(trx, 'branches', institutionId, refs.branchIds),
        customers: await this.d.repo.idsIn(trx, 'customers', institutionId, refs.customerIds),
        storedCustomers,
      });
      if (data.institution) await this.d.repo.insertInstitution(trx, data.institution, at);
      const branches = data.branches?.length ? await this.putBranches(trx, data.branches, at) : { created: 0, updated: 0 };
      // Another institution's load committed the same new customer id after the check: refused, not overwritten.
      const written = await this.d.repo.putCustomerRows(trx, customerRows, change.counter);
      if (written < customerRows.length) throw conflict(`${customerRows.length - written} customer id(s) of the load were just taken by another institution; nothing was stored`);
      await this.d.repo.putAccounts(trx, accounts, at, change.counter);
      if (data.identifiers?.length) await this.d.repo.insertIdentifiers(trx, institutionId, data.identifiers);
      const customerUpdates = customerRows.filter((r) => storedCustomers.has(r.id)).map((r) => ({ id: r.id, changes: customerChanges(storedCustomers.get(r.id)!, r) }));
      const accountUpdates = accounts.filter((a) => storedAccounts.has(a.id))
        .map((a) => ({ id: a.id, changes: accountChanges(storedAccounts.get(a.id)!, a) })).filter((u) => Object.keys(u.changes).length > 0);
      const result: LoadResult = {
        branches: data.branches?.length ?? 0, customers: customers.length, accounts: accounts.length, identifiers: data.identifiers?.length ?? 0,
        updated: { branches: branches.updated, customers: customerUpdates.length, accounts: accountUpdates.length },
      };
      await this.d.audit.append(trx, { actor, action: 'reference.load', targetType: 'institution', targetId: institutionId, institutionId, after: result });
      const changed = [
        { action: 'reference.customers_update', targetType: 'customer', items: customerUpdates.filter((u) => Object.keys(u.changes).length > 0) },
        { action: 'reference.accounts_update', targetType: 'account', items: accountUpdates },
      ];
      for (const { action, targetType, items } of changed) {
        for (let i = 0; i < items.length; i += AUDIT_CHANGES_PER_EVENT) {
          const part = items.slice(i, i + AUDIT_CHANGES_PER_EVENT);
          await this.d.audit.append(trx, {
            actor, action, targetType, targetId: part.length === 1 ? part[0].id : null, institutionId, after: { changes: part },
          });
        }
      }
      return { change, result, added: accounts.filter((a) => !storedAccounts.has(a.id)).map((a) => a.id) };
    });
    this.d.changes.committed(change);
    // Also takes loads of other processes committed before this one, which the watcher will now skip.
    await this.reloadDirectory(institutionId);
    const known: ReferencesAdded = { accounts: added, branchCodes: (data.branches ?? []).map((b) => b.code) };
    if ((known.accounts.length > 0 || known.branchCodes.length > 0) && this.referencesAdded) {
      const retried = await this.referencesAdded(institutionId, known, actor);
      if (retried) result.quarantine = retried;
    }
    return result;
  }

  private async putBranches(trx: Kysely<DB>, branches: readonly Branch[], at: number): Promise<{ created: number; updated: number }> {
    try {
      return await this.d.repo.putBranches(trx, branches, at);
    } catch (e) {
      if (!(e instanceof BranchMoveError)) throw e;
      const i = branches.findIndex((b) => b.id === e.branchId);
      throw conflict(e.message, [{ path: `branches[${i}].parentId`, message: `stored under ${e.storedParent ?? 'no parent'}` }]);
    }
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
