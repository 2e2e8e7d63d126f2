import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, createUser, INST, type TestApp } from '../../test/security/app.helper.ts';
import { insertTransfers } from '../../test/helpers/rings.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';

/** The known-bad list over HTTP: who may change it, validation with paths, list filters, removal with a reason. */
describe('known-bad routes', () => {
  let t: TestApp;
  let analyst: Browser;
  let owner: Browser;

  beforeAll(async () => {
    t = await buildTestApp();
    await createUser(t, 'kb_analyst', ['analyst']);
    await createUser(t, 'kb_owner', ['rule_owner']);
    analyst = new Browser(t.app);
    owner = new Browser(t.app);
    await analyst.signIn('kb_analyst', 'kb_analyst-Pass-2026!');
    await owner.signIn('kb_owner', 'kb_owner-Pass-2026!');
  });
  afterAll(async () => { await t?.close(); });

  it('lists accounts for the analyst, refuses the rule owner, and says which entry and field is wrong', async () => {
    const entries = [{ accountId: '6217000000001111', source: 'police_notice', reference: 'N-2026-118' }, { accountId: '6217000000002222', source: 'str' }];
    expect((await owner.request({ method: 'POST', url: '/api/v1/rings/known-bad', payload: { entries } })).statusCode).toBe(403);
    const bad = await analyst.request({ method: 'POST', url: '/api/v1/rings/known-bad', payload: { entries: [{ accountId: '6217 0000', source: 'rumour' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.entries.0.accountId', 'body.entries.0.source']);
    const ok = await analyst.request({ method: 'POST', url: '/api/v1/rings/known-bad', payload: { entries } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().added).toHaveLength(2);
    const again = (await analyst.request({ method: 'POST', url: '/api/v1/rings/known-bad', payload: { entries: entries.slice(0, 1) } })).json();
    expect(again).toMatchObject({ added: [], unchanged: [{ accountId: '6217000000001111', reference: 'N-2026-118' }] });
    const page = (await owner.request({ method: 'GET', url: '/api/v1/rings/known-bad?source=police_notice' })).json();
    expect(page).toMatchObject({ total: 1, items: [{ accountId: '6217000000001111', source: 'police_notice', addedBy: expect.any(String), addedByName: expect.any(String) }] });
    const account = (await owner.request({ method: 'GET', url: '/api/v1/rings/accounts/6217000000001111' })).json();
    expect(account).toMatchObject({ account: '6217000000001111', features: null, knownBad: { source: 'police_notice', reference: 'N-2026-118' } });
  });

  it('a finding\'s detail says which accounts around it are on the list', async () => {
    await insertTransfers(t.c, [['KA', 'KB', 90_000, 1], ['KB', 'KC', 85_000, 3], ['KC', 'KA', 80_000, 4], ['KX', 'KA', 5_000, 2]],
      { institutionId: INST, idPrefix: 'kb', firstSeq: 20_000 });
    await analyst.request({ method: 'POST', url: '/api/v1/rings/known-bad', payload: { entries: [{ accountId: 'KX', source: 'case' }] } });
    const run = await analyst.request({ method: 'POST', url: '/api/v1/rings/mine', payload: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } });
    expect(run.statusCode, run.body).toBe(200);
    const [cycle] = (await analyst.request({ method: 'GET', url: '/api/v1/rings/findings?typology=cycle' })).json().items;
    const detail = (await analyst.request({ method: 'GET', url: `/api/v1/rings/findings/${cycle.id}` })).json();
    // KX paid a member: it is in the subgraph, not in the ring, and listed
    expect(detail.members.map((m: { account: string }) => m.account)).not.toContain('KX');
    expect(detail.knownBad).toEqual([expect.objectContaining({ accountId: 'KX', source: 'case' })]);
    expect(detail.reasons.map((r: { code: string }) => r.code)).toContain('known_bad');
  });

  it('takes an account off the list only with a reason', async () => {
    const url = '/api/v1/rings/known-bad/6217000000002222';
    const noReason = await analyst.request({ method: 'DELETE', url, payload: {} });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    const ok = await analyst.request({ method: 'DELETE', url, payload: { reason: 'report withdrawn' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ accountId: '6217000000002222', source: 'str' });
    expect((await analyst.request({ method: 'DELETE', url, payload: { reason: 'again' } })).statusCode).toBe(404);
    expect((await analyst.request({ method: 'GET', url: '/api/v1/rings/known-bad' })).json().total).toBe(2); // 6217…1111 and KX
  });

  it('names who added each entry: the user\'s display name or the service key\'s name', async () => {
    const key = 'kb-service-key-0123456789abcdefghijkl';
    await t.services.keys.create(SYSTEM_ACTOR, { name: '反诈中心同步', institutionId: INST, permissions: ['rings:read', 'rings:flag'] }, key);
    const added = await t.app.inject({ method: 'POST', url: '/api/v1/rings/known-bad', headers: { 'x-api-key': key }, payload: { entries: [{ accountId: '6217000000003333', source: 'police_notice' }] } });
    expect(added.statusCode, added.body).toBe(200);
    const items = (await analyst.request({ method: 'GET', url: '/api/v1/rings/known-bad?pageSize=50' })).json().items as Array<{ accountId: string; addedByName: string | null }>;
    expect(items.find((i) => i.accountId === '6217000000003333')?.addedByName).toBe('反诈中心同步');
    expect(items.find((i) => i.accountId === '6217000000001111')?.addedByName).toBe('kb_analyst');
  });
});
