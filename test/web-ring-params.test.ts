import { describe, expect, it } from 'vitest';
import { changedParams, fromForm, PARAM_SECTIONS, toForm } from '../web/src/lib/ring-params.ts';
import { DEFAULT_DETECTOR_PARAMS, parseDetectorParams } from '../src/graph/params.schema.ts';

const DAY = 86_400_000;
const current = DEFAULT_DETECTOR_PARAMS as unknown as Record<string, unknown>;
const formOf = () => Object.fromEntries(PARAM_SECTIONS.flatMap((s) => s.fields.map((f) => [f.path, toForm(
  f.path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], current), f.kind)])));

describe('ring detector settings form', () => {
  it('shows each parameter in its unit and gives it back in the parameter\'s own', () => {
    expect(toForm(30 * DAY, 'days')).toBe('30');
    expect(fromForm('7.5', 'days')).toBe(7.5 * DAY);
    expect(toForm(0.88, 'percent')).toBe('88');
    expect(fromForm('92', 'percent')).toBe(0.92);
    expect(toForm(150_000, 'yuan')).toBe('1500');
    expect(fromForm('1500.5', 'yuan')).toBe(150_050);
    expect(toForm(true, 'bool')).toBe(true);
    expect(fromForm('abc', 'int')).toBe('abc'); // the API says what is wrong with it
  });

  it('names every field of a real parameter', () => {
    for (const s of PARAM_SECTIONS) for (const f of s.fields) {
      const v = f.path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], current);
      expect(v, f.path).not.toBeUndefined();
    }
  });

  it('sends only what changed, nested as the API merges it, and an unchanged form sends nothing', () => {
    const form = formOf();
    expect(changedParams(current, form)).toEqual({});
    form['fanOut.minDegree'] = '6';
    form['flow.maxForwardRatio'] = '95';
    form['cycle.enabled'] = false;
    const patch = changedParams(current, form);
    expect(patch).toEqual({ fanOut: { minDegree: 6 }, flow: { maxForwardRatio: 0.95 }, cycle: { enabled: false } });
    const merged = parseDetectorParams(patch);
    expect([merged.fanOut.minDegree, merged.flow.maxForwardRatio, merged.cycle.enabled, merged.fanIn.minDegree]).toEqual([6, 0.95, false, 4]);
  });
});
