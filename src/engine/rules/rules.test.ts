import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { compileScenario, validateScenario } from './compile.ts';
import { formatValue } from './template.ts';
import { world } from '../testing/world.ts';

const base = {
  id: 'TST-001', name: { 'zh-CN': '测试', en: 'Test' }, description: { 'zh-CN': '测试', en: 'Test' },
  typology: 'test', severity: 'high', weight: 50, side: 'debit',
  reason: { 'zh-CN': '24 小时内向 {{distinct_payees_24h}} 个收款人转出 {{out_sum_24h|money}} 元', en: '{{out_sum_24h|money}} to {{distinct_payees_24h}} payees' },
};

function errors(doc: unknown): { message: string; details: { path?: string; message: string }[] } {
  try {
    validateScenario(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).kind).toBe('validation');
    return { message: (e as AppError).message, details: (e as AppError).details };
  }
  throw new Error('expected a validation error');
}

describe('rule language validation', () => {
  it('reports an unknown feature with its path', () => {
    const r = errors({ ...base, when: { all: [{ feature: 'amount', op: '>=', value: 1 }, { feature: 'out_sum_25h', op: '>', value: 3 }] } });
    expect(r.details).toContainEqual({ path: 'when.all[1].feature', message: 'unknown feature "out_sum_25h"', code: 'unknown_feature', params: { feature: 'out_sum_25h' } });
    expect(r.message).toBe('invalid scenario: when.all[1].feature: unknown feature "out_sum_25h"');
  });

  it('reports operator, value, category and template problems precisely', () => {
    const r = errors({
      ...base,
      when: { any: [
        { feature: 'amount', op: '=>', value: 1 },
        { not: { feature: 'channel', op: '==', value: 'fax' } },
        { feature: 'customer_age', op: 'between', value: [70, 60] },
        { feature: 'dormant_days', op: '>=', value: { amount: 1, currency: 'USD' } },
        { all: [] },
      ] },
      reason: { 'zh-CN': '{{nope_24h}}', en: '{{amount|weird}}' },
    });
    const byPath = Object.fromEntries(r.details.map((d) => [d.path, d.message]));
    expect(byPath['when.any[0].op']).toMatch(/unknown operator "=>"/);
    expect(byPath['when.any[1].not.value']).toMatch(/unknown value "fax" for "channel"/);
    expect(byPath['when.any[2].value']).toMatch(/between/);
    expect(byPath['when.any[3].value']).toMatch(/money value needs a money feature/);
    expect(byPath['when.any[4].all']).toMatch(/non-empty/);
    expect(byPath['reason.zh-CN']).toMatch(/unknown feature "nope_24h"/);
    expect(byPath['reason.en']).toMatch(/unknown format "weird"/);
  });

  it('rejects unknown top-level keys and bad severities', () => {
    const r = errors({ ...base, severity: 'urgent', colour: 'red', when: { feature: 'amount', op: '>', value: 1 } });
    expect(r.details.map((d) => d.path)).toEqual(expect.arrayContaining(['severity', '']));
  });
});

describe('compiled scenarios', () => {
  const doc = {
    ...base,
    when: { all: [
      { feature: 'distinct_payees_24h', op: '>=', value: 3 },
      { any: [{ feature: 'out_sum_24h', op: '>=', value: { amount: 1000, currency: 'USD' } }, { feature: 'is_night', op: '==', value: true }] },
      { not: { feature: 'channel', op: 'in', value: ['counter'] } },
    ] },
  };

  it('evaluates to data plus a trace of the same shape as the rule tree', () => {
    const w = world().account('A').pay('A', 'X', 3000).pay('A', 'Y', 3000).pay('A', 'Z', 1200);
    const results = w.run([doc]);
    expect(results[1].hits).toHaveLength(0);
    const hit = results[2].hits[0];
    expect(hit).toMatchObject({ scenarioId: 'TST-001', side: 'debit', accountId: 'A', score: 50, severity: 'high' });
    expect(hit.reason['zh-CN']).toBe('24 小时内向 3 个收款人转出 7,200 元');
    expect(hit.trace).toEqual({
      kind: 'all', held: true, children: [
        { kind: 'cmp', held: true, feature: 'distinct_payees_24h', op: '>=', value: 3, compared: 3, actual: 3 },
        { kind: 'any', held: true, children: [
          { kind: 'cmp', held: true, feature: 'out_sum_24h', op: '>=', value: { amount: 1000, currency: 'USD' }, compared: 7100, actual: 7200 },
          { kind: 'cmp', held: false, feature: 'is_night', op: '==', value: true, compared: true, actual: false },
        ] },
        { kind: 'not', held: true, child: { kind: 'cmp', held: false, feature: 'channel', op: 'in', value: ['counter'], compared: ['counter'], actual: 'mobile' } },
      ],
    });
  });

  it('lists the features a scenario reads, including reason placeholders', () => {
    expect(compileScenario(doc).features.sort()).toEqual(['channel', 'distinct_payees_24h', 'is_night', 'out_sum_24h']);
  });

  it('treats unknown values (no profile) as a false comparison', () => {
    const d = { ...base, side: 'both', when: { feature: 'customer_age', op: '<', value: 200 }, reason: { 'zh-CN': 'x', en: 'x' } };
    const w = world().account('A', { kind: 'organisation' }).pay('A', 'X', 10);
    expect(w.run([d])[0].hits).toHaveLength(0);
  });
});

describe('reason values', () => {
  it('group thousands from the right, after a minus sign, and leave exponent notation as the pattern always did', () => {
    expect(formatValue(0, 'money')).toBe('0');
    expect(formatValue(999.5, 'money')).toBe('999.50');
    expect(formatValue(1234.05, 'money')).toBe('1,234.05');
    expect(formatValue(12345678, 'money')).toBe('12,345,678');
    expect(formatValue(-1234567.891, 'money')).toBe('-1,234,567.89');
    expect(formatValue(123456, 'int')).toBe('123,456');
    expect(formatValue(-1234, 'int')).toBe('-1,234');
    expect(formatValue(-123, 'int')).toBe('-123');
    expect(formatValue(1e21, 'int')).toBe('1e+21');
    expect(formatValue(1.2345e25, 'int')).toBe('1.2,345e+25');
  });
});
