import { describe, expect, it } from 'vitest';
import { DqAccumulator, RECORD_FIELD, businessDay } from './dq-stats.ts';
import { FIELD_BIT, INPUT_FIELDS, type InputField } from './dq-rules.ts';
import type { RecordError } from './validator.ts';

const mask = (...fields: InputField[]) => fields.reduce((m, f) => m | FIELD_BIT[f], 0);
const ALL = mask(...INPUT_FIELDS);
const err = (field: RecordError['field'], code = 'format'): RecordError => ({ field, code, message: `${field} ${code}` });

describe('DqAccumulator', () => {
  it('writes the record row, the reported fields always, and other fields only when incomplete or wrong', () => {
    const dq = new DqAccumulator(['deviceId', 'ip']);
    dq.add(ALL, null);
    dq.add(ALL & ~FIELD_BIT.purpose & ~FIELD_BIT.ip, null);
    // A rejected record: two errors on amount count once; a record-level error has no field row.
    dq.add(ALL & ~FIELD_BIT.deviceId, [err('amount'), err('amount', 'range'), err('currency'), err('record', 'parse')]);
    const rows = dq.rows('inst', 'api', '2026-12-06');
    const byField = Object.fromEntries(rows.map((r) => [r.field, [r.total, r.present, r.invalid]]));
    expect(byField).toEqual({
      [RECORD_FIELD]: [3, 2, 1],
      amount: [3, 3, 1],
      currency: [3, 3, 1],
      deviceId: [3, 2, 0],
      ip: [3, 2, 0],
      purpose: [3, 2, 0],
    });
    // Rows come in the tracked fields' order after the record row.
    expect(rows.map((r) => r.field)).toEqual([RECORD_FIELD, ...INPUT_FIELDS.filter((f) => f in byField)]);
    expect(rows[0]).toEqual({ institution_id: 'inst', source: 'api', day: '2026-12-06', field: RECORD_FIELD, total: 3, present: 2, invalid: 1 });
  });

  it('writes nothing for an empty batch, and keeps separate batches apart', () => {
    expect(new DqAccumulator().rows('inst', 'api', '2026-12-06')).toEqual([]);
    const a = new DqAccumulator(['ip']);
    const b = new DqAccumulator(['ip']);
    a.add(ALL & ~FIELD_BIT.ip, null);
    b.add(ALL, null);
    expect(a.rows('i', 's', 'd').find((r) => r.field === 'ip')).toMatchObject({ total: 1, present: 0 });
    expect(b.rows('i', 's', 'd').find((r) => r.field === 'ip')).toMatchObject({ total: 1, present: 1 });
  });

  it('counts only the tracked fields it was given', () => {
    const dq = new DqAccumulator([], ['ip', 'amount']);
    dq.add(mask('amount'), [err('ip'), err('currency')]);
    expect(dq.rows('i', 's', 'd').map((r) => [r.field, r.total, r.present, r.invalid])).toEqual([
      [RECORD_FIELD, 1, 0, 1], ['ip', 1, 0, 1],
    ]);
  });
});

describe('businessDay', () => {
  it('follows China Standard Time across day boundaries, in any order of calls', () => {
    const t = Date.parse('2026-12-06T15:59:59.999Z'); // 23:59:59.999 in Beijing
    const seq = [t, t + 1, t, t + 1 + 86_400_000, t - 86_400_000, t + 1, Date.parse('2026-12-06T00:00:00Z')];
    expect(seq.map(businessDay)).toEqual(['2026-12-06', '2026-12-07', '2026-12-06', '2026-12-08', '2026-12-05', '2026-12-07', '2026-12-06']);
    expect(() => businessDay(Number.NaN)).toThrow(RangeError);
  });
});
