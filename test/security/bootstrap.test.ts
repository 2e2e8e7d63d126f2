import { describe, expect, it } from 'vitest';
import { getService } from '../../src/app/container.ts';
import { createContainer } from '../../src/app/container.factory.ts';
import { platformModule } from '../../src/platform/platform.module.ts';
import { cryptoModule } from '../../src/crypto/crypto.module.ts';
import { authModule } from '../../src/auth/auth.module.ts';
import type { AuthServices } from '../../src/auth/auth.services.ts';
import { bootstrap } from '../../src/auth/bootstrap.ts';
import { openDatabase } from '../../src/store/database.ts';
import { testConfig } from '../helpers/config.ts';

describe('first start', () => {
  it('creates nothing without an institution, then the separated administrators with a one-time password, and the bootstrap key', async () => {
    const config = { ...testConfig(), adminPassword: undefined, bootstrapApiKey: 'k'.repeat(30), dataKeyFile: `/tmp/outpost-boot-${process.pid}.key` };
    const c = await createContainer({ config, database: openDatabase({ sqlitePath: ':memory:' }), modules: [platformModule, cryptoModule, authModule] });
    const s = getService<AuthServices>(c, 'auth');
    const lines: string[] = [];
    const warnings: string[] = [];
    const out = { print: (l: string) => lines.push(l), warn: (l: string) => warnings.push(l) };
    await bootstrap(c.database.db, config, s, out);
    expect(await s.usersRepo.count(c.database.db)).toBe(0);
    expect(warnings.join('\n')).toMatch(/no institution exists yet/);
    expect(warnings.join('\n')).toMatch(/inst_demo does not exist/);

    await c.database.db.insertInto('institutions').values({ id: 'inst_demo', code: 'D', name: 'D', bank_code: '1', created_at: 0 }).execute();
    await bootstrap(c.database.db, config, s, out);
    const printed = lines.join('\n');
    const password = /one-time password: (\S+)/.exec(printed)?.[1];
    expect(password).toBeDefined();
    const users = await s.users.list({ actor: { id: 'system', kind: 'system', institutionId: null }, scope: { institutionId: 'inst_demo', branchIds: null }, permissions: new Set(), roles: [], via: 'session' });
    expect(users.map((u) => [u.username, u.roles])).toEqual([['admin', ['system_admin']], ['auditor', ['auditor']], ['secadmin', ['security_admin']]]);
    const signedIn = await s.auth.signIn({ username: 'admin', password: password!, ip: null, userAgent: null });
    expect(signedIn.permissions).toContain('users:manage');
    expect(await s.keys.isRegistered('k'.repeat(30))).toBe(true);

    // Idempotent: a second start adds nothing and prints no password.
    lines.length = 0;
    await bootstrap(c.database.db, config, s, out);
    expect(lines).toEqual([]);
    expect(await s.usersRepo.count(c.database.db)).toBe(3);
    await c.close();
  });
});
