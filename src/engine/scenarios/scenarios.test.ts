import { describe, expect, it } from 'vitest';
import { builtInScenarios } from './index.ts';
import { compileScenario } from '../rules/compile.ts';
import { CASES_A } from '../testing/cases-a.ts';
import { CASES_B } from '../testing/cases-b.ts';
import { world } from '../testing/world.ts';

const CASES = { ...CASES_A, ...CASES_B };

describe('built-in scenario library', () => {
  it('has at least 60 valid scenarios with unique ids, bilingual names and reasons', () => {
    expect(builtInScenarios.length).toBeGreaterThanOrEqual(60);
    const ids = builtInScenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of builtInScenarios) {
      const c = compileScenario(s);
      expect(c.def.name['zh-CN'].length).toBeGreaterThan(0);
      expect(c.def.reason.en.length).toBeGreaterThan(0);
      expect(c.def.indicators.length + (c.def.doc ? 1 : 0)).toBeGreaterThan(0);
    }
  });

  it('has a crafted positive and negative case for every scenario', () => {
    expect(Object.keys(CASES).sort()).toEqual(builtInScenarios.map((s) => s.id).sort());
  });

  for (const s of builtInScenarios) {
    describe(`${s.id} ${s.name.en}`, () => {
      const cs = CASES[s.id];
      it.runIf(cs !== undefined)('fires on the crafted positive', () => {
        const w = world();
        cs.pos(w);
        const results = w.run([s]);
        const last = results[results.length - 1];
        expect(last.hits.map((h) => h.scenarioId)).toContain(s.id);
        const hit = last.hits.find((h) => h.scenarioId === s.id)!;
        expect(hit.reason['zh-CN']).not.toMatch(/\{\{|—/);
        expect(hit.reason.en).not.toMatch(/\{\{|—/);
      });
      it.runIf(cs !== undefined)('does not fire on the crafted negative', () => {
        const w = world();
        cs.neg(w);
        const results = w.run([s]);
        expect(results.flatMap((r) => r.hits.map((h) => h.scenarioId))).not.toContain(s.id);
      });
    });
  }
});
