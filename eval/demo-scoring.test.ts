import { describe, expect, it } from 'vitest';
import { generateDemoBank } from '../src/demo/generator.ts';
import { builtInScenarios } from '../src/engine/index.ts';
import { DEMO_EVAL_END, DEMO_EVAL_SEED, demoProfiles, scoreDemo } from './demo-scoring.ts';

describe('demo scoring evaluation', () => {
  const bank = generateDemoBank({ seed: DEMO_EVAL_SEED, scale: 0.05, endDate: DEMO_EVAL_END });

  it('builds profiles like the account directory: own accounts, opened at 00:00 China time', () => {
    const profiles = demoProfiles(bank);
    expect(profiles.size).toBe(bank.accounts.length);
    const a = bank.accounts[0];
    const p = profiles.get(a.id)!;
    expect(p.own).toBe(true);
    expect(p.openedAt).toBe(Date.parse(`${a.openedAt}T00:00:00+08:00`));
    expect(p.customerKind).toBe(bank.customers.find((c) => c.id === a.customerId)!.kind);
  });

  it('counts decisions, hits and labelled recall consistently', () => {
    const r = scoreDemo(bank);
    expect(r.transactions).toBe(bank.transactions.length);
    expect(r.review + r.block).toBeLessThanOrEqual(r.transactions);
    expect(Object.keys(r.scenarios).sort()).toEqual(builtInScenarios.map((s) => s.id).sort());
    const typ = Object.values(r.typologies);
    expect(typ.reduce((n, t) => n + t.txns, 0)).toBe(bank.labels.length);
    expect(typ.reduce((n, t) => n + t.patterns, 0)).toBe(new Set(bank.labels.map((l) => l.patternId)).size);
    for (const t of typ) {
      expect(t.patternsFlagged).toBeLessThanOrEqual(t.patterns);
      expect(t.txnsFlagged).toBeLessThanOrEqual(t.txnsHit);
    }
    // A run with no scenarios flags nothing: the figures come from the engine, not the labels.
    const none = scoreDemo(bank, []);
    expect(none.review + none.block).toBe(0);
    expect(Object.values(none.typologies).every((t) => t.patternsFlagged === 0)).toBe(true);
  });
});
