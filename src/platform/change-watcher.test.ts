import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Container } from '../app/container.ts';
import { createContainer } from '../app/container.factory.ts';
import { MODULES } from '../app/modules.ts';
import { openTestDatabase } from '../../test/helpers/db.ts';
import { testConfig } from '../../test/helpers/config.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { ReferenceRepository } from '../reference/reference.repository.ts';
import { scenariosOf } from '../scenarios/scenarios.module.ts';
import { ChangeWatcher } from './change-watcher.ts';
import { getService } from '../app/container.ts';
import type { KnownBadService } from '../rings/known-bad.service.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const INST = BANK.institutionId;
const actor = { id: 'usr_owner', kind: 'user' as const, institutionId: INST };
const PERSON = '6222000000000002';
const NEW_ACCOUNT = '6222000000000005';

let n = 0;
const cash = (account: string, amount: string) => ({
  id: `W${++n}`, timestamp: new Date(NOW - 60_000).toISOString(), debitAccount: account, creditAccount: null,
  amount, currency: 'CNY', channel: 'counter', type: 'cash_withdrawal',
});
type Outcome = { status: string; hits?: Array<{ scenarioId: string }>; errors?: Array<{ code: string }> };

async function ingest(c: Container, record: Record<string, unknown>): Promise<Outcome> {
  const r = await ingestOf(c).ingest.ingest([{ position: 0, data: record }], { institutionId: INST, source: 'api', actor });
  return r.results[0] as Outcome;
}
const hitIds = (o: Outcome) => (o.hits ?? []).map((h) => h.scenarioId);

