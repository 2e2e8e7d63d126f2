import { describe, expect, it } from 'vitest';
import { builtInScenarios, createEngine, mapProfileLookup } from '../engine/index.ts';
import { generateTraffic } from '../engine/testing/synthetic.ts';
import { hitsJson } from './transaction.mapper.ts';

/** Fires on every outgoing transaction, through every kind of condition and trace node. */
const everyNode = {
  id: 'EVERY-NODE', name: { 'zh-CN': '全部节点', en: 'Every node' }, description: { 'zh-CN': '测试', en: 'Test' },
  typology: 'probe', severity: 'low', weight: 1, side: 'debit',
  when: {
    all: [
      { feature: 'amount', op: '>', value: 0 },
      { any: [{ feature: 'channel', op: 'in', value: ['mobile', 'internet'] }, { not: { feature: 'is_cash', op: '==', value: true } }] },
      { feature: 'amount', op: '<=', value: { feature: 'out_sum_30d', factor: 1 } },
      { feature: 'customer_age', op: 'between', value: [0, 200] },
      { not: { feature: 'channel', op: '==', value: 'atm' } },
      { feature: 'amount', op: '<', value: { amount: 10_000_000, currency: 'USD' } },
    ],
  },
  reason: { 'zh-CN': '金额 {amount} 元，"引号" 与 \\ 反斜杠', en: 'amount {amount}, "quotes" and \\ backslash' },
};

describe('stored hits', () => {
  it('are the same text whether the engine wrote their traces as objects or as JSON text', () => {
    const { txns, profiles } = generateTraffic(6_000, 600, 11);
    const scenarios = [...builtInScenarios, everyNode];
    const objects = createEngine({ profiles: mapProfileLookup(profiles), scenarios, explain: true });
    const text = createEngine({ profiles: mapProfileLookup(profiles), scenarios, explain: 'json' });
    const fired = new Set<string>();
    for (const t of txns) {
      const a = objects.score(t).hits;
      const b = text.score(t).hits;
      expect(b.every((h) => h.trace === undefined && typeof h.traceJson === 'string')).toBe(true);
      expect(hitsJson(b)).toBe(JSON.stringify(a));
      expect(hitsJson(a)).toBe(JSON.stringify(a));
      for (const h of a) fired.add(h.scenarioId);
    }
    // Built-in scenarios beside the probe, so their traces were compared too.
    expect(fired.has('EVERY-NODE')).toBe(true);
    expect(fired.size).toBeGreaterThan(8);
  });

  it('follow a scenario to its next version (the fixed fields of each version are written once)', () => {
    const hit = (version: number, score: number, severity: 'low' | 'high') => ({
      scenarioId: 'S-1', version, severity, typology: 't', score, reason: { 'zh-CN': '原因', en: 'reason' }, traceJson: '{"kind":"cmp"}', side: 'debit', accountId: 'A1',
    });
    const hits = [hit(1, 10, 'low'), hit(2, 10, 'low'), hit(2, 25, 'high'), hit(1, 10, 'low')];
    expect(JSON.parse(hitsJson(hits))).toEqual(hits.map(({ traceJson, ...h }) => ({ ...h, trace: JSON.parse(traceJson) })));
  });
});
