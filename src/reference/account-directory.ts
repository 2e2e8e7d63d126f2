import type { AccountRegister } from '../ingest/validator.ts';

/** What scoring and validation need to know about one of the institution's own accounts. */
export interface AccountProfileEntry {
  accountId: string;
  branchId: string;
  customerId: string;
  customerKind: 'person' | 'organisation';
  birthDate: string | null;
  /** Epoch ms of the opening date. */
  openedAt: number;
  riskLevel: 'low' | 'medium' | 'high';
  status: string;
  /** Always true: the directory holds only the institution's own accounts. */
  own: true;
}

/**
 * In-memory register of one institution's accounts and branches, loaded once from the database
 * and kept current by the reference service on every insert in this process. Validation asks it
 * whether an own-bank account exists; the engine reads customer age, kind and account age from it.
 */
export class AccountDirectory implements AccountRegister {
  private readonly accounts = new Map<string, AccountProfileEntry>();
  private readonly branchCodes = new Map<string, string>();
  private changes = 0;

  constructor(readonly institutionId: string, readonly bankCode: string) {}

  putAccount(a: AccountProfileEntry): void {
    this.accounts.set(a.accountId, a);
    this.changes = (this.changes + 1) | 0;
  }

  /** Changes with every account put (the engine's ProfileLookup.version: it re-reads profiles only then). */
  version(): number {
    return this.changes & 0x7fffffff;
  }

  /** The institution's branches as now stored (a renamed branch's old code no longer names it). */
  setBranches(branches: ReadonlyArray<{ code: string; id: string }>): void {
    this.branchCodes.clear();
    for (const b of branches) this.branchCodes.set(b.code, b.id);
  }

  branchOf(accountId: string): string | undefined {
    return this.accounts.get(accountId)?.branchId;
  }

  branchIdByCode(code: string): string | undefined {
    return this.branchCodes.get(code);
  }

  account(accountId: string): AccountProfileEntry | undefined {
    return this.accounts.get(accountId);
  }

  get size(): number {
    return this.accounts.size;
  }
}
