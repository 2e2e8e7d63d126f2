import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outpostCli } from '../../test/helpers/cli.ts';

describe('outpost backup / restore', () => {
  let dir = '';
  afterEach(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('backs up a data directory and restores it elsewhere only with the key file it was written with', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-backup-cli-'));
    const outpost = (dataDir: string, ...args: string[]) => outpostCli(dataDir, args);
    const first = path.join(dir, 'first'), second = path.join(dir, 'second');
    fs.mkdirSync(first);
    fs.writeFileSync(path.join(dir, 'branches.csv'), 'id,parent_id,code,name,level\nbr_ho,,HO,总行,0\n');
    fs.writeFileSync(path.join(dir, 'customers.csv'), 'id,branch_id,kind,name,phone\nC1,br_ho,person,张三,13800138001\n');
    expect((await outpost(first, 'reference', 'load', '--branches', path.join(dir, 'branches.csv'), '--customers', path.join(dir, 'customers.csv'))).code).toBe(0);

    const file = path.join(dir, 'b.sqlite');
    const made = await outpost(first, 'backup', file);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/b\.sqlite: 0 transactions/);
    expect(made.stdout).toContain(`the key file ${path.join(first, 'data.key')}`);

    // Elsewhere without the key: refused before anything is written.
    const refused = await outpost(second, 'restore', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('keys: no key file and no OUTPOST_DATA_KEY');
    expect(fs.existsSync(path.join(second, 'outpost.sqlite'))).toBe(false);
    fs.mkdirSync(second, { recursive: true });
    fs.copyFileSync(path.join(first, 'data.key'), path.join(second, 'data.key'));
    const restored = await outpost(second, 'restore', file);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`to ${path.join(second, 'outpost.sqlite')}`);
    // The chain goes on in the restored database: backup's head, then the restore event.
    const verified = await outpost(second, 'audit', 'verify');
    expect(verified.stdout).toMatch(/audit chain OK/);

    const pg = await outpostCli(first, ['backup', file], { DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain('pg_dump');
  });
});
