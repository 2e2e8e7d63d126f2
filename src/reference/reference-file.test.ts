import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { outpostCli } from '../../test/helpers/cli.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { allBranches } from '../domain/scope.ts';
import { readRecords, type FileEncoding } from '../ingest/file-reader.ts';
import { referenceServiceOf } from './reference.module.ts';
import { loadReferenceFile } from './reference-file.ts';
import type { ReferenceKind } from './reference.schema.ts';

const CUSTOMERS = [
  'id,branch_id,kind,name,id_number,phone,address,birth_date,occupation,risk_level,kyc_date,kyc_review_date',
  'F1,br_east,person,张三,110101195001011234,13800138001,北京市东城区,1950-01-01,retired,low,2024-01-01,',
  'F2,br_east,person,李四,,,,1990-13-01,,medium,,',
  'F3,br_nowhere,person,王五,,,,,,,,',
  'F4,br_west,organisation,前哨贸易,,,,,,high,,',
  'F5,br_west,company,赵六,,,,,,,,',
].join('\n');
const ACCOUNTS = [
  'id,branch_id,customer_id,type,status,currency,opened_at',
  '6200000000000001,br_east,F1,savings,active,CNY,2024-01-02',
  '6200000000000002,br_east,F9,savings,active,CNY,2024-01-02',
  '6200000000000003,br_west,F4,corporate,frozen,CNY,2024-01-02',
].join('\n');

describe.each(DIALECTS)('reference files on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  const load = (kind: ReferenceKind, text: string | Buffer, batch = 2, encoding: FileEncoding = 'utf-8') =>
    loadReferenceFile((i, d, a) => referenceServiceOf(c!).load(i, d, a), BANK.institutionId, kind, readRecords(Readable.from([Buffer.from(text)]), 'csv', batch, encoding), SYSTEM_ACTOR);

  it('loads the good records of a file, names each bad one by line and field, and puts the records of a corrected file again', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    const customers = await load('customers', CUSTOMERS);
    expect(customers).toMatchObject({ processed: 5, loaded: 2, updated: 0, rejected: 3 });
    expect(customers.problems).toEqual([
      { line: 3, field: 'birthDate', message: 'not a date of the calendar' },
      { line: 4, field: 'branchId', message: 'no branch br_nowhere in this institution or this load' },
      { line: 6, field: 'kind', message: expect.stringContaining('person') },
    ]);
    const svc = referenceServiceOf(c);
    const all = allBranches(BANK.institutionId);
    expect(await svc.customer(all, 'F1', SYSTEM_ACTOR)).toMatchObject({ name: '张三', phone: '13800138001', birthDate: '1950-01-01', kycReviewDate: null, riskLevel: 'low' });
    expect(await svc.customer(all, 'F4', SYSTEM_ACTOR)).toMatchObject({ kind: 'organisation', riskLevel: 'high', idNumber: null });
    await expect(svc.customer(all, 'F2', SYSTEM_ACTOR)).rejects.toMatchObject({ kind: 'not_found' });

    const accounts = await load('accounts', ACCOUNTS);
    expect(accounts).toMatchObject({ processed: 3, loaded: 2, rejected: 1, problems: [{ line: 3, field: 'customerId', message: 'no customer F9 in this institution or this load' }] });
    expect(await svc.account(all, '6200000000000003')).toMatchObject({ status: 'frozen', customerId: 'F4' });
    // The directory the engine reads has them at once.
    expect((await svc.directory(BANK.institutionId)).account('6200000000000001')).toMatchObject({ customerId: 'F1', riskLevel: 'low' });

    const fixed = CUSTOMERS.replace('1990-13-01', '1990-12-01').replace('br_nowhere', 'br_west').replace('company', 'organisation').replace(',retired,low,', ',retired,high,');
    expect(await load('customers', fixed, 1000)).toMatchObject({ processed: 5, loaded: 5, updated: 2, rejected: 0 });
    expect((await svc.directory(BANK.institutionId)).account('6200000000000001')).toMatchObject({ riskLevel: 'high' });
  });

  it('reads a GBK file when told its encoding', async (ctx) => {
    c = await createTestContainer(dialect);
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    // "前哨" in GB18030 is C7 B0 C9 DA.
    const gbk = Buffer.concat([Buffer.from('id,parent_id,code,name,level\nbr_new,br_ho,N01,'), Buffer.from([0xc7, 0xb0, 0xc9, 0xda]), Buffer.from(',1\n')]);
    expect(await load('branches', gbk, 10, 'gb18030')).toMatchObject({ loaded: 1, rejected: 0 });
    expect((await referenceServiceOf(c).branches(allBranches(BANK.institutionId))).find((b) => b.id === 'br_new')).toMatchObject({ name: '前哨', level: 1, path: '/br_ho/br_new/' });
  });
});


describe('outpost reference load', () => {
  let dir = '';
  afterEach(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('loads the files in order, prints each rejected line and ends with exit code 2 when any was rejected', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ref-cli-'));
    fs.writeFileSync(path.join(dir, 'branches.csv'), 'id,parent_id,code,name,level\nbr_ho,,HO,总行,0\nbr_east,br_ho,E01,东城支行,1\nbr_west,br_ho,W01,西城支行,1\n');
    fs.writeFileSync(path.join(dir, 'customers.csv'), CUSTOMERS);
    const failed = await outpostCli(dir, ['reference', 'load', '--customers', path.join(dir, 'customers.csv'), '--branches', path.join(dir, 'branches.csv')]);
    expect(failed.code).toBe(2);
    expect(failed.stdout.split('\n')).toEqual(expect.arrayContaining([
      'branches.csv (branches): 3 records, 3 loaded (0 replaced stored ones), 0 rejected',
      'customers.csv (customers): 5 records, 2 loaded (0 replaced stored ones), 3 rejected',
      '  line 3, birthDate: not a date of the calendar',
    ]));
  });
});
