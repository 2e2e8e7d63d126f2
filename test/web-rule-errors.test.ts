import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { builtInScenarios, validateScenario } from '../src/engine/index.ts';
import { AppError } from '../src/shared/errors.ts';
import { ruleErrorText } from '../web/src/lib/rule-errors.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const locale = (lang: string) => JSON.parse(fs.readFileSync(path.join(ROOT, `web/src/locales/${lang}.json`), 'utf8')) as { ruleErrors: Record<string, string> };

async function translator(lang: string) {
  const i = i18next.createInstance();
  await i.init({ lng: lang, resources: { [lang]: { translation: locale(lang) } } });
  return i.t.bind(i);
}

const base = builtInScenarios.find((s) => s.id === 'CSH-001')!;
const details = (patch: Record<string, unknown>) => {
  try {
    validateScenario({ ...base, ...patch });
  } catch (e) {
    return (e as AppError).details as Array<{ path?: string; message: string; code?: string; params?: Record<string, unknown> }>;
  }
  throw new Error(`valid: ${JSON.stringify(patch)}`);
};
const leaf = (feature: unknown, op: unknown, value?: unknown) => ({ feature, op, value });

/** Documents that between them produce every problem the rule checker and the schema report. */
const BAD: Array<Record<string, unknown>> = [
  { weight: 300 }, { weight: -1 }, { severity: 'huge' }, { extra: 1 }, { name: 5 }, { typology: 'Bad Typ' },
  { when: 7 }, { when: { all: [], any: [] } }, { when: { not: leaf('amount', '>', 1), x: 1 } },
  { when: { all: [{ feature: 'amount', op: '>', value: 1, unit: 'x' }, leaf(3, '>', 1), leaf('no_such', '>', 1), leaf('amount', '~', 1), leaf('amount', '>')] } },
  { when: { all: [leaf('channel', '>', 'atm'), leaf('channel', 'in', []), leaf('channel', '==', 'fax'), leaf('is_cash', '>', 1)] } },
  { when: { all: [leaf('amount', 'between', [3, 1]), leaf('amount', 'in', ['a']), leaf('amount', '>', Infinity), leaf('hour', '>', { amount: -1, currency: 'cny' })] } },
  { when: { all: [leaf('amount', '>', { feature: 'nope' }), leaf('amount', '>', { feature: 'channel' }), leaf('amount', '>', { feature: 'amount', factor: 'x' }), leaf('amount', '>', 'x'), leaf('hour', '>', 'x')] } },
  { reason: { 'zh-CN': '{{no_such_feature}} 与 {{amount', en: 'x' } },
];

describe('web: rule problems in the reader\'s language', () => {
  const all = BAD.flatMap(details);

  it('has a zh-CN and an en text for every key the rule checker can report', () => {
    const src = fs.readFileSync(path.join(ROOT, 'src/engine/rules/check.ts'), 'utf8');
    const keys = new Set([...src.matchAll(/key: '([a-z_]+)'/g)].map((m) => m[1]));
    for (const m of src.matchAll(/'(value_shape(?:_money)?)'/g)) keys.add(m[1]);
    expect(keys.size).toBeGreaterThanOrEqual(20);
    for (const lang of ['zh-CN', 'en']) for (const k of keys) expect(locale(lang).ruleErrors[k], `${lang} ${k}`).toBeTruthy();
  });

  it('says each problem of a bad document in zh-CN with the values it names', async () => {
    const t = await translator('zh-CN');
    const codes = new Set(all.map((d) => d.code));
    expect(codes.size).toBeGreaterThanOrEqual(25);
    for (const d of all) {
      expect(d.code, d.message).toBeTruthy();
      const text = ruleErrorText(d, t);
      expect(text, d.message).not.toBe(d.message);
      expect(text, d.message).toMatch(/[\u4e00-\u9fff]/);
      // (a template problem quotes the placeholder syntax itself)
      if (d.code !== 'template') expect(text, d.message).not.toContain('{{');
      for (const k of ['feature', 'maximum', 'minimum', 'name']) if (d.params?.[k] !== undefined) expect(text, `${d.message}: ${k}`).toContain(String(d.params[k]));
    }
    expect(ruleErrorText(all.find((d) => d.code === 'unknown_feature')!, t)).toBe('没有名为“no_such”的特征');
    expect(ruleErrorText(all.find((d) => d.code === 'too_big')!, t)).toBe('不能大于 100');
  });

  it('reads in English, and shows the API\'s text for a code it does not know', async () => {
    const t = await translator('en');
    for (const d of all) if (d.code !== 'template') expect(ruleErrorText(d, t), d.message).not.toContain('{{');
    expect(ruleErrorText({ message: 'server text', code: 'brand_new' }, t)).toBe('server text');
    expect(ruleErrorText({ message: 'no code' }, t)).toBe('no code');
    expect(ruleErrorText({ message: 'unknown feature "x"', code: 'unknown_feature' }, t)).toBe('unknown feature "x"');
  });
});
