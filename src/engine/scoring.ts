import type { Decision, ScenarioHit } from '../domain/transaction.ts';

/** Analyst-editable scoring settings (stored per institution; defaults here). */
export interface ScoringConfig {
  /** Score at or above which a transaction is held for review. */
  reviewThreshold: number;
  /** Score at or above which a transaction is blocked. */
  blockThreshold: number;
}

export const DEFAULT_SCORING: ScoringConfig = { reviewThreshold: 40, blockThreshold: 80 };

const RANK: Record<Decision, number> = { allow: 0, review: 1, block: 2 };
export const maxDecision = (a: Decision, b: Decision): Decision => (RANK[a] >= RANK[b] ? a : b);

/**
 * Typology = weighted scenario outcomes: within a typology the weights of the scenarios that
 * fired add up (capped at 100); typologies combine as independent evidence,
 * score = 100 · (1 − Π (1 − typologyScore / 100)). A scenario may also force a minimum decision
 * (e.g. elderly-customer protection → review at the counter) whatever the score.
 */
export function scoreHits(
  hits: readonly ScenarioHit[], minDecisions: readonly (Decision | undefined)[], cfg: ScoringConfig,
): { score: number; decision: Decision } {
  if (hits.length === 0) return { score: 0, decision: 'allow' };
  const byTypology = new Map<string, number>();
  for (const h of hits) byTypology.set(h.typology, Math.min(100, (byTypology.get(h.typology) ?? 0) + h.score));
  let keep = 1;
  for (const s of byTypology.values()) keep *= 1 - s / 100;
  const score = Math.round(100 * (1 - keep));
  let decision: Decision = score >= cfg.blockThreshold ? 'block' : score >= cfg.reviewThreshold ? 'review' : 'allow';
  for (const m of minDecisions) if (m) decision = maxDecision(decision, m);
  return { score, decision };
}
