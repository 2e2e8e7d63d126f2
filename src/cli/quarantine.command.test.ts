import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outpostCli } from '../../test/helpers/cli.ts';

describe('outpost quarantine retry / discard', () => {
  let dir = '';
  afterEach(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('stores the records of a file that arrived before its accounts once the accounts are loaded, and discards the rest', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-quarantine-cli-'));
    const outpost = async (...args: string[]) => {
      const r = await outpostCli(dir, args);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const file = (name: string, text: string) => { fs.writeFileSync(path.join(dir, name), text); return path.join(dir, name); };
    const day = file('day.csv', [
      'id,timestamp,debit_account,credit_account,amount,currency,channel,type',
      'T1,2026-11-20T09:30:00+08:00,6222000000000001,6222000000000002,100.00,CNY,mobile,transfer',
      'T2,2026-11-20T09:31:00+08:00,6222000000000002,6222000000000001,200.00,CNY,mobile,transfer',
      'T3,2026-11-20T09:32:00+08:00,6222000000000001,6222000000000002,300.00,XYZ,mobile,transfer',
    ].join('\n'));
    await outpost('ingest', day);
    expect(await outpost('quarantine', 'list', '--code', 'unknown_account')).toMatch(/^2 open record\(s\)/);
    expect((await outpost('quarantine', 'summary')).split('\n').map((l) => l.trim().split(/\s+/).slice(0, 4).join(' ')))
      .toEqual(['2 file:day.csv unknown_account debitAccount', '1 file:day.csv currency currency', '']);

    // The accounts arrive: the load takes their quarantined transfers again by itself (not T3: its first fault is its currency).
    expect(await outpost('reference', 'load',
      '--branches', file('branches.csv', 'id,parent_id,code,name,level\nbr_ho,,HO,总行,0\n'),
      '--customers', file('customers.csv', 'id,branch_id,kind,name\nC1,br_ho,person,张三\n'),
      '--accounts', file('accounts.csv', 'id,branch_id,customer_id,type,status,currency,opened_at\n6222000000000001,br_ho,C1,savings,active,CNY,2020-01-01\n6222000000000002,br_ho,C1,savings,active,CNY,2020-01-01\n')))
      .toContain('accounts.csv (accounts): 2 records, 2 loaded (0 replaced stored ones), 0 rejected\n  quarantined transactions that lacked these records, tried again: 2, 2 stored, 0 already stored, 0 still failing\n');
    expect(await outpost('quarantine', 'retry')).toBe('1 examined: 0 stored, 0 already stored, 1 still failing (left open)\n');
    expect(await outpost('quarantine', 'list')).toMatch(/^1 open record\(s\)\n.*day\.csv:4 {2}currency {2}currency/);
    expect(await outpost('quarantine', 'discard', '--source', 'file:day.csv', '--reason', 'currency not traded')).toBe('1 record(s) discarded\n');
  });
});
