import { describe, expect, it } from 'vitest';
import { builtInScenarios, createEngine, mapProfileLookup } from '../engine/index.ts';
import { generateTraffic } from '../engine/testing/synthetic.ts';
import { hitsJson, readHits } from './transaction.mapper.ts';

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
  it('are the same text whether the engine wrote their traces as objects or as JSON text, and read back as the objects', () => {
    const { txns, profiles } = generateTraffic(6_000, 600, 11);
    const scenarios = [...builtInScenarios, everyNode];
    const objects = createEngine({ profiles: mapProfileLookup(profiles), scenarios, explain: true });
    const text = createEngine({ profiles: mapProfileLookup(profiles), scenarios, explain: 'json' });
    const fired = new Set<string>();
    let storedChars = 0, objectChars = 0;
    const cmpLengths = new Set<number>();
    const collect = (n: unknown[]) => { if (n[0] === 'cmp') cmpLengths.add(n.length); else for (const k of n.slice(2)) collect(k as unknown[]); };
    for (const t of txns) {
      const a = objects.score(t).hits;
      const b = text.score(t).hits;
      expect(b.every((h) => h.trace === undefined && typeof h.traceJson === 'string')).toBe(true);
      const stored = hitsJson(b);
      expect(stored).toBe(hitsJson(a));
      expect(readHits(stored)).toEqual(JSON.parse(JSON.stringify(a)));
      storedChars += stored.length;
      objectChars += JSON.stringify(a).length;
      for (const h of JSON.parse(stored) as Array<{ trace: unknown[] }>) collect(h.trace);
      for (const h of a) fired.add(h.scenarioId);
    }
    // Compared values are stored only where they differ from the value as written (USD, another feature).
    expect([...cmpLengths].sort()).toEqual([6, 7]);
    expect(storedChars).toBeLessThan(objectChars * 0.75);
    // Built-in scenarios beside the probe, so their traces were compared too.
    expect(fired.has('EVERY-NODE')).toBe(true);
    expect(fired.size).toBeGreaterThan(8);
  });

  it('follow a scenario to its next version (the fixed fields of each version are written once)', () => {
    const hit = (version: number, score: number, severity: 'low' | 'high') => ({
      scenarioId: 'S-1', version, severity, typology: 't', score, reason: { 'zh-CN': '原因', en: 'reason' }, traceJson: '["cmp",1,"amount",">=",5000,40000]', side: 'debit', accountId: 'A1',
    });
    const hits = [hit(1, 10, 'low'), hit(2, 10, 'low'), hit(2, 25, 'high'), hit(1, 10, 'low')];
    const trace = { kind: 'cmp', held: true, feature: 'amount', op: '>=', value: 5000, compared: 5000, actual: 40000 };
    expect(readHits(hitsJson(hits))).toEqual(hits.map(({ traceJson: _text, ...h }) => ({ ...h, trace })));
  });

  it('stored before the compact trace form (trace objects) read back as they are', () => {
    const old = [{
      scenarioId: 'S-1', version: 1, severity: 'low', typology: 't', score: 10, reason: { 'zh-CN': '原因', en: 'reason' },
      trace: { kind: 'not', held: true, child: { kind: 'cmp', held: false, feature: 'channel', op: '==', value: 'atm', compared: 'atm', actual: 'mobile' } },
      side: 'debit', accountId: 'A1',
    }];
    expect(readHits(JSON.stringify(old))).toEqual(old);
    // Written again (a trace object), it takes the stored form and reads back the same.
    expect(hitsJson(old as never)).toContain('"trace":["not",1,["cmp",0,"channel","==","atm","mobile"]]');
    expect(readHits(hitsJson(old as never))).toEqual(old);
  });
});
