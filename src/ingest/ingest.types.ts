import type { Decision, ScenarioHit } from '../domain/transaction.ts';
import type { RecordError } from './validator.ts';

/** One record of an ingest call, as received, with where it was found. */
export interface RawRecord {
  /** Line number (file) or array index (API). */
  position: number;
  data: Record<string, unknown>;
  /**
   * The record is a quarantined one tried again (quarantine.service.ts, retry): if it fails
   * again it keeps this quarantine entry (no new one is written) and it does not count in the
   * data-quality figures, which describe what the source sent.
   */
  quarantineId?: string;
}

export type RecordResult =
  | { position: number; id: string; status: 'accepted' | 'duplicate'; decision: Decision; score: number; hits: ScenarioHit[] }
  | { position: number; id: string | null; status: 'quarantined'; quarantineId: string; errors: RecordError[] };

export interface BatchSummary {
  batchId: string;
  accepted: number;
  duplicates: number;
  quarantined: number;
  decisions: Record<Decision, number>;
}
