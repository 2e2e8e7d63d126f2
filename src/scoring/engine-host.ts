import { createEngine, type Engine } from '../engine/index.ts';
import type { ProfileLookup } from '../engine/profile.ts';
import type { Transaction } from '../domain/transaction.ts';
import type { Scorer } from '../ingest/scorer.ts';

export interface EngineHostDeps {
  /** The institution's own accounts, for customer age, kind and account age. */
  profiles: (institutionId: string) => Promise<ProfileLookup>;
  /** The active scenario documents of an institution (built-ins until scenario management stores versions). */
  activeScenarios: (institutionId: string) => Promise<readonly unknown[]>;
  /** The stored log of an institution in ingest order, for rebuilding windows. */
  replay: (institutionId: string) => AsyncIterable<readonly Transaction[]>;
}

/**
 * Holds one scoring engine per institution. An engine is built on first use from the active
 * scenarios, and its windows are rebuilt by replaying the stored log through `observe`, so a
 * restarted process scores exactly as an uninterrupted one would. `reload` rebuilds an engine
 * after the active scenarios change.
 */
export class EngineHost {
  private readonly engines = new Map<string, Promise<Engine>>();

  constructor(private readonly d: EngineHostDeps) {}

  scorer(institutionId: string): Promise<Scorer> {
    return this.engine(institutionId);
  }

  engine(institutionId: string): Promise<Engine> {
    let p = this.engines.get(institutionId);
    if (!p) {
      p = this.build(institutionId);
      p.catch(() => this.engines.delete(institutionId));
      this.engines.set(institutionId, p);
    }
    return p;
  }

  /** Rebuilds the institution's engine (new scenario set) and swaps it in once its windows are warm. */
  async reload(institutionId: string): Promise<Engine> {
    const next = this.build(institutionId);
    await next;
    this.engines.set(institutionId, next);
    return next;
  }

  private async build(institutionId: string): Promise<Engine> {
    const [profiles, scenarios] = await Promise.all([this.d.profiles(institutionId), this.d.activeScenarios(institutionId)]);
    const engine = createEngine({ profiles, scenarios });
    for await (const batch of this.d.replay(institutionId)) for (const t of batch) engine.observe(t);
    return engine;
  }
}
