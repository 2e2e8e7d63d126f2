import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../app/container.ts';
import { MODULES } from '../app/modules.ts';
import { buildApp } from '../http/app.ts';
import { fixedClock } from '../domain/clock.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { getService } from '../app/container.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import type { ApiKeysService } from '../auth/api-keys.service.ts';

const KEY = 'test-bootstrap-key-0123456789abcdef';
const OWNER_KEY = 'test-rule-owner-key-0123456789abcdef';
const NOW = Date.parse('2026-11-20T12:00:00Z');
const doc = {
  id: 'API-001', name: { 'zh-CN': '夜间大额', en: 'Large at night' }, description: { 'zh-CN': '凌晨单笔≥5万元', en: '≥ 50,000 at night' },
  typology: 'custom', severity: 'critical', weight: 85, side: 'debit',
  when: { all: [{ feature: 'is_night', op: '==', value: true }, { feature: 'amount', op: '>=', value: 50000 }] },
  reason: { 'zh-CN': '凌晨 {{hour}} 点转出 {{amount|money}} 元', en: 'CNY {{amount|money}} out at {{hour}}:00' },
};

describe.each(DIALECTS)('scenario API on %s', (dialect) => {
  let c: Container | null = null;
  let app: FastifyInstance | null = null;
  afterEach(async () => { await app?.close(); await c?.close(); app = null; c = null; });

  it('validates with paths, creates and activates a draft, then scores ingested transactions with it', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW), config: { bootstrapApiKey: KEY } });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    app = await buildApp(c, MODULES, { serveWeb: false });
    await getService<{ keys: ApiKeysService }>(c, 'auth').keys.create(SYSTEM_ACTOR, {
      name: 'rule owner', institutionId: BANK.institutionId,
      permissions: ['scenarios:read', 'scenarios:write', 'scenarios:activate', 'transactions:ingest'],
    }, OWNER_KEY);
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      app!.inject({ method, url, payload: payload as never, headers: { 'x-api-key': OWNER_KEY } });
    const forbidden = await app.inject({ method: 'POST', url: '/api/v1/scenarios', payload: doc, headers: { 'x-api-key': KEY } });
    expect(forbidden.statusCode).toBe(403);

    const bad = { ...doc, when: { all: [doc.when.all[0], { feature: 'out_sum_25h', op: '>', value: 3 }] } };
    expect((await call('POST', '/api/v1/scenarios/validate', bad)).json()).toEqual({
      valid: false, errors: [{ path: 'when.all[1].feature', message: 'unknown feature "out_sum_25h"', code: 'unknown_feature', params: { feature: 'out_sum_25h' } }], features: [],
    });
    const rejected = await call('POST', '/api/v1/scenarios', bad);
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error).toMatchObject({ code: 'validation', details: [{ path: 'when.all[1].feature', message: 'unknown feature "out_sum_25h"', code: 'unknown_feature', params: { feature: 'out_sum_25h' } }] });

    expect((await call('POST', '/api/v1/scenarios/validate', doc)).json()).toMatchObject({ valid: true, features: ['is_night', 'amount', 'hour'] });
    // the feature catalogue a rule writer picks from: every offered name validates
    const cat = (await call('GET', '/api/v1/features')).json() as { entities: Array<{ prefix: string }>; families: Array<{ name: string; windows: string[]; label: Record<string, string> }>; scalars: Array<{ name: string }> };
    const outSum = cat.families.find((f) => f.name === 'out_sum')!;
    expect(outSum).toMatchObject({ unit: 'CNY', windows: ['1h', '24h', '7d', '30d', '90d', 'day', 'life'], label: { 'zh-CN': '出账金额合计', en: 'Amount debited' } });
    expect(cat.entities.map((e) => e.prefix)).toEqual(['', 'cust_', 'cp_', 'dev_', 'ip_', 'branch_']);
    const offered = { ...doc, when: { all: [{ feature: 'cp_out_sum_24h', op: '>', value: 3 }, { feature: cat.scalars[0].name, op: '>', value: 0 }] } };
    expect((await call('POST', '/api/v1/scenarios/validate', offered)).json()).toMatchObject({ valid: true });
    const created = await call('POST', '/api/v1/scenarios', doc);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ scenarioId: 'API-001', version: 1, status: 'draft' });
    expect((await call('POST', '/api/v1/scenarios/API-001/activate', { version: 1 })).json()).toMatchObject({ status: 'active', engine: 'ready' });
    // No engine was built yet (none has scored): the first use builds it with the new set.
    expect((await call('GET', '/api/v1/scoring-engine')).json()).toEqual({ state: 'idle', since: null, replayed: null, share: null });
    // Who made each version, as people read it: the service key's name here; the library's versions are the system's.
    expect((await call('GET', '/api/v1/scenarios/API-001')).json().items).toMatchObject([{ version: 1, createdByName: 'rule owner' }]);
    expect((await call('GET', '/api/v1/scenarios/STR-001')).json().items[0]).toMatchObject({ createdBy: 'system', createdByName: null });
    const list = (await call('GET', '/api/v1/scenarios')).json().items as Array<{ scenarioId: string; activeVersion: number | null }>;
    expect(list.length).toBeGreaterThan(60);
    expect(list.find((x) => x.scenarioId === 'API-001')).toMatchObject({ activeVersion: 1 });

    const ingest = await call('POST', '/api/v1/transactions', {
      id: 'N1', timestamp: '2026-11-20T02:30:00+08:00', debitAccount: '6222000000000002', creditAccount: '6222000000000003',
      amount: '60000.00', currency: 'CNY', channel: 'mobile', type: 'transfer',
    });
    const r = ingest.json().results[0];
    expect(r).toMatchObject({ status: 'accepted', decision: 'block' });
    expect((await call('GET', '/api/v1/scoring-engine')).json()).toMatchObject({ state: 'ready' });
    expect(r.hits.find((h: { scenarioId: string }) => h.scenarioId === 'API-001').reason).toEqual({ 'zh-CN': '凌晨 2 点转出 60,000 元', en: 'CNY 60,000 out at 2:00' });

    const bt = await call('POST', '/api/v1/scenarios/API-001/backtest', { from: '2026-11-19', to: '2026-11-21' });
    expect(bt.statusCode).toBe(200);
    expect(bt.json()).toMatchObject({ scenarioId: 'API-001', transactions: 1, candidate: { version: 1, alerts: 1, accounts: 1 }, active: null });
  });
});
