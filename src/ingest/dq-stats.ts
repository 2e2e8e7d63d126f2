import type { DqDailyTable } from '../store/schema.ts';
import { FIELD_BIT, INPUT_FIELDS, type InputField } from './dq-rules.ts';
import type { RecordError } from './validator.ts';

/** Business days follow China Standard Time (UTC+8), the day boundary bank staff work to. */
export const BUSINESS_DAY_OFFSET_MS = 8 * 3_600_000;

const DAY_MS = 86_400_000;
// The last day asked for and its bounds: every batch asks, nearly always for the same day.
let lastDay = { from: 0, to: 0, day: '' };

export function businessDay(t: number): string {
  if (t >= lastDay.from && t < lastDay.to) return lastDay.day;
  const day = new Date(t + BUSINESS_DAY_OFFSET_MS).toISOString().slice(0, 10);
  const from = Math.floor((t + BUSINESS_DAY_OFFSET_MS) / DAY_MS) * DAY_MS - BUSINESS_DAY_OFFSET_MS;
  lastDay = { from, to: from + DAY_MS, day };
  return day;
}

/** The pseudo-field holding record-level counts: total records, accepted (present), rejected (invalid). */
export const RECORD_FIELD = '_record';

/** Per tracked-field list: each field's index in it (built once per list, not per batch). */
const indexCache = new WeakMap<readonly InputField[], ReadonlyMap<string, number>>();
const setCache = new WeakMap<readonly InputField[], ReadonlySet<string>>();

function indexOf(fields: readonly InputField[]): ReadonlyMap<string, number> {
  let m = indexCache.get(fields);
  if (!m) indexCache.set(fields, (m = new Map(fields.map((f, i) => [f, i]))));
  return m;
}

function setOf(fields: readonly InputField[]): ReadonlySet<string> {
  let s = setCache.get(fields);
  if (!s) setCache.set(fields, (s = new Set(fields)));
  return s;
}

/**
 * Accumulates completeness (field present) and validity (field had an error) per field for one
 * batch, flushed as one upsert per field into dq_daily.
 */
export class DqAccumulator {
  private records = 0;
  private rejected = 0;
  /** Per tracked field (by index): records that carried it, records that got it wrong. */
  private readonly present: number[];
  private readonly invalid: number[];
  private readonly bits: number[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly reported: ReadonlySet<string>;

  /** `reported`: fields whose completeness is always stored (the rules' completenessFields). */
  constructor(reported: readonly InputField[] = INPUT_FIELDS, private readonly tracked: readonly InputField[] = INPUT_FIELDS) {
    this.reported = setOf(reported);
    this.index = indexOf(tracked);
    this.present = new Array<number>(tracked.length).fill(0);
    this.invalid = new Array<number>(tracked.length).fill(0);
    this.bits = tracked.map((f) => FIELD_BIT[f]);
  }

  add(present: number, errors: readonly RecordError[] | null): void {
    this.records++;
    for (let i = 0; i < this.bits.length; i++) if (present & this.bits[i]) this.present[i]++;
    if (errors) {
      this.rejected++;
      const seen = new Set<number>(); // a field counts once per record
      for (const e of errors) {
        const i = this.index.get(e.field);
        if (i === undefined || seen.has(i)) continue;
        seen.add(i);
        this.invalid[i]++;
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
    for (let i = 0; i < this.tracked.length; i++) {
      const field = this.tracked[i];
      const present = this.present[i], invalid = this.invalid[i];
      if (present === this.records && invalid === 0 && !this.reported.has(field)) continue;
      out.push({ institution_id: institutionId, source, day, field, total: this.records, present, invalid });
    }
    return out;
  }
}
