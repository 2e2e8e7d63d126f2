/**
 * Reference data the engine needs about an account, supplied by the caller (the ingest service
 * reads it from the store; tests and benchmarks pass a Map). Accounts at other banks have none.
 */
export interface AccountProfile {
  customerId: string;
  customerKind: 'person' | 'organisation';
  /** ISO date YYYY-MM-DD, persons only. */
  birthDate: string | null;
  /** Account opening time, UTC epoch ms. */
  openedAt: number;
  riskLevel: 'low' | 'medium' | 'high';
  branchId: string;
  /** True for the institution's own accounts; only own accounts are scored. */
  own: boolean;
}

export interface ProfileLookup {
  account(accountId: string): AccountProfile | undefined;
}

/** A lookup over a plain Map, for tests, benchmarks and replay tools. */
export function mapProfileLookup(map: ReadonlyMap<string, AccountProfile>): ProfileLookup {
  return { account: (id) => map.get(id) };
}
