import type { Permission } from '../domain/permissions.ts';
import type { Scope } from '../domain/scope.ts';
import type { ApiKeyRow } from './api-keys.repository.ts';

/** How long a looked-up key is trusted before it is read again (bounds revocation by another process). */
export const API_KEY_CACHE_MS = 1_000;

export interface CachedKey {
  row: ApiKeyRow;
  scope: Scope;
  permissions: ReadonlySet<Permission>;
  /** When the row was read (clock ms). */
  readAt: number;
}

/**
 * Service keys authenticate every ingest request; reading the key row, its branch scope and
 * parsing its permissions each time cost ~90 µs of a ~600 µs single-transaction request on
 * SQLite. Entries are kept for API_KEY_CACHE_MS: a revocation or expiry made through this process
 * takes effect at once (the service forgets the key after its commit; expiry is checked on every
 * use), one made by another process (the CLI, a second server on PostgreSQL) within that time.
 */
export class ApiKeyCache {
  private readonly byHash = new Map<string, CachedKey>();

  constructor(private readonly ttlMs = API_KEY_CACHE_MS, private readonly maxEntries = 10_000) {}

  get(keyHash: string, now: number): CachedKey | undefined {
    const e = this.byHash.get(keyHash);
    if (!e) return undefined;
    if (now - e.readAt >= this.ttlMs || now < e.readAt) {
      this.byHash.delete(keyHash);
      return undefined;
    }
    return e;
  }

  set(keyHash: string, entry: CachedKey): void {
    // Unknown or failing keys are never cached, so the map holds at most the valid keys in use.
    if (this.byHash.size >= this.maxEntries) this.byHash.clear();
    this.byHash.set(keyHash, entry);
  }

  /** Drops a key (by id) after it was revoked or changed. */
  forget(keyId: string): void {
    for (const [h, e] of this.byHash) if (e.row.id === keyId) this.byHash.delete(h);
  }
}
