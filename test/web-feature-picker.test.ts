import { describe, expect, it } from 'vitest';
import { builtInScenarios, compileScenario, featureCatalogue, resolveFeature } from '../src/engine/index.ts';
import { describeFeature, featureOptions } from '../web/src/lib/features.ts';

describe('web rule editor: feature suggestions and hints', () => {
  const cat = featureCatalogue();

  it('suggests only names the engine accepts, each with a description', () => {
    const options = featureOptions(cat, 'zh-CN');
    expect(options.length).toBeGreaterThan(1_000);
    expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
    for (const o of options) {
      expect(resolveFeature(o.name), o.name).toBeDefined();
      expect(describeFeature(o.name, cat, 'zh-CN')?.text, o.name).toBe(o.text);
    }
  });

  it('describes every feature the built-in scenarios read, in both languages', () => {
    for (const s of builtInScenarios) {
      for (const name of compileScenario(s).features) {
        expect(describeFeature(name, cat, 'zh-CN'), `${s.id}: ${name}`).not.toBeNull();
        expect(describeFeature(name, cat, 'en'), `${s.id}: ${name}`).not.toBeNull();
      }
    }
    expect(describeFeature('cp_out_sum_24h', cat, 'zh-CN')).toEqual({ text: '交易对手账户 · 近 24 小时 · 出账金额合计', unit: '元' });
    expect(describeFeature('cp_out_sum_24h', cat, 'en')).toEqual({ text: 'Counterparty account · last 24 hours · Amount debited', unit: 'CNY' });
    expect(describeFeature('channel', cat, 'en')).toMatchObject({ text: 'Channel', categories: expect.arrayContaining(['mobile', 'atm']) });
  });

  it('reads a name the way the engine does: no description where the engine refuses it', () => {
    for (const name of ['out_sum_25h', 'out_velocity_90d', 'max_out_life', 'cp_', 'no_such_feature', 'cust_amount', '']) {
      expect(resolveFeature(name), name).toBeUndefined();
      expect(describeFeature(name, cat, 'zh-CN'), name).toBeNull();
    }
  });
});
