import type { AccountGraphFeatures, GraphLookup } from '../engine/index.ts';

/**
 * Per institution, the latest mining run's account graph features as the scoring engine's
 * GraphLookup (`graph_*` features). Loaded on first use, reloaded after this process stores a run
 * and when another process's run moves the institution's `rings` change counter. The lookup object
 * stays the same; what it reads is replaced, so the engine needs no rebuild.
 */
export class GraphFeatureCache {
  private readonly byInstitution = new Map<string, Map<string, AccountGraphFeatures>>();

  constructor(private readonly load: (institutionId: string) => Promise<Map<string, AccountGraphFeatures>>) {}

  async lookup(institutionId: string): Promise<GraphLookup> {
    if (!this.byInstitution.has(institutionId)) await this.reload(institutionId);
    return { account: (accountId) => this.byInstitution.get(institutionId)?.get(accountId) };
  }

  async reload(institutionId: string): Promise<void> {
    this.byInstitution.set(institutionId, await this.load(institutionId));
  }
}
