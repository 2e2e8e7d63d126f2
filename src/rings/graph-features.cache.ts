import type { AccountGraphFeatures, GraphLookup } from '../engine/index.ts';
import { RingsRepository, type Tx } from './rings.repository.ts';
import { KnownBadRepository } from './known-bad.repository.ts';

/** A listed account the latest run did not keep: listed now, so at distance 0. */
const listedOnly = (): AccountGraphFeatures => ({
  ringScore: 0, findings: 0, cycles: 0, fanOutMax: 0, fanInMax: 0, twoHopPaths: 0, knownBad: 1, badDistance: 0,
});

/** Per institution: the latest run's features with the list applied, and what of them the list put there. */
interface Holder {
  features: Map<string, AccountGraphFeatures>;
  /** The list as last applied. */
  listed: Set<string>;
  /** Listed accounts the run did not keep: entries the list alone made. */
  listedOnly: Set<string>;
}

/**
 * Applies the known-bad list as it is now to the latest run's features: a listed account reads
 * `knownBad` 1 (and distance 0 where the run did not know it), whenever it was listed; an account
 * taken off the list since the run reads `knownBad` 0 and keeps the run's distances until the next
 * run (an entry the list alone made goes). Only the accounts whose listing changed are touched.
 */
function applyList(h: Holder, knownBad: Iterable<string>): void {
  const now = new Set(knownBad);
  for (const id of h.listed) {
    if (now.has(id)) continue;
    if (h.listedOnly.delete(id)) h.features.delete(id);
    else { const f = h.features.get(id); if (f) f.knownBad = 0; }
  }
  for (const id of now) {
    if (h.listed.has(id)) continue;
    const f = h.features.get(id);
    if (f) f.knownBad = 1;
    else { h.features.set(id, listedOnly()); h.listedOnly.add(id); }
  }
  h.listed = now;
}

/**
 * Per institution, the latest mining run's account graph features and the known-bad list as the
 * scoring engine's GraphLookup (`graph_*` features). Loaded on first use; replaced after this
 * process stores a run and when another process's run moves the institution's `rings` change
 * counter; a change of the list (here, or another process's through the `known_bad` counter)
 * re-reads only the list and touches the accounts whose listing changed (a list of hundreds against
 * a run's features of every active account: 60–80 ms a change at 60,000 accounts, read whole). The
 * lookup object stays the same; what it reads is replaced, so the engine needs no rebuild.
 */
export class GraphFeatureCache {
  /** Per institution, a holder whose map a reload replaces: lookups handed out keep reading the latest. */
  private readonly byInstitution = new Map<string, Holder>();

  constructor(private readonly load: {
    features: (institutionId: string) => Promise<Map<string, AccountGraphFeatures>>;
    listed: (institutionId: string) => Promise<string[]>;
  }) {}

  async lookup(institutionId: string): Promise<GraphLookup> {
    if (!this.byInstitution.has(institutionId)) await this.reload(institutionId);
    const holder = this.byInstitution.get(institutionId)!;
    // Called for every account a scenario's graph_* feature reads (per transaction): one probe of
    // the latest map, none while the institution has no features (no run stored, no account listed).
    return { account: (accountId) => (holder.features.size === 0 ? undefined : holder.features.get(accountId)) };
  }

  /** Reads the latest run's features and the list. */
  reload(institutionId: string): Promise<void> {
    return this.inTurn(institutionId, async () => {
      const fresh: Holder = { features: await this.load.features(institutionId), listed: new Set(), listedOnly: new Set() };
      applyList(fresh, await this.load.listed(institutionId));
      const holder = this.byInstitution.get(institutionId);
      if (holder) Object.assign(holder, fresh);
      else this.byInstitution.set(institutionId, fresh);
    });
  }

  /** Reads the list again and applies it (a cache not yet loaded loads whole at first use). */
  reloadList(institutionId: string): Promise<void> {
    return this.inTurn(institutionId, async () => {
      const holder = this.byInstitution.get(institutionId);
      if (holder) applyList(holder, await this.load.listed(institutionId));
    });
  }

  /** Reloads of one institution run one after another: a list read before a run's reload is never applied after it. */
  private readonly turns = new Map<string, Promise<void>>();
  private inTurn(institutionId: string, fn: () => Promise<void>): Promise<void> {
    const next = (this.turns.get(institutionId) ?? Promise.resolve()).then(fn);
    this.turns.set(institutionId, next.catch(() => undefined));
    return next;
  }
}

/** The cache over the stored features and known-bad list of `db` (the rings module's; a backtest thread's own). */
export function storedGraphFeatures(db: Tx): GraphFeatureCache {
  const runs = new RingsRepository(), list = new KnownBadRepository();
  return new GraphFeatureCache({
    features: (institutionId) => runs.graphFeatures(db, institutionId),
    listed: (institutionId) => list.accountIds(db, institutionId),
  });
}
