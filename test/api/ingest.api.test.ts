import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../src/app/container.ts';
import { MODULES } from '../../src/app/modules.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { DIALECTS } from '../helpers/db.ts';
import { createTestContainer } from '../helpers/container.ts';
import { BANK, loadSmallBank } from '../helpers/bank.ts';
import { referenceServiceOf } from '../../src/reference/reference.module.ts';
import { ingestOf } from '../../src/ingest/ingest.module.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.types.ts';

const KEY = 'test-bootstrap-key-0123456789abcdef';
const NOW = Date.parse('2026-11-20T12:00:00Z');
const tx = (id: string, extra: Record<string, unknown> = {}) => ({
  id, timestamp: '2026-11-20T09:30:00+08:00', debitAccount: '6222000000000001', creditAccount: '6222000000000002',
  amount: '1234.56', currency: 'CNY', channel: 'mobile', type: 'transfer', ...extra,
});

// Also on a SQLite file: there the lists are read on read threads (store/read-threads.ts).
describe.each([...DIALECTS, 'sqlite-file' as const])('transaction API on %s', (dialect) => {
  let c: Container | null = null;
  let app: FastifyInstance | null = null;
  afterEach(async () => { await app?.close(); await c?.close(); app = null; c = null; });

  async function setup() {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW), config: { bootstrapApiKey: KEY } });
    if (!c) return null;
    await loadSmallBank(c);
    app = await buildApp(c, MODULES, { serveWeb: false });
    const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      app!.inject({ method, url, payload: payload as never, headers: { 'x-api-key': KEY, ...headers } });
    return { call };
  }

  it('scores a batch synchronously, answers a re-send with the original result, and quarantines bad rows', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const first = await s.call('POST', '/api/v1/transactions', [tx('A1', { amount: '600000.00' }), tx('A2', { amount: 'ten' })]);
    expect(first.statusCode).toBe(200);
    // The answer is written as UTF-8 bytes (ingest.answer.ts): it still says what it is.
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);
    const body = first.json();
    expect(body).toMatchObject({ accepted: 1, quarantined: 1, duplicates: 0 });
    expect(body.results[0]).toMatchObject({ position: 0, id: 'A1', status: 'accepted' });
    expect(['allow', 'review', 'block']).toContain(body.results[0].decision);
    expect(body.results[1]).toMatchObject({ position: 1, status: 'quarantined', errors: [{ field: 'amount', code: 'format' }] });

    const again = await s.call('POST', '/api/v1/transactions', tx('A1', { amount: '1.00' }));
    expect(again.json().results[0]).toMatchObject({ status: 'duplicate', decision: body.results[0].decision, score: body.results[0].score });

    const q = await s.call('GET', '/api/v1/quarantine?status=open');
    expect(q.json()).toMatchObject({ total: 1, items: [{ field: 'amount', code: 'format', record: { id: 'A2' } }] });

    // A large transfer fires a scenario: the batch answer names it with its reasons and side, without the trace,
    // and the original answer comes back the same for the re-send.
    const hit = body.results[0].hits[0];
    expect(Object.keys(hit).sort()).toEqual(['accountId', 'reason', 'scenarioId', 'score', 'severity', 'side', 'typology', 'version']);
    expect(hit.reason['zh-CN']).toBeTruthy();
    expect(again.json().results[0].hits).toEqual(body.results[0].hits);

    const one = await s.call('GET', '/api/v1/transactions/A1');
    expect(one.json().transaction).toMatchObject({ id: 'A1', amount: '600000.00', amountMinor: 60_000_000, currency: 'CNY' });
    expect(one.json().transaction.hits[0].trace).toBeDefined();
    expect(one.json().recentActivity.map((t: { id: string }) => t.id)).toEqual(['A1']);
  });

  it('filters, sorts and pages the transaction list on the server', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const batch = Array.from({ length: 30 }, (_, i) => tx(`F${String(i).padStart(2, '0')}`, {
      amount: `${(i + 1) * 100}.00`, channel: i % 2 ? 'mobile' : 'internet',
      timestamp: new Date(NOW - (30 - i) * 3_600_000).toISOString(),
    }));
    expect((await s.call('POST', '/api/v1/transactions', batch)).json().accepted).toBe(30);
    const r = await s.call('GET', '/api/v1/transactions?channel=internet&minAmount=1000&sort=amount&order=asc&pageSize=5&page=2');
    const page = r.json();
    expect(page.total).toBe(10); // internet = even i; amount ≥ 1000 → i ≥ 9 → i ∈ {10, 12, …, 28}
    expect(page.items.map((t: { id: string }) => t.id)).toEqual(['F20', 'F22', 'F24', 'F26', 'F28']);
    const bad = await s.call('GET', '/api/v1/transactions?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation', details: [{ path: 'querystring.from' }] });
  });

  it('lists the transactions a scenario fired on, including ones stored just before', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const cash = (id: string, amount: string) => tx(id, { creditAccount: null, amount, channel: 'counter', type: 'cash_withdrawal' });
    expect((await s.call('POST', '/api/v1/transactions', [cash('K1', '100.00'), cash('K2', '60000.00')])).json().accepted).toBe(2);
    const r = await s.call('GET', '/api/v1/transactions?scenario=LVR-002');
    expect(r.json().items.map((t: { id: string }) => t.id)).toEqual(['K2']);
  });

  it('ingests an uploaded CSV file and reports the bad line with its reason', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const csv = [
      'id,timestamp,debit_account,credit_account,amount,currency,channel,type',
      'U1,2026-11-20T09:00:00+08:00,6222000000000001,6222000000000002,100.00,CNY,mobile,transfer',
      'U2,2026-11-20T09:01:00+08:00,6222000000000001,6222000000000002,100.00,CNY,carrier-pigeon,transfer',
      'U3,2026-11-20T09:02:00+08:00,,6222000000000002,5000.00,CNY,counter,cash_deposit',
    ].join('\n');
    const boundary = '----outpost';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="day.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const r = await s.call('POST', '/api/v1/ingest/files?jobId=job-test-0001', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: 'job-test-0001', status: 'done', processed: 3, accepted: 2, quarantined: 1 });
    const q = await s.call('GET', '/api/v1/quarantine?source=file:day.csv');
    expect(q.json().items[0]).toMatchObject({ position: 3, field: 'channel', code: 'enum' });
    expect((await s.call('GET', '/api/v1/ingest/jobs/job-test-0001')).json().status).toBe('done');
  });

  it('reads an uploaded GBK file when its encoding is given, and refuses an encoding it does not read', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    // Excel in a Chinese locale saves CSV as GBK: purpose "工资" is B9 A4 D7 CA.
    const csv = Buffer.concat([
      Buffer.from('id,timestamp,debit_account,credit_account,amount,currency,channel,type,purpose\nG1,2026-11-20T09:00:00+08:00,6222000000000001,6222000000000002,100.00,CNY,mobile,transfer,'),
      Buffer.from([0xb9, 0xa4, 0xd7, 0xca]), Buffer.from('\n'),
    ]);
    const boundary = '----outpost';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gbk.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const r = await s.call('POST', '/api/v1/ingest/files?encoding=gbk', payload, headers);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'done', processed: 1, accepted: 1, quarantined: 0 });
    expect((await s.call('GET', '/api/v1/transactions/G1')).json().transaction.purpose).toBe('工资');
    const bad = await s.call('POST', '/api/v1/ingest/files?encoding=latin9', payload, headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation' });
    expect(JSON.stringify(bad.json().error.details)).toContain('gb18030');
  });

  it('answers errors in one JSON shape with the right status', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const missing = await s.call('GET', '/api/v1/transactions/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'transaction NOPE not found', details: [] } });
    const noKey = await app!.inject({ method: 'GET', url: '/api/v1/transactions' });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json().error.code).toBeTypeOf('string');
    const xml = await s.call('POST', '/api/v1/transactions', '<txn/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('unsupported_media_type');
    const wrongShape = await s.call('POST', '/api/v1/transactions', [tx('W1'), 2]);
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().error).toMatchObject({ code: 'validation', details: [{ path: 'body.1', message: 'expected a transaction object' }] });
    const tooMany = await s.call('POST', '/api/v1/transactions', Array.from({ length: 10_001 }, (_, i) => tx(`M${i}`)));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].message).toMatch(/at most 10000/);
    // Neither refused request stored anything.
    expect((await s.call('GET', '/api/v1/transactions/W1')).statusCode).toBe(404);
  });

  it('quarantines a record whose fields have the wrong JSON types, with the rest of its batch accepted', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const r = await s.call('POST', '/api/v1/transactions', [tx('T1'), tx('T2', { amount: true, deviceId: { x: 1 } }), tx('T3')]);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 2, quarantined: 1 });
    expect(r.json().results[1]).toMatchObject({ position: 1, id: 'T2', status: 'quarantined' });
    expect(r.json().results[1].errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'deviceId']);
    const q = await s.call('GET', '/api/v1/quarantine?status=open');
    expect(q.json().items[0]).toMatchObject({ record: { id: 'T2', amount: true, deviceId: { x: 1 } } });
  });
  it('tries quarantined records again in calls that go on from a cursor, and discards the rest by source with a reason', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    // Here the records wait for an explicit retry even when the reference load brings their account.
    await ingestOf(c!).dq.setRules(BANK.institutionId, { retryOnReferenceLoad: false }, SYSTEM_ACTOR);
    const early = (id: string) => tx(id, { debitAccount: '6222000000000009' });
    await s.call('POST', '/api/v1/transactions', [early('E1'), early('E2'), early('E3'), tx('X1', { currency: 'XYZ' })]);
    const listed = await s.call('GET', '/api/v1/quarantine?status=open&field=debitAccount');
    expect(listed.json().total).toBe(3);
    expect((await s.call('GET', '/api/v1/quarantine/summary')).json().groups).toEqual([
      { source: 'api', code: 'unknown_account', field: 'debitAccount', open: 3, oldest: '2026-11-20T12:00:00.000Z' },
      { source: 'api', code: 'currency', field: 'currency', open: 1, oldest: '2026-11-20T12:00:00.000Z' },
    ]);

    // Before the account is loaded nothing passes: every record stays open.
    const before = await s.call('POST', '/api/v1/quarantine/retry', { code: 'unknown_account' });
    expect(before.json()).toMatchObject({ examined: 3, resubmitted: 0, stillFailing: 3, next: null });
    expect(before.json().failures[0].errors[0]).toMatchObject({ field: 'debitAccount', code: 'unknown_account' });

    await referenceServiceOf(c!).load(BANK.institutionId, {
      branches: [], customers: [],
      accounts: [{ id: '6222000000000009', institutionId: BANK.institutionId, branchId: BANK.east, customerId: 'cus_1', type: 'savings', status: 'active', currency: 'CNY', openedAt: '2026-11-19' }],
    }, SYSTEM_ACTOR);
    const first = await s.call('POST', '/api/v1/quarantine/retry', { code: 'unknown_account', limit: 2 });
    expect(first.json()).toMatchObject({ examined: 2, resubmitted: 2, next: expect.any(String) });
    const rest = await s.call('POST', '/api/v1/quarantine/retry', { code: 'unknown_account', limit: 2, after: first.json().next });
    expect(rest.json()).toMatchObject({ examined: 1, resubmitted: 1, next: null });
    expect((await s.call('GET', '/api/v1/transactions/E3')).json().transaction).toMatchObject({ debitAccount: '6222000000000009', source: 'api' });
    expect((await s.call('POST', '/api/v1/quarantine/retry', { after: 'x' })).statusCode).toBe(400);

    const none = await s.call('POST', '/api/v1/quarantine/discard', { reason: 'clean up' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0]).toMatchObject({ path: 'source' });
    const gone = await s.call('POST', '/api/v1/quarantine/discard', { source: 'api', reason: 'test records' });
    expect(gone.json()).toEqual({ discarded: 1 });
    expect((await s.call('GET', '/api/v1/quarantine?status=open')).json().total).toBe(0);
  });
});