describe.each(['sqlite-file', 'postgres'] as const)('changes made by another process on one %s database', (dialect) => {
  const open: Container[] = [];
  afterEach(async () => { while (open.length) await open.pop()!.close(); });

  /** Two processes on one database: `a` changes things, `b` has its copies loaded and must follow. */
  async function pair(): Promise<{ a: Container; b: Container } | null> {
    const database = await openTestDatabase(dialect);
    if (!database) return null;
    const a = await createContainer({ config: testConfig(), database, clock: fixedClock(NOW), modules: MODULES });
    open.unshift(a); // closed last: it owns the test database
    await loadSmallBank(a);
    const b = await createContainer({ config: testConfig(), database: database.reopen!(), clock: fixedClock(NOW), modules: MODULES });
    open.push(b);
    expect((await ingest(b, cash(PERSON, '100.00'))).status).toBe('accepted'); // b's directory, engine and rules are loaded
    return { a, b };
  }

  it('accounts loaded by another process are known after the next check', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    await referenceServiceOf(p.a).load(INST, {
      accounts: [{ id: NEW_ACCOUNT, institutionId: INST, branchId: BANK.east, customerId: 'cus_1', type: 'savings', status: 'active', currency: 'CNY', openedAt: '2026-01-01' }],
    }, actor);
    const stale = await ingest(p.b, cash(NEW_ACCOUNT, '100.00'));
    expect(stale.status).toBe('quarantined'); // what b did until the next restart before the watcher
    expect(stale.errors?.map((e) => e.code)).toContain('unknown_account');
    await p.b.changes.check();
    expect((await ingest(p.b, cash(NEW_ACCOUNT, '100.00'))).status).toBe('accepted');
  });

  it('a customer re-rated by another process reaches the directory at the next check, which reads only what changed', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    const dir = await referenceServiceOf(p.b).directory(INST);
    expect(dir.account(PERSON)).toMatchObject({ riskLevel: 'medium' });
    await referenceServiceOf(p.a).load(INST, {
      customers: [{ id: 'cus_2', institutionId: INST, branchId: 'br_west', kind: 'person', name: '李四', idNumber: '110101199001015678', phone: '13900139000', address: null, birthDate: '1990-01-01', occupation: 'engineer', riskLevel: 'high', kycDate: '2024-01-01', kycReviewDate: null }],
    }, actor);
    const full = vi.spyOn(ReferenceRepository.prototype, 'loadDirectory');
    const changed = vi.spyOn(ReferenceRepository.prototype, 'putChangedEntries');
    try {
      await p.b.changes.check();
      expect(dir.account(PERSON)).toMatchObject({ riskLevel: 'high' });
      expect(dir.account('6222000000000004')).toMatchObject({ riskLevel: 'high', status: 'dormant' });
      expect(full).not.toHaveBeenCalled();
      // cus_2's two accounts, not the register's four.
      expect(await changed.mock.results[0].value).toBe(2);
    } finally {
      full.mockRestore();
      changed.mockRestore();
    }
  });

  it('a load here also brings in another process\'s load committed before it, which the watcher then skips', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    const dir = await referenceServiceOf(p.b).directory(INST);
    const account = (id: string) => ({ id, institutionId: INST, branchId: BANK.east, customerId: 'cus_1', type: 'savings' as const, status: 'active' as const, currency: 'CNY', openedAt: '2026-01-01' });
    await referenceServiceOf(p.a).load(INST, { accounts: [account(NEW_ACCOUNT)] }, actor);
    await referenceServiceOf(p.b).load(INST, { accounts: [account('6222000000000006')] }, actor);
    expect(dir.account('6222000000000006')?.customerId).toBe('cus_1');
    expect(dir.account(NEW_ACCOUNT)?.customerId).toBe('cus_1');
  });

  it('a scenario deactivated by another process stops firing after the next check', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    expect(hitIds(await ingest(p.b, cash(PERSON, '60000.00')))).toContain('LVR-002');
    await scenariosOf(p.a).service.deactivate(INST, 'LVR-002', actor);
    await p.b.changes.check();
    const after = await ingest(p.b, cash(PERSON, '60000.00'));
    expect(after.status).toBe('accepted');
    expect(hitIds(after)).not.toContain('LVR-002');
  });

  it('data-quality rules changed by another process apply after the next check', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    expect((await ingest(p.b, cash('6222000000000099', '100.00'))).status).toBe('quarantined');
    await ingestOf(p.a).dq.setRules(INST, { unknownOwnAccount: 'accept' }, actor);
    await p.b.changes.check();
    expect((await ingest(p.b, cash('6222000000000099', '100.00'))).status).toBe('accepted');
  });

  it('graph features of a mining run stored by another process reach the engine after the next check', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    const transfer = () => ({
      id: `G${++n}`, timestamp: new Date(NOW - 60_000).toISOString(), debitAccount: PERSON, creditAccount: '6217000000005555',
      creditBank: '102100099996', amount: '20000.00', currency: 'CNY', channel: 'mobile', type: 'transfer',
    });
    // What a run stores in its transaction (src/rings): the rows and the institution's rings counter.
    await p.a.database.db.transaction().execute(async (tx) => {
      await p.a.changes.bump(tx, INST, 'rings');
      await tx.insertInto('account_graph_features').values({
        institution_id: INST, account_id: PERSON, run_id: 'job_other', ring_score: 90, findings: 1, cycles: 1, fan_out_max: 0, fan_in_max: 0, two_hop_paths: 1,
      }).execute();
    });
    expect(hitIds(await ingest(p.b, transfer()))).not.toContain('RNG-001'); // b still reads the features it loaded
    await p.b.changes.check();
    expect(hitIds(await ingest(p.b, transfer()))).toContain('RNG-001');
  });

  it('an account put on the known-bad list by another process is checked after the next check', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    const payee = '6217000000007777';
    const payment = () => ({
      id: `K${++n}`, timestamp: new Date(NOW - 60_000).toISOString(), debitAccount: PERSON, creditAccount: payee,
      creditBank: '102100099996', amount: '300.00', currency: 'CNY', channel: 'mobile', type: 'transfer',
    });
    expect(hitIds(await ingest(p.b, payment()))).not.toContain('RNG-003'); // b has loaded its lookup
    await getService<KnownBadService>(p.a, 'ringsKnownBad').add(INST, [{ accountId: payee, source: 'police_notice' }], actor);
    expect(hitIds(await ingest(p.a, payment()))).toContain('RNG-003'); // the changing process at once
    expect(hitIds(await ingest(p.b, payment()))).not.toContain('RNG-003');
    await p.b.changes.check();
    expect(hitIds(await ingest(p.b, payment()))).toContain('RNG-003');
  });

  it('the changing process does not reload its own change again', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    const { runtime } = scenariosOf(p.a);
    const before = await scenariosOf(p.b).runtime.engine(INST);
    await scenariosOf(p.a).service.deactivate(INST, 'LVR-002', actor);
    const rebuilt = runtime.engine(INST);
    await rebuilt;
    await p.a.changes.check();
    expect(runtime.engine(INST)).toBe(rebuilt); // not invalidated a second time
    await p.b.changes.check();
    expect(await scenariosOf(p.b).runtime.engine(INST)).not.toBe(before); // the other process was told: its engine replaced
  });

  it('serve polls on its own', async (ctx) => {
    const p = await pair();
    if (!p) return ctx.skip();
    p.b.changes.start(20);
    await referenceServiceOf(p.a).load(INST, {
      accounts: [{ id: NEW_ACCOUNT, institutionId: INST, branchId: BANK.east, customerId: 'cus_1', type: 'savings', status: 'active', currency: 'CNY', openedAt: '2026-01-01' }],
    }, actor);
    const dir = await referenceServiceOf(p.b).directory(INST);
    for (let i = 0; i < 250 && !dir.account(NEW_ACCOUNT); i++) await new Promise((r) => setTimeout(r, 20));
    expect(dir.account(NEW_ACCOUNT)?.customerId).toBe('cus_1');
  });
});

describe('ChangeWatcher', () => {
  it('runs the other handlers when one fails, and reports the failure', async () => {
    let counter = 0;
    const errors: unknown[] = [];
    const w = new ChangeWatcher({
      read: async () => [{ institutionId: 'i1', topic: 'reference', counter }],
      bump: async () => ++counter,
      onError: (e) => errors.push(e),
    });
    await w.baseline();
    const ran: string[] = [];
    w.on('reference', () => { throw new Error('reload failed'); });
    w.on('reference', (i) => { ran.push(i); });
    await w.check();
    expect(ran).toEqual([]); // nothing moved since the baseline
    counter = 2;
    await w.check();
    expect(ran).toEqual(['i1']);
    expect((errors[0] as Error).message).toBe('reload failed');
    await w.check();
    expect(ran).toEqual(['i1']); // once per change
  });
});
