import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, createUser, INST, type TestApp } from '../../test/security/app.helper.ts';
import { insertTransfers } from '../../test/helpers/rings.ts';

/** The rings API over HTTP: validation errors with paths, permissions per role, mine → list → detail. */
describe('rings routes', () => {
  let t: TestApp;
  let owner: Browser;
  let analyst: Browser;

  beforeAll(async () => {
    t = await buildTestApp();
    await createUser(t, 'ring_owner', ['rule_owner']);
    await createUser(t, 'ring_analyst', ['analyst']);
    owner = new Browser(t.app);
    analyst = new Browser(t.app);
    await owner.signIn('ring_owner', 'ring_owner-Pass-2026!');
    await analyst.signIn('ring_analyst', 'ring_analyst-Pass-2026!');
    await insertTransfers(t.c, [['A', 'B', 90_000, 1], ['B', 'C', 85_000, 3], ['C', 'A', 80_000, 4]], { institutionId: INST, idPrefix: 'rt', firstSeq: 10_000 });
  });
  afterAll(async () => { await t?.close(); });

  it('rejects invalid detector parameters with the path and reason of each problem', async () => {
    const res = await owner.request({ method: 'PUT', url: '/api/v1/rings/params', payload: { params: { cycle: { minLength: 9, maxLength: 4 } } } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'cycle.minLength', message: 'must be ≤ cycle.maxLength', code: 'not_above', params: { other: 'cycle.maxLength' } }]);
  });

  it('saves a parameter version for the rule owner and refuses it to the analyst', async () => {
    const denied = await analyst.request({ method: 'PUT', url: '/api/v1/rings/params', payload: { params: {} } });
    expect(denied.statusCode).toBe(403);
    const ok = await owner.request({ method: 'PUT', url: '/api/v1/rings/params', payload: { params: { sharedIdentifier: { minAccounts: 2 } }, comment: 'pairs' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const got = (await analyst.request({ method: 'GET', url: '/api/v1/rings/params' })).json();
    expect(got.version).toBe(1);
    expect(got.params.sharedIdentifier.minAccounts).toBe(2);
    expect(got.versions[0].comment).toBe('pairs');
  });

  it('mines a window, lists the finding with filters and returns its detail and subgraph', async () => {
    const bad = await analyst.request({ method: 'POST', url: '/api/v1/rings/mine', payload: { from: '2026-02-01', to: '2026-01-01' } });
    expect(bad.statusCode).toBe(400);
    const run = await analyst.request({ method: 'POST', url: '/api/v1/rings/mine', payload: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().findings).toBe(1);
    const list = (await analyst.request({ method: 'GET', url: '/api/v1/rings/findings?typology=cycle&minScore=1' })).json();
    expect(list.total).toBe(1);
    expect((await analyst.request({ method: 'GET', url: '/api/v1/rings/findings?typology=fan_in' })).json().total).toBe(0);
    const detail = (await analyst.request({ method: 'GET', url: `/api/v1/rings/findings/${list.items[0].id}` })).json();
    expect(detail.members.map((m: { account: string }) => m.account)).toEqual(['A', 'B', 'C']);
    expect(detail.transactions.map((x: { txnId: string }) => x.txnId)).toEqual(['rt0', 'rt1', 'rt2']);
    expect(detail.subgraph.edges).toHaveLength(3);
    expect(detail.reasons[0].text.en).toMatch(/returned to its origin/);
    const runs = (await analyst.request({ method: 'GET', url: '/api/v1/rings/runs' })).json();
    expect(runs.items[0].findings).toBe(1);
    expect((await analyst.request({ method: 'GET', url: '/api/v1/rings/findings/ring_missing' })).statusCode).toBe(404);
    // Each member's graph features from that run, as the scoring engine reads them.
    const a = (await analyst.request({ method: 'GET', url: '/api/v1/rings/accounts/A' })).json();
    expect(a).toMatchObject({ account: 'A', features: { ringScore: list.items[0].score, findings: 1, cycles: 1 }, run: { id: runs.items[0].id } });
    const none = (await analyst.request({ method: 'GET', url: '/api/v1/rings/accounts/Z' })).json();
    expect(none).toMatchObject({ account: 'Z', features: null, run: { id: runs.items[0].id } });
  });
});
