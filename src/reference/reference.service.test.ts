import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { referenceServiceOf } from './reference.module.ts';
import { allBranches } from '../domain/scope.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';

describe.each(DIALECTS)('reference data on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  it('keeps branch users to their subtree for branches, customers and accounts', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const svc = referenceServiceOf(c);
    const east = { institutionId: BANK.institutionId, branchIds: [BANK.east] };
    expect((await svc.branches(east)).map((b) => b.id)).toEqual([BANK.east]);
    expect((await svc.branches(allBranches(BANK.institutionId))).map((b) => b.path)).toEqual(['/br_ho/', '/br_ho/br_east/', '/br_ho/br_west/']);
    await expect(svc.customer(east, 'cus_2', SYSTEM_ACTOR)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(svc.account(east, '6222000000000002')).rejects.toMatchObject({ kind: 'not_found' });
    expect((await svc.customer(east, 'cus_1', SYSTEM_ACTOR)).name).toBe('王小明');
    const other = { institutionId: 'inst_other', branchIds: null };
    await expect(svc.customer(other, 'cus_1', SYSTEM_ACTOR)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('stores personal data encrypted, decrypts it on read and audits every read', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const row = await c.database.db.selectFrom('customers').selectAll().where('id', '=', 'cus_1').executeTakeFirstOrThrow();
    expect(row.name).not.toContain('王小明');
    expect(row.id_number).not.toContain('110101195001011234');
    expect(row.id_number_hash).toMatch(/^[0-9a-f]{16,}$/);
    const cus = await referenceServiceOf(c).customer(allBranches(BANK.institutionId), 'cus_1', { id: 'usr_x', kind: 'user', institutionId: BANK.institutionId });
    expect(cus).toMatchObject({ idNumber: '110101195001011234', phone: '13800138000', birthDate: '1950-01-01' });
    const reads = await c.database.db.selectFrom('audit_events').select(['actor', 'action']).where('target_id', '=', 'cus_1').execute();
    expect(reads).toEqual([{ actor: 'usr_x', action: 'customer.read' }]);
  });

  it('finds customers by exact ID number or phone through the blind index, in scope only', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const svc = referenceServiceOf(c);
    const all = allBranches(BANK.institutionId);
    expect((await svc.findCustomers(all, { idNumber: '110101199001015678' }, SYSTEM_ACTOR)).map((x) => x.id)).toEqual(['cus_2']);
    expect((await svc.findCustomers(all, { phone: '13800138000' }, SYSTEM_ACTOR)).map((x) => x.id)).toEqual(['cus_1']);
    expect(await svc.findCustomers(all, { idNumber: '1101011990' }, SYSTEM_ACTOR)).toEqual([]);
    expect(await svc.findCustomers({ institutionId: BANK.institutionId, branchIds: [BANK.east] }, { idNumber: '110101199001015678' }, SYSTEM_ACTOR)).toEqual([]);
  });

  it('refreshes the account directory in place when accounts are added', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const svc = referenceServiceOf(c);
    const dir = await svc.directory(BANK.institutionId);
    expect(dir.account('6222000000000001')).toMatchObject({ customerKind: 'person', birthDate: '1950-01-01', branchId: BANK.east, own: true });
    expect(dir.branchOf('6222000000000009')).toBeUndefined();
    await svc.load(BANK.institutionId, {
      accounts: [{ id: '6222000000000009', institutionId: BANK.institutionId, branchId: BANK.west, customerId: 'cus_3', type: 'corporate', status: 'active', currency: 'CNY', openedAt: '2026-11-01' }],
    }, SYSTEM_ACTOR);
    expect(await svc.directory(BANK.institutionId)).toBe(dir);
    expect(dir.account('6222000000000009')).toMatchObject({ customerKind: 'organisation', branchId: BANK.west });
  });
});
