import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Browser, buildTestApp, createUser, type TestApp } from './app.helper.ts';

/** Users see only their scope: a branch its subtree, head office everything, another bank nothing. */
describe('tenant and branch isolation end to end', () => {
  let t: TestApp;
  const as = async (username: string) => {
    const b = new Browser(t.app);
    expect((await b.signIn(username, `${username}-Pass-2026!`)).statusCode).toBe(200);
    return b;
  };
  beforeAll(async () => {
    t = await buildTestApp();
    const load = await t.app.inject({
      method: 'POST', url: '/api/v1/reference', headers: { 'x-api-key': t.c.config.bootstrapApiKey! },
      payload: { customers: [
        { id: 'cus_in_a1', branchId: 'br_a1', kind: 'person', name: '赵一' },
        { id: 'cus_in_b', branchId: 'br_b', kind: 'person', name: '钱二' },
      ] },
    });
    expect(load.statusCode, load.body).toBe(200);
    await createUser(t, 'officer_a', ['branch_security_officer'], { branchId: 'br_a' });
    await createUser(t, 'officer_a1', ['branch_security_officer'], { branchId: 'br_a1' });
    await createUser(t, 'hq_manager', ['security_manager'], { branchId: 'br_hq' });
    await createUser(t, 'foreign_analyst', ['analyst'], { institutionId: 'inst_other' });
  });
  afterAll(async () => { await t?.close(); });

  const status = async (b: Browser, url: string) => (await b.request({ method: 'GET', url })).statusCode;

  it('a branch officer sees their branch and its sub-branches only', async () => {
    const a = await as('officer_a');
    expect(await status(a, '/api/v1/customers/cus_in_a1')).toBe(200);
    expect(await status(a, '/api/v1/customers/cus_in_b')).toBe(404);
    const branches = (await a.request({ method: 'GET', url: '/api/v1/branches' })).json().items.map((b: { id: string }) => b.id).sort();
    expect(branches).toEqual(['br_a', 'br_a1']);
    const a1 = await as('officer_a1');
    expect(await status(a1, '/api/v1/customers/cus_in_a1')).toBe(200);
    expect(await status(a1, '/api/v1/customers/cus_in_b')).toBe(404);
  });

  it('head office sees every branch', async () => {
    const hq = await as('hq_manager');
    expect(await status(hq, '/api/v1/customers/cus_in_a1')).toBe(200);
    expect(await status(hq, '/api/v1/customers/cus_in_b')).toBe(200);
  });

  it('a user of another institution sees none of it', async () => {
    const f = await as('foreign_analyst');
    expect(await status(f, '/api/v1/customers/cus_in_a1')).toBe(404);
    expect(await status(f, '/api/v1/customers/cus_in_b')).toBe(404);
    const branches = (await f.request({ method: 'GET', url: '/api/v1/branches' })).json().items.map((b: { id: string }) => b.id);
    expect(branches).toEqual(['br_ohq']);
    const auditor = new Browser(t.app);
    await auditor.signIn('auditor', ADMIN_PASSWORD);
    const foreignAuditEvents = (await auditor.request({ method: 'GET', url: '/api/v1/audit?limit=500' })).json().items.filter((e: { institutionId: string | null }) => e.institutionId === 'inst_other');
    expect(foreignAuditEvents).toEqual([]);
    const stored = await t.c.database.db.selectFrom('audit_events').select('id').where('institution_id', '=', 'inst_other').execute();
    expect(stored.length).toBeGreaterThan(0);
  });

  it('a branch-scoped API key is held to its branch', async () => {
    const sec = new Browser(t.app);
    await sec.signIn('secadmin', ADMIN_PASSWORD);
    const created = await sec.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'branch b reader', permissions: ['customers:read'], branchId: 'br_b' } });
    expect(created.statusCode, created.body).toBe(201);
    const get = (id: string) => t.app.inject({ method: 'GET', url: `/api/v1/customers/${id}`, headers: { 'x-api-key': created.json().key } });
    expect((await get('cus_in_b')).statusCode).toBe(200);
    expect((await get('cus_in_a1')).statusCode).toBe(404);
  });
});
