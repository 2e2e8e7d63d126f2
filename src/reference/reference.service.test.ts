import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { referenceServiceOf } from './reference.module.ts';
import { allBranches } from '../domain/scope.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { getService } from '../app/container.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { ReferenceRepository } from './reference.repository.ts';

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

  it('puts changed records: a customer re-rated and an account frozen replace the stored ones, audited by field, seen by the directory', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const svc = referenceServiceOf(c);
    const i = BANK.institutionId;
    const dir = await svc.directory(i);
    expect(dir.account('6222000000000001')).toMatchObject({ riskLevel: 'low', status: 'active' });
    const cus1 = { id: 'cus_1', institutionId: i, branchId: 'br_east', kind: 'person' as const, name: '王小明', idNumber: '110101195001011234', phone: '13700137000', address: '北京市东城区一号', birthDate: '1950-01-01', occupation: 'retired', riskLevel: 'high' as const, kycDate: '2024-01-01', kycReviewDate: '2026-11-01' };
    const acc1 = { id: '6222000000000001', institutionId: i, branchId: 'br_east', customerId: 'cus_1', type: 'savings' as const, status: 'frozen' as const, currency: 'CNY', openedAt: '2020-01-01' };
    const acc2 = { id: '6222000000000002', institutionId: i, branchId: 'br_west', customerId: 'cus_2', type: 'savings' as const, status: 'active' as const, currency: 'CNY', openedAt: '2021-01-01' };
    const r = await svc.load(i, { customers: [cus1], accounts: [acc1, acc2] }, SYSTEM_ACTOR);
    // acc2 is sent as stored: not counted, not audited.
    expect(r).toEqual({ branches: 0, customers: 1, accounts: 2, identifiers: 0, updated: { branches: 0, customers: 1, accounts: 1 } });
    expect(await svc.customer(allBranches(i), 'cus_1', SYSTEM_ACTOR)).toMatchObject({ riskLevel: 'high', phone: '13700137000', kycReviewDate: '2026-11-01', name: '王小明' });
    expect((await svc.findCustomers(allBranches(i), { phone: '13800138000' }, SYSTEM_ACTOR))).toEqual([]);
    expect(await svc.account(allBranches(i), '6222000000000001')).toMatchObject({ status: 'frozen' });
    // The directory object the engine holds sees the account's status and its customer's new rating.
    expect(await svc.directory(i)).toBe(dir);
    expect(dir.account('6222000000000001')).toMatchObject({ riskLevel: 'high', status: 'frozen' });

    const events = await c.database.db.selectFrom('audit_events').select(['action', 'target_id', 'after']).where('action', 'like', 'reference.%').orderBy('seq').execute();
    const last = events.slice(-3);
    expect(last.map((e) => e.action)).toEqual(['reference.load', 'reference.customers_update', 'reference.accounts_update']);
    expect(JSON.parse(last[1].after!)).toEqual({ changes: [{ id: 'cus_1', changes: { riskLevel: ['low', 'high'], kycReviewDate: [null, '2026-11-01'], phone: true } }] });
    expect(last[1].after).not.toContain('1370013');
    expect(JSON.parse(last[2].after!)).toEqual({ changes: [{ id: '6222000000000001', changes: { status: ['active', 'frozen'] } }] });
    expect(last[2].target_id).toBe('6222000000000001');
  });

  it('refuses a load that points at nothing or reuses another institution\'s customer id, storing none of it, and never moves a branch', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const svc = referenceServiceOf(c);
    const i = BANK.institutionId;
    const person = (id: string, institutionId: string, branchId: string) => ({ id, institutionId, branchId, kind: 'person' as const, name: '张三', idNumber: null, phone: null, address: null, birthDate: null, occupation: null, riskLevel: 'low' as const, kycDate: null, kycReviewDate: null });
    const account = (id: string, customerId: string, branchId = 'br_east') => ({ id, institutionId: i, branchId, customerId, type: 'savings' as const, status: 'active' as const, currency: 'CNY', openedAt: '2026-01-01' });
    const bad = svc.load(i, { customers: [person('cus_9', i, 'br_east'), person('cus_10', i, 'br_nowhere')], accounts: [account('6222000000000009', 'cus_9'), account('6222000000000010', 'cus_nobody')] }, SYSTEM_ACTOR);
    await expect(bad).rejects.toMatchObject({
      kind: 'validation',
      details: [{ path: 'customers[1].branchId', message: expect.stringContaining('br_nowhere') }, { path: 'accounts[1].customerId', message: expect.stringContaining('cus_nobody') }],
    });
    await expect(svc.customer(allBranches(i), 'cus_9', SYSTEM_ACTOR)).rejects.toMatchObject({ kind: 'not_found' });

    await svc.load('inst_other', { institution: { id: 'inst_other', code: 'OTH', name: '另一家银行', bankCode: '313100000009' }, branches: [{ id: 'br_o', institutionId: 'inst_other', parentId: null, code: 'O', name: '总行', level: 0 }] }, SYSTEM_ACTOR);
    await expect(svc.load('inst_other', { customers: [person('cus_1', 'inst_other', 'br_o')] }, SYSTEM_ACTOR))
      .rejects.toMatchObject({ kind: 'conflict', details: [{ path: 'customers[0].id' }] });
    expect(await svc.customer(allBranches(i), 'cus_1', SYSTEM_ACTOR)).toMatchObject({ name: '王小明', institutionId: i });
    // Past the check (another institution's load committed the id meanwhile), the write itself leaves the stored customer alone.
    const repo = new ReferenceRepository(() => getService<FieldCipher>(c!, 'cipher'));
    expect(await repo.putCustomerRows(c.database.db, repo.customerRows([person('cus_1', 'inst_other', 'br_o')], 1), 99)).toBe(0);
    expect(await svc.customer(allBranches(i), 'cus_1', SYSTEM_ACTOR)).toMatchObject({ name: '王小明', institutionId: i, branchId: 'br_east' });
    // The same account number at another bank is another account.
    await svc.load('inst_other', { customers: [person('cus_o1', 'inst_other', 'br_o')], accounts: [{ ...account('6222000000000001', 'cus_o1', 'br_o'), institutionId: 'inst_other' }] }, SYSTEM_ACTOR);
    expect(await svc.account(allBranches(i), '6222000000000001')).toMatchObject({ customerId: 'cus_1' });

    const dir = await svc.directory(i);
    expect(dir.branchIdByCode('E01')).toBe('br_east');
    const renamed = await svc.load(i, { branches: [{ id: 'br_east', institutionId: i, parentId: 'br_ho', code: 'E09', name: '东城区支行', level: 1 }] }, SYSTEM_ACTOR);
    expect(renamed.updated.branches).toBe(1);
    // Transactions naming the branch by code find it by its new code only.
    expect([dir.branchIdByCode('E09'), dir.branchIdByCode('E01')]).toEqual(['br_east', undefined]);
    await expect(svc.load(i, { branches: [{ id: 'br_east', institutionId: i, parentId: 'br_west', code: 'E09', name: '东城区支行', level: 2 }] }, SYSTEM_ACTOR))
      .rejects.toMatchObject({ kind: 'conflict', details: [{ path: 'branches[0].parentId' }] });
    expect((await svc.branches(allBranches(i))).find((b) => b.id === 'br_east')).toMatchObject({ name: '东城区支行', path: '/br_ho/br_east/' });
  });
});
