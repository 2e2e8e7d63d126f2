import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_DETECTOR_PARAMS, parseDetectorParams } from '../params.schema.ts';

const errorOf = (input: unknown): AppError => {
  try {
    parseDetectorParams(input);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a validation error');
};

describe('detector parameters', () => {
  it('accepts the defaults and partial overrides merged over them', () => {
    expect(parseDetectorParams(undefined)).toEqual(DEFAULT_DETECTOR_PARAMS);
    const p = parseDetectorParams({ cycle: { maxLength: 6 } });
    expect(p.cycle.maxLength).toBe(6);
    expect(p.cycle.minLength).toBe(DEFAULT_DETECTOR_PARAMS.cycle.minLength);
  });

  it('reports each problem with its path and reason', () => {
    const e = errorOf({ cycle: { maxLength: 50 }, fanOut: { minDegree: 'five' } });
    expect(e).toBeInstanceOf(AppError);
    expect(e.kind).toBe('validation');
    const paths = e.details.map((d) => d.path).sort();
    expect(paths).toEqual(['cycle.maxLength', 'fanOut.minDegree']);
    expect(e.details.find((d) => d.path === 'cycle.maxLength')!.message).toMatch(/20/);
    // with a code and the limit, for a UI to say it in its reader's language
    expect(e.details.find((d) => d.path === 'cycle.maxLength')).toMatchObject({ code: 'too_big', params: { maximum: 20 } });
  });

  it('checks relations between fields', () => {
    const e = errorOf({ cycle: { minLength: 8, maxLength: 4 } });
    expect(e.details).toEqual([{ path: 'cycle.minLength', message: 'must be ≤ cycle.maxLength', code: 'not_above', params: { other: 'cycle.maxLength' } }]);
  });

  it('rejects unknown keys and non-objects', () => {
    expect(errorOf({ fanOut: { minDegre: 3 } }).details[0].path).toBe('fanOut');
    expect(errorOf([1, 2]).kind).toBe('validation');
  });
});
