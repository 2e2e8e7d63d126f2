import type { RecordError } from './validator.ts';

export type QuarantineStatus = 'open' | 'resubmitted' | 'discarded';

export interface QuarantinedRecord {
  id: string;
  institutionId: string;
  source: string;
  /** Line number in a file (1 = header) or index in an API batch (0-based). */
  position: number;
  batchId: string;
  record: Record<string, unknown>;
  field: string | null;
  code: string;
  reason: string;
  errors: RecordError[];
  status: QuarantineStatus;
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  txnId: string | null;
}
