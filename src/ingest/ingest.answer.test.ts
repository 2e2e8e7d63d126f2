import { describe, expect, it } from 'vitest';
import { builtInScenarios, createEngine, mapProfileLookup } from '../engine/index.ts';
import { generateTraffic } from '../engine/testing/synthetic.ts';
import { batchAnswerBytes } from './ingest.answer.ts';
import type { RecordResult } from './ingest.types.ts';

describe('batch answer', () => {
  it('is the summary and every result, hits without their traces', () => {
    const { txns, profiles } = generateTraffic(3_000, 300, 5);
    const json = createEngine({ profiles: mapProfileLookup(profiles), scenarios: builtInScenarios, explain: 'json' });
    const objects = createEngine({ profiles: mapProfileLookup(profiles), scenarios: builtInScenarios, explain: true });
    const results: RecordResult[] = txns.map((t, i) => {
      // Accepted records carry the engine's hits (trace as text); duplicates, hits read back (trace objects).
      const s = i % 3 === 0 ? objects.score(t) : json.score(t);
      if (i % 3 !== 0) objects.score(t);
      return { position: i, id: t.id, status: i % 3 === 0 ? 'duplicate' : 'accepted', decision: s.decision, score: s.score, hits: s.hits };
    });
    results.push({
      position: 3_000, id: null, status: 'quarantined', quarantineId: 'qr_1',
      errors: [{ field: 'amount', code: 'format', message: 'amount "1,2.3" is not a "decimal" \\ number', params: { value: '1,2.3' } }],
    });
    const summary = { batchId: 'job_1', accepted: 2_000, duplicates: 1_000, quarantined: 1, decisions: { allow: 1, review: 2, block: 3 } };
    const text = batchAnswerBytes({ ...summary, results }).toString('utf8');
    const expected = {
      ...summary,
      results: results.map((r) => (r.status === 'quarantined' ? r : {
        ...r, hits: r.hits.map(({ scenarioId, version, severity, typology, score, reason, side, accountId }: typeof r.hits[number] & { side?: string; accountId?: string }) => (
          { scenarioId, version, severity, typology, score, reason, side, accountId })),
      })),
    };
    expect(text).toBe(JSON.stringify(expected));
    expect(results.filter((r) => r.status !== 'quarantined' && r.hits.length > 0).length).toBeGreaterThan(50);
    expect(text).not.toContain('"trace');
  });
});
