import { describe, expect, it } from 'vitest';
import { generateDemoBank } from '../src/demo/generator.ts';
import { DEFAULT_DETECTOR_PARAMS } from '../src/graph/params.schema.ts';
import { DEMO_EVAL_END, DEMO_EVAL_SEED } from './demo-scoring.ts';
import { DEMO_RING_TYPOLOGIES, demoTransfers, evaluateDemoRings, formatDemoRings } from './demo-rings.ts';

describe('demo ring evaluation', () => {
  const bank = generateDemoBank({ seed: DEMO_EVAL_SEED, scale: 0.1, endDate: DEMO_EVAL_END });

  it('reads account-to-account transfers of the window only', () => {
    const from = bank.window.end - 30 * 86_400_000;
    const rows = demoTransfers(bank, from, bank.window.end);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.time >= from && r.time < bank.window.end && r.src && r.dst)).toBe(true);
  });

  it('counts planted ring patterns and kept findings consistently', () => {
    const r = evaluateDemoRings(bank, DEFAULT_DETECTOR_PARAMS, 90);
    const ringPatterns = new Set(bank.labels.filter((l) => DEMO_RING_TYPOLOGIES[l.typology]).map((l) => l.patternId));
    expect(r.patterns.length).toBe(ringPatterns.size);
    expect(Object.values(r.recall).reduce((n, x) => n + x.patterns, 0)).toBe(ringPatterns.size);
    for (const x of Object.values(r.recall)) expect(x.heldByMatching).toBeLessThanOrEqual(x.held);
    expect(r.trueKept).toBeLessThanOrEqual(r.kept);
    expect(Object.values(r.keptByTypology).reduce((n, x) => n + x.findings, 0)).toBe(r.kept);
    expect(formatDemoRings(r, true)).toContain('finding precision');
  }, 60_000);
});
