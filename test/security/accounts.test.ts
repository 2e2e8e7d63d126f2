import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_CACHE_MS } from '../../src/auth/api-key.cache.ts';
import { Browser, buildTestApp, createUser, ADMIN_PASSWORD, type TestApp } from './app.helper.ts';

/** Sign-in, lockout, TOTP, API-key revocation, separation of duties and tenant isolation of accounts. */
describe('accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(); });
  afterAll(async () => { await t?.close(); });

  const auditActions = async (targetId: string) =>
    (await t.c.database.db.selectFrom('audit_events').select('action').where('target_id', '=', targetId).orderBy('seq').execute()).map((r) => r.action);

  it('locks an account after 5 failed sign-ins with a clear error, refuses the right password while locked, and an administrator can unlock it', async () => {
    const id = await createUser(t, 'lock_me', ['analyst']);
    const b = new Browser(t.app);
    for (let i = 1; i <= 4; i++) {
      const r = await b.signIn('lock_me', 'wrong-password');
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('invalid_credentials');
      expect(r.json().error.details[0].message).toContain(`${5 - i} attempt(s) left`);
    }
    const locked = await b.signIn('lock_me', 'wrong-password');
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error.code).toBe('account_locked');
    expect(locked.json().error.message).toMatch(/locked after 5 failed sign-ins until/);
    const stillLocked = await b.signIn('lock_me', 'lock_me-Pass-2026!');
    expect(stillLocked.statusCode).toBe(403);
    expect(stillLocked.json().error.code).toBe('account_locked');

    const admin = new Browser(t.app);
    expect((await admin.signIn('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    expect((await admin.request({ method: 'POST', url: `/api/v1/users/${id}/unlock` })).statusCode).toBe(200);
    expect((await b.signIn('lock_me', 'lock_me-Pass-2026!')).statusCode).toBe(200);
    const actions = await auditActions(id);
    expect(actions.filter((a) => a === 'auth.sign_in_failed')).toHaveLength(6);
    expect(actions).toContain('user.lock');
    expect(actions).toContain('user.unlock');
    const signIns = await t.c.database.db.selectFrom('audit_events').select(['action', 'target_type']).where('actor', '=', id).where('action', '=', 'auth.sign_in').execute();
    expect(signIns).toEqual([{ action: 'auth.sign_in', target_type: 'session' }]);
  });

  it('does not reveal whether a username exists', async () => {
    const r = await new Browser(t.app).signIn('nobody_here', 'whatever-Pass-1');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('invalid_credentials');
  });

  it('revokes an API key with immediate effect and records last use', async () => {
    const sec = new Browser(t.app);
    expect((await sec.signIn('secadmin', ADMIN_PASSWORD)).statusCode).toBe(200);
    const created = await sec.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'gateway', permissions: ['transactions:read'] } });
    expect(created.statusCode, created.body).toBe(201);
    const { key, apiKey } = created.json();
    expect(JSON.stringify(await t.c.database.db.selectFrom('api_keys').selectAll().execute())).not.toContain(key);
    const use = () => t.app.inject({ method: 'GET', url: '/api/v1/transactions', headers: { 'x-api-key': key } });
    expect((await use()).statusCode).not.toBe(401);
    const listed = (await sec.request({ method: 'GET', url: '/api/v1/api-keys' })).json().items.find((k: { id: string }) => k.id === apiKey.id);
    expect(listed.lastUsedAt).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect((await sec.request({ method: 'POST', url: `/api/v1/api-keys/${apiKey.id}/revoke` })).statusCode).toBe(200);
    const after = await use();
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_api_key');
  });

  it('refuses a key revoked by another process (e.g. `outpost keys revoke`) within API_KEY_CACHE_MS', async () => {
    const sec = new Browser(t.app);
    expect((await sec.signIn('secadmin', ADMIN_PASSWORD)).statusCode).toBe(200);
    const { key, apiKey } = (await sec.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'batch', permissions: ['transactions:read'] } })).json();
    const use = () => t.app.inject({ method: 'GET', url: '/api/v1/transactions', headers: { 'x-api-key': key } });
    expect((await use()).statusCode).toBe(200);
    // Written straight to the database: this process's services never hear of it.
    await t.c.database.db.updateTable('api_keys').set({ revoked_at: Date.now() }).where('id', '=', apiKey.id).execute();
    await new Promise((r) => setTimeout(r, API_KEY_CACHE_MS + 50));
    const after = await use();
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_api_key');
  });

  it('refuses administrative permissions on API keys', async () => {
    const sec = new Browser(t.app);
    await sec.signIn('secadmin', ADMIN_PASSWORD);
    const r = await sec.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'x', permissions: ['users:manage'] } });
    expect(r.statusCode).toBe(400);
  });

  it('enforces separation of duties: no system administrator who is also security administrator or auditor', async () => {
    const id = await createUser(t, 'sep_user', []);
    const sec = new Browser(t.app);
    await sec.signIn('secadmin', ADMIN_PASSWORD);
    for (const roles of [['system_admin', 'security_admin'], ['system_admin', 'auditor']]) {
      const r = await sec.request({ method: 'PUT', url: `/api/v1/users/${id}/roles`, payload: { roles } });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('separation_of_duties');
      expect(r.json().error.message).toMatch(/三权分立/);
    }
    // A custom role cannot smuggle audit rights to a system administrator either.
    const role = await sec.request({ method: 'POST', url: '/api/v1/roles', payload: { name: 'log_reader', permissions: ['audit:read'] } });
    expect(role.statusCode, role.body).toBe(201);
    const smuggle = await sec.request({ method: 'PUT', url: `/api/v1/users/${id}/roles`, payload: { roles: ['system_admin', role.json().key] } });
    expect(smuggle.json().error.code).toBe('separation_of_duties');
    expect((await sec.request({ method: 'POST', url: '/api/v1/roles', payload: { name: 'god_mode', permissions: ['system:configure', 'roles:assign'] } })).statusCode).toBe(409);
    const ok = await sec.request({ method: 'PUT', url: `/api/v1/users/${id}/roles`, payload: { roles: ['system_admin'] } });
    expect(ok.statusCode).toBe(200);
    const me = (await sec.request({ method: 'GET', url: '/api/v1/auth/me' })).json();
    const self = await sec.request({ method: 'PUT', url: `/api/v1/users/${me.user.id}/roles`, payload: { roles: ['security_admin', 'analyst'] } });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('self_grant');
  });

  it('lets no one take over an administrator or auditor account by resetting its credentials through the API', async () => {
    const admin = new Browser(t.app);
    await admin.signIn('admin', ADMIN_PASSWORD);
    const users = (await admin.request({ method: 'GET', url: '/api/v1/users' })).json().items as Array<{ id: string; username: string }>;
    const idOf = (n: string) => users.find((u) => u.username === n)!.id;
    for (const target of ['secadmin', 'auditor']) {
      const r = await admin.request({ method: 'POST', url: `/api/v1/users/${idOf(target)}/password`, payload: { password: 'Takeover-Pass-2026!' } });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('privileged_account');
      expect((await admin.request({ method: 'DELETE', url: `/api/v1/users/${idOf(target)}/totp` })).statusCode).toBe(403);
    }
    expect((await new Browser(t.app).signIn('secadmin', 'Takeover-Pass-2026!')).statusCode).toBe(401);
    const plain = await createUser(t, 'plain_analyst', ['analyst']);
    expect((await admin.request({ method: 'POST', url: `/api/v1/users/${plain}/password`, payload: { password: 'Fresh-Start-2026!' } })).statusCode).toBe(204);
    expect((await new Browser(t.app).signIn('plain_analyst', 'Fresh-Start-2026!')).statusCode).toBe(200);
  });

  it('keeps institutions apart: another institution\'s administrator cannot see or change our accounts', async () => {
    const victim = await createUser(t, 'victim', ['analyst']);
    await createUser(t, 'other_admin', ['system_admin'], { institutionId: 'inst_other' });
    await createUser(t, 'other_sec', ['security_admin'], { institutionId: 'inst_other' });
    const oa = new Browser(t.app);
    await oa.signIn('other_admin', 'other_admin-Pass-2026!');
    const list = (await oa.request({ method: 'GET', url: '/api/v1/users' })).json().items.map((u: { username: string }) => u.username);
    expect(list).toContain('other_admin');
    expect(list).not.toContain('victim');
    expect((await oa.request({ method: 'GET', url: `/api/v1/users/${victim}` })).statusCode).toBe(404);
    expect((await oa.request({ method: 'POST', url: `/api/v1/users/${victim}/password`, payload: { password: 'Hijacked-Pass-2026!' } })).statusCode).toBe(404);
    const os = new Browser(t.app);
    await os.signIn('other_sec', 'other_sec-Pass-2026!');
    expect((await os.request({ method: 'PUT', url: `/api/v1/users/${victim}/roles`, payload: { roles: ['auditor'] } })).statusCode).toBe(404);
    expect((await new Browser(t.app).signIn('victim', 'victim-Pass-2026!')).statusCode).toBe(200);
  });

  it('applies the password policy and ends sessions when an account is disabled', async () => {
    const admin = new Browser(t.app);
    await admin.signIn('admin', ADMIN_PASSWORD);
    const weak = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'weakling', displayName: 'W', password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.map((d: { message: string }) => d.message).join(' ')).toMatch(/at least 12/);
    const created = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'temp_user', displayName: '临时', password: 'Temp-User-2026!x' } });
    expect(created.statusCode, created.body).toBe(201);
    const u = new Browser(t.app);
    expect((await u.signIn('temp_user', 'Temp-User-2026!x')).statusCode).toBe(200);
    expect((await u.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${created.json().id}`, payload: { status: 'disabled' } })).statusCode).toBe(200);
    expect((await u.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await u.signIn('temp_user', 'Temp-User-2026!x')).statusCode).toBe(403);
  });

  it('requires the TOTP code once two-factor sign-in is on', async () => {
    const id = await createUser(t, 'totp_user', ['analyst']);
    const b = new Browser(t.app);
    await b.signIn('totp_user', 'totp_user-Pass-2026!');
    const enrol = await b.request({ method: 'POST', url: '/api/v1/auth/totp/enrol' });
    expect(enrol.statusCode, enrol.body).toBe(200);
    expect(enrol.json().uri).toMatch(/^otpauth:\/\/totp\//);
    const row = await t.services.usersRepo.byId(t.c.database.db, id);
    expect(row!.totp_secret).not.toContain(enrol.json().secret);
    expect((await b.request({ method: 'POST', url: '/api/v1/auth/totp/confirm', payload: { code: '000000' === t.services.totp.codeFor(row!.totp_secret!) ? '111111' : '000000' } })).statusCode).toBe(400);
    expect((await b.request({ method: 'POST', url: '/api/v1/auth/totp/confirm', payload: { code: t.services.totp.codeFor(row!.totp_secret!) } })).statusCode).toBe(204);
    const noCode = await new Browser(t.app).signIn('totp_user', 'totp_user-Pass-2026!');
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('totp_required');
    const withCode = await new Browser(t.app).signIn('totp_user', 'totp_user-Pass-2026!', t.services.totp.codeFor(row!.totp_secret!));
    expect(withCode.statusCode, withCode.body).toBe(200);
  });

  it('hashes passwords with argon2id and stores session tokens only as hashes', async () => {
    const b = new Browser(t.app);
    await b.signIn('auditor', ADMIN_PASSWORD);
    const row = await t.services.usersRepo.byUsername(t.c.database.db, 'auditor');
    expect(row!.password_hash.startsWith('$argon2id$')).toBe(true);
    const token = b.cookies.get('outpost_session')!;
    const sessions = JSON.stringify(await t.c.database.db.selectFrom('sessions').selectAll().execute());
    expect(sessions).not.toContain(token);
  });
});
