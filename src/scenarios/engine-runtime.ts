import type { ScoreResult, Transaction } from '../domain/transaction.ts';
import { createEngine, type Engine, type ProfileLookup } from '../engine/index.ts';
import { AppError } from '../shared/errors.ts';

/** What ingest calls (src/ingest/scorer.ts). */
export interface Scorer { score(txn: Transaction): ScoreResult }

/**
 * A transaction the engine refuses (a currency without a reference FX rate) is not scored and does
 * not change the windows — live and on replay alike — and is sent to review with the reason.
 */
function unscorable(e: AppError): ScoreResult {
  return {
    decision: 'review', score: 0,
    hits: [{
      scenarioId: 'ENGINE-UNSCORED', version: 1, severity: 'medium', typology: 'data_quality', score: 0,
      reason: { 'zh-CN': `无法评分：${e.details[0]?.message ?? e.message}`, en: `Not scored: ${e.details[0]?.message ?? e.message}` },
    }],
  };
}

export interface EngineRuntimeDeps {
  /** Account profiles of an institution (the reference directory; kept current by the reference service). */
  profiles(institutionId: string): Promise<ProfileLookup>;
  /** The scenario documents currently active for the institution. */
  scenarios(institutionId: string): Promise<readonly unknown[]>;
  /** The institution's stored transaction log in ingest order (pages). */
  log(institutionId: string): AsyncIterable<readonly Transaction[]>;
}

/**
 * One scoring engine per institution. It is built on first use (or eagerly at server start) from
 * the active scenarios, and its windows are rebuilt by replaying the stored log with
 * `engine.observe`, so scores after a restart equal those of an uninterrupted run. Activating or
 * deactivating a scenario invalidates the engine; the next use rebuilds it the same way.
 */
export class EngineRuntime {
  private readonly engines = new Map<string, Promise<Engine>>();

  constructor(private readonly d: EngineRuntimeDeps) {}

  engine(institutionId: string): Promise<Engine> {
    let e = this.engines.get(institutionId);
    if (!e) {
      e = this.build(institutionId);
      this.engines.set(institutionId, e);
      e.catch(() => this.engines.delete(institutionId));
    }
    return e;
  }

  /** The scorer ingest uses: the institution's engine, degrading to review for transactions it refuses. */
  async scorer(institutionId: string): Promise<Scorer> {
    const engine = await this.engine(institutionId);
    return {
      score(txn) {
        try {
          return engine.score(txn);
        } catch (e) {
          if (e instanceof AppError && e.kind === 'validation') return unscorable(e);
          throw e;
        }
      },
    };
  }

  /** Drops the engine (e.g. after a scenario change or a failed batch); the next use rebuilds it from the log. */
  invalidate(institutionId: string): void {
    this.engines.delete(institutionId);
  }

  private async build(institutionId: string): Promise<Engine> {
    const [profiles, scenarios] = await Promise.all([this.d.profiles(institutionId), this.d.scenarios(institutionId)]);
    const engine = createEngine({ profiles, scenarios });
    for await (const page of this.d.log(institutionId)) {
      for (const t of page) {
        try {
          engine.observe(t);
        } catch (e) {
          if (!(e instanceof AppError && e.kind === 'validation')) throw e;
        }
      }
    }
    return engine;
  }
}
