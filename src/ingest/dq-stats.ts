import type { DqDailyTable } from '../store/schema.ts';
import { FIELD_BIT, INPUT_FIELDS, type InputField } from './dq-rules.ts';
import type { RecordError } from './validator.ts';

/** Business days follow China Standard Time (UTC+8), the day boundary bank staff work to. */
export const BUSINESS_DAY_OFFSET_MS = 8 * 3_600_000;

export function businessDay(t: number): string {
  return new Date(t + BUSINESS_DAY_OFFSET_MS).toISOString().slice(0, 10);
}

/** The pseudo-field holding record-level counts: total records, accepted (present), rejected (invalid). */
export const RECORD_FIELD = '_record';

interface Counter { total: number; present: number; invalid: number }

/**
 * Accumulates completeness (field present) and validity (field had an error) per field for one
 * batch, flushed as one upsert per field into dq_daily.
 */
export class DqAccumulator {
  private readonly counters = new Map<string, Counter>();
  private records = 0;
  private rejected = 0;

  private readonly reported: ReadonlySet<string>;

  /** `reported`: fields whose completeness is always stored (the rules' completenessFields). */
  constructor(reported: readonly InputField[] = INPUT_FIELDS, private readonly tracked: readonly InputField[] = INPUT_FIELDS) {
    this.reported = new Set(reported);
  }

  add(present: number, errors: readonly RecordError[] | null): void {
    this.records++;
    if (errors) this.rejected++;
    for (const f of this.tracked) {
      let c = this.counters.get(f);
      if (!c) this.counters.set(f, (c = { total: 0, present: 0, invalid: 0 }));
      c.total++;
      if (present & FIELD_BIT[f]) c.present++;
    }
    if (errors) {
      const seen = new Set<string>();
      for (const e of errors) {
        if (seen.has(e.field) || e.field === 'record') continue;
        seen.add(e.field);
        const c = this.counters.get(e.field);
        if (c) c.invalid++;
      }
    }
  }

  rows(institutionId: string, source: string, day: string): DqDailyTable[] {
    if (this.records === 0) return [];
    const out: DqDailyTable[] = [{
      institution_id: institutionId, source, day, field: RECORD_FIELD,
      total: this.records, present: this.records - this.rejected, invalid: this.rejected,
    }];
    // A field every record carried and none got wrong adds nothing to the report beyond the record
    // count; tracked (optional) fields are always written so their completeness shows even at 0.
    for (const [field, c] of this.counters) {
      if (c.present === c.total && c.invalid === 0 && !this.reported.has(field)) continue;
      out.push({ institution_id: institutionId, source, day, field, ...c });
    }
    return out;
  }
}
