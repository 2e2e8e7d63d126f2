import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Browser, buildTestApp, createUser, type TestApp } from './app.helper.ts';

const PEOPLE = [
  { id: 'cus_rest_1', name: '欧阳明远', idNumber: '110101199003071234', phone: '13912345678', address: '北京市朝阳区建国路88号' },
  { id: 'cus_rest_2', name: '司马青衫', idNumber: '44030519851212567X', phone: '18688889999', address: '广东省深圳市南山区科技园1号' },
];

/** A stolen database file must not show personal data: grep the SQLite file (and its WAL) for it. */
describe('personal data at rest (SQLite file on disk)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ file: true });
    const load = await t.app.inject({
      method: 'POST', url: '/api/v1/reference', headers: { 'x-api-key': t.c.config.bootstrapApiKey! },
      payload: {
        customers: PEOPLE.map((p) => ({ ...p, branchId: 'br_a', kind: 'person', birthDate: '1990-03-07', riskLevel: 'low' })),
        accounts: PEOPLE.map((p, i) => ({ id: `6222020000000${i}1234`, branchId: 'br_a', customerId: p.id, type: 'card', openedAt: '2020-01-01' })),
      },
    });
    expect(load.statusCode, load.body).toBe(200);
    await createUser(t, 'pii_analyst', ['analyst']);
  });
  afterAll(async () => { await t?.close(); });

  it('stores names, ID numbers, phones and addresses only encrypted, yet serves them to a permitted role', async () => {
    const analyst = new Browser(t.app);
    await analyst.signIn('pii_analyst', 'pii_analyst-Pass-2026!');
    const clear = await analyst.request({ method: 'GET', url: `/api/v1/customers/${PEOPLE[0].id}` });
    expect(clear.statusCode, clear.body).toBe(200);
    expect(clear.json().customer).toMatchObject({ name: PEOPLE[0].name, idNumber: PEOPLE[0].idNumber, phone: PEOPLE[0].phone, masked: false });
    const auditor = new Browser(t.app);
    await auditor.signIn('auditor', ADMIN_PASSWORD);
    const masked = (await auditor.request({ method: 'GET', url: `/api/v1/customers/${PEOPLE[0].id}` })).json().customer;
    expect(masked).toMatchObject({ name: '欧***', idNumber: '110101********1234', phone: '139****5678', masked: true });

    const dir = path.dirname(t.sqliteFile!);
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('outpost.sqlite'));
    expect(files).toContain('outpost.sqlite');
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(dir, f))));
    expect(bytes.length).toBeGreaterThan(10_000);
    const leaks: string[] = [];
    for (const p of PEOPLE) {
      for (const v of [p.name, p.idNumber, p.phone, p.address, p.address.slice(0, 6)]) {
        if (bytes.includes(Buffer.from(v, 'utf8'))) leaks.push(v);
      }
    }
    expect(leaks).toEqual([]);
    // The test can fail: a value that is stored in clear (the birth date) is found.
    expect(bytes.includes(Buffer.from('1990-03-07', 'utf8'))).toBe(true);
  });

  it('finds a customer by phone or ID number sent in the request body, never in a URL, and audits the read', async () => {
    const analyst = new Browser(t.app);
    await analyst.signIn('pii_analyst', 'pii_analyst-Pass-2026!');
    const byPhone = await analyst.request({ method: 'POST', url: '/api/v1/customers/search', payload: { phone: ' 186-8888-9999 ' } });
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    expect(byPhone.json().items.map((x: { id: string }) => x.id)).toEqual(['cus_rest_2']);
    const byId = await analyst.request({ method: 'POST', url: '/api/v1/customers/search', payload: { idNumber: '44030519851212567x' } });
    expect(byId.json().items).toMatchObject([{ id: 'cus_rest_2', name: PEOPLE[1].name, masked: false }]);
    expect((await analyst.request({ method: 'POST', url: '/api/v1/customers/search', payload: {} })).statusCode).toBe(400);
    // The query-string form is gone: a number in a URL ends up in access logs and browser history.
    expect((await analyst.request({ method: 'GET', url: `/api/v1/customers?phone=${PEOPLE[1].phone}` })).statusCode).toBe(404);
    const reads = await t.c.database.db.selectFrom('audit_events').select(['action', 'after']).where('target_id', '=', 'cus_rest_2').where('action', '=', 'customer.read').execute();
    expect(reads.length).toBe(2);
  });

  it('still finds a customer by exact ID number through the blind index', async () => {
    const cipher = t.c.services.get('cipher') as { blindIndex(k: string, v: string): string };
    const row = await t.c.database.db.selectFrom('customers').select(['id', 'id_number']).where('id_number_hash', '=', cipher.blindIndex('id_number', '44030519851212567x')).executeTakeFirst();
    expect(row?.id).toBe('cus_rest_2');
    expect(row?.id_number).toMatch(/^sm4:v1:/);
  });
});
