import type { AccountGraphFeatures, GraphLookup } from '../engine/index.ts';
import { RingsRepository, type Tx } from './rings.repository.ts';
import { KnownBadRepository } from './known-bad.repository.ts';

/** A listed account the latest run did not keep: listed now, so at distance 0. */
const listedOnly = (): AccountGraphFeatures => ({
  ringScore: 0, findings: 0, cycles: 0, fanOutMax: 0, fanInMax: 0, twoHopPaths: 0, knownBad: 1, badDistance: 0,
});

/**
 * The latest run's features with the known-bad list as it is now: a listed account reads
 * `knownBad` 1 (and distance 0 where the run did not know it), whenever it was listed; an account
 * taken off the list since the run reads `knownBad` 0 and keeps the run's distances until the next run.
 */
export function withKnownBad(features: Map<string, AccountGraphFeatures>, knownBad: Iterable<string>): Map<string, AccountGraphFeatures> {
  for (const id of knownBad) {
    const f = features.get(id);
    if (f) f.knownBad = 1;
    else features.set(id, listedOnly());
  }
  return features;
}

/**
 * Per institution, the latest mining run's account graph features and the known-bad list as the
 * scoring engine's GraphLookup (`graph_*` features). Loaded on first use, reloaded after this
 * process stores a run or changes the list, and when another process's run or list change moves
 * the institution's `rings` change counter. The lookup object stays the same; what it reads is
 * replaced, so the engine needs no rebuild.
 */
export class GraphFeatureCache {
  /** Per institution, a holder whose map a reload replaces: lookups handed out keep reading the latest. */
  private readonly byInstitution = new Map<string, { features: Map<string, AccountGraphFeatures> }>();

  constructor(private readonly load: (institutionId: string) => Promise<Map<string, AccountGraphFeatures>>) {}

  async lookup(institutionId: string): Promise<GraphLookup> {
    if (!this.byInstitution.has(institutionId)) await this.reload(institutionId);
    const holder = this.byInstitution.get(institutionId)!;
    // Called for every account a scenario's graph_* feature reads (per transaction): one probe of
    // the latest map, none while the institution has no features (no run stored, no account listed).
    return { account: (accountId) => (holder.features.size === 0 ? undefined : holder.features.get(accountId)) };
  }

  async reload(institutionId: string): Promise<void> {
    const features = await this.load(institutionId);
    const holder = this.byInstitution.get(institutionId);
    if (holder) holder.features = features;
    else this.byInstitution.set(institutionId, { features });
  }
}

/** The cache over the stored features and known-bad list of `db` (the rings module's; a backtest thread's own). */
export function storedGraphFeatures(db: Tx): GraphFeatureCache {
  const runs = new RingsRepository(), listed = new KnownBadRepository();
  return new GraphFeatureCache(async (institutionId) => withKnownBad(await runs.graphFeatures(db, institutionId), await listed.accountIds(db, institutionId)));
}
