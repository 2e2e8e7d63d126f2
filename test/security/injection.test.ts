import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Browser, buildTestApp, createUser, type TestApp } from './app.helper.ts';

const SQL = [`'; DROP TABLE users; --`, `' OR '1'='1`, `Robert'); DELETE FROM audit_events; --`, `1; UPDATE users SET status='disabled' --`, `\\'; SELECT pg_sleep(5); --`];
const XSS = [`<script>alert(1)</script>`, `"><img src=x onerror=alert(document.cookie)>`, `javascript:alert(1)`, `<svg/onload=alert(1)>`, `=HYPERLINK("http://evil.example","x")`];
const PAYLOADS = [...SQL, ...XSS];

/** Hostile text in every text field we store is kept verbatim, never executed, and served as inert JSON. */
describe('SQL injection and XSS payloads in text fields', () => {
  let t: TestApp;
  let admin: Browser;
  let sec: Browser;
  let analyst: Browser;
  const key = () => ({ 'x-api-key': t.c.config.bootstrapApiKey! });

  beforeAll(async () => {
    t = await buildTestApp();
    admin = new Browser(t.app);
    sec = new Browser(t.app);
    analyst = new Browser(t.app);
    await admin.signIn('admin', ADMIN_PASSWORD);
    await sec.signIn('secadmin', ADMIN_PASSWORD);
    await createUser(t, 'inj_analyst', ['analyst']);
    await analyst.signIn('inj_analyst', 'inj_analyst-Pass-2026!');
  });
  afterAll(async () => { await t?.close(); });

  const assertInertJson = (res: { headers: Record<string, unknown> }) => {
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  };

  it('account display names, role descriptions and API key names round-trip exactly', async () => {
    for (const [i, p] of PAYLOADS.entries()) {
      const u = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: `inj_${i}`, displayName: p, password: 'Injection-Test-2026!' } });
      expect(u.statusCode, u.body).toBe(201);
      const got = await admin.request({ method: 'GET', url: `/api/v1/users/${u.json().id}` });
      assertInertJson(got);
      expect(got.json().displayName).toBe(p);
      const role = await sec.request({ method: 'POST', url: '/api/v1/roles', payload: { name: `inj_role_${i}`, description: p, permissions: ['dashboard:read'] } });
      expect(role.statusCode, role.body).toBe(201);
      expect(role.json().description).toBe(p);
      const k = await sec.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: p, permissions: ['dashboard:read'] } });
      expect(k.json().apiKey.name).toBe(p);
    }
    const roles = (await sec.request({ method: 'GET', url: '/api/v1/roles' })).json().items.map((r: { description: string }) => r.description);
    for (const p of PAYLOADS) expect(roles).toContain(p);
  });

  it('a hostile username or filter is just a value that matches nothing', async () => {
    for (const p of SQL) {
      const r = await new Browser(t.app).signIn(p, p);
      expect([400, 401]).toContain(r.statusCode);
    }
    const auditor = new Browser(t.app);
    await auditor.signIn('auditor', ADMIN_PASSWORD);
    for (const p of SQL) {
      const r = await auditor.request({ method: 'GET', url: `/api/v1/audit?action=${encodeURIComponent(p)}&actor=${encodeURIComponent(p)}` });
      expect(r.statusCode).toBe(200);
      expect(r.json().items).toEqual([]);
    }
  });

  it('customer and branch text fields round-trip exactly', async () => {
    const load = await t.app.inject({
      method: 'POST', url: '/api/v1/reference', headers: key(),
      payload: {
        branches: [{ id: 'br_inj', parentId: 'br_hq', code: 'INJ', name: XSS[0], level: 1 }],
        customers: PAYLOADS.map((p, i) => ({ id: `cus_inj_${i}`, branchId: 'br_inj', kind: 'person', name: p, address: p, occupation: p, phone: null, idNumber: null })),
        accounts: [0, 1].map((i) => ({ id: `ACC_INJ_${i}`, branchId: 'br_inj', customerId: `cus_inj_${i}`, type: 'savings', openedAt: '2020-01-01' })),
      },
    });
    expect(load.statusCode, load.body).toBe(200);
    for (const [i, p] of PAYLOADS.entries()) {
      const c = await analyst.request({ method: 'GET', url: `/api/v1/customers/cus_inj_${i}` });
      expect(c.statusCode, c.body).toBe(200);
      assertInertJson(c);
      expect(c.json().customer).toMatchObject({ name: p, address: p, occupation: p });
    }
    const branches = (await analyst.request({ method: 'GET', url: '/api/v1/branches' })).json().items;
    expect(branches.find((b: { id: string }) => b.id === 'br_inj').name).toBe(XSS[0]);
  });

  it('transaction text fields (parties, purpose, location) round-trip exactly', async () => {

    const ingest = await t.app.inject({
      method: 'POST', url: '/api/v1/transactions', headers: key(),
      payload: PAYLOADS.map((p, i) => ({
        id: `txn-inj-${i}`, timestamp: '2026-01-05T10:00:00+08:00', debitAccount: 'ACC_INJ_0', creditAccount: 'ACC_INJ_1',
        debitParty: p, creditParty: p, amount: '100.00', currency: 'CNY', channel: 'mobile', type: 'transfer', purpose: p, location: p,
      })),
    });
    expect(ingest.statusCode, ingest.body).toBe(200);
    for (const [i, res] of (ingest.json().results as Array<{ status: string; quarantineId?: string }>).entries()) {
      const p = PAYLOADS[i];
      if (res.status === 'quarantined') {
        const q = await analyst.request({ method: 'GET', url: `/api/v1/quarantine/${res.quarantineId}` });
        expect(q.statusCode).toBe(200);
        expect(q.body).toContain(JSON.stringify(p).slice(1, -1));
      } else {
        const tx = await analyst.request({ method: 'GET', url: `/api/v1/transactions/txn-inj-${i}` });
        expect(tx.statusCode, tx.body).toBe(200);
        assertInertJson(tx);
        expect(tx.body).toContain(JSON.stringify(p).slice(1, -1));
      }
    }
  });

  it('left every table in place and the audit chain intact', async () => {
    const db = t.c.database.db;
    expect((await db.selectFrom('users').select('id').execute()).length).toBeGreaterThan(10);
    expect((await db.selectFrom('users').select('id').where('status', '=', 'disabled').execute())).toEqual([]);
    const auditor = new Browser(t.app);
    await auditor.signIn('auditor', ADMIN_PASSWORD);
    expect((await auditor.request({ method: 'GET', url: '/api/v1/audit/verify' })).json().ok).toBe(true);
  });
});
