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
  /**
   * Optional: a number that changes whenever a profile may have been added or replaced. With it,
   * the engine asks `account()` for an account again only after the number changed, instead of for
   * both sides of every transaction (two Map lookups and their cache misses: ~7% of the engine's
   * time in its benchmark). Without it, every transaction asks.
   */
  version?(): number;
}

/**
 * A lookup over a plain Map, for tests, benchmarks and replay tools. `unchanging`: the map is not
 * changed while the engine uses it (so the lookup reports a constant version).
 */
export function mapProfileLookup(map: ReadonlyMap<string, AccountProfile>, o: { unchanging?: boolean } = {}): ProfileLookup {
  return o.unchanging ? { account: (id) => map.get(id), version: () => 0 } : { account: (id) => map.get(id) };
}

/**
 * An account's place in the transaction graph as the latest ring-mining run saw it (src/rings:
 * computed by the graph code's `accountFeatures` over the mined window, kept for accounts that are
 * in a finding, show a fan or cycle, or are near a known bad account) and the institution's
 * known-bad list. Absent accounts read as 0 (the distance as NaN).
 */
export interface AccountGraphFeatures {
  /** Best score (0–100) of a stored ring finding holding the account. */
  ringScore: number;
  /** Ring findings holding the account. */
  findings: number;
  /** Time-ordered cycles through the account in the window. */
  cycles: number;
  /** Most distinct payees (payers) in one fan window. */
  fanOutMax: number;
  fanInMax: number;
  /** Two-step paths through the account (payers × payees in the window). */
  twoHopPaths: number;
  /** 1 when the account is on the institution's known-bad list now (not only as of the run), else 0. */
  knownBad: number;
  /**
   * Transfers (either direction) from the account to the nearest known bad account in the latest
   * run's window, 0 for a listed account; NaN when none is within the run's reach (no comparison holds).
   */
  badDistance: number;
}

/** Graph features by account id; the caller may replace what it returns at any time (after each mining run). */
export interface GraphLookup {
  account(accountId: string): AccountGraphFeatures | undefined;
}
