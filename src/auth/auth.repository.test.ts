import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import type { Database } from '../store/database.ts';
import { UsersRepository } from './users.repository.ts';
import { SessionsRepository } from './sessions.repository.ts';
import { ApiKeysRepository } from './api-keys.repository.ts';
import { PrincipalBuilder } from './principal.builder.ts';

const AT = 1_700_000_000_000;

async function seed(d: Database): Promise<void> {
  await d.db.insertInto('institutions').values({ id: 'inst_a', code: 'A', name: 'A', bank_code: '1', created_at: AT }).execute();
  await d.db.insertInto('branches').values([
    { id: 'br_hq', institution_id: 'inst_a', parent_id: null, code: 'HQ', name: 'HQ', level: 0, path: '/br_hq/', created_at: AT },
    { id: 'br_1', institution_id: 'inst_a', parent_id: 'br_hq', code: '1', name: '1', level: 1, path: '/br_hq/br_1/', created_at: AT },
    { id: 'br_11', institution_id: 'inst_a', parent_id: 'br_1', code: '11', name: '11', level: 2, path: '/br_hq/br_1/br_11/', created_at: AT },
    { id: 'br_2', institution_id: 'inst_a', parent_id: 'br_hq', code: '2', name: '2', level: 1, path: '/br_hq/br_2/', created_at: AT },
  ]).execute();
}

const user = (id: string, branch: string | null) => ({
  id, institution_id: 'inst_a', branch_id: branch, username: id, display_name: id, password_hash: 'x', totp_secret: null, totp_enabled: 0,
  status: 'active', failed_attempts: 0, locked_until: null, password_changed_at: AT, last_sign_in_at: null, created_at: AT, updated_at: AT,
});

describe.each(DIALECTS)('auth repositories on %s', (dialect) => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('scopes a user to their branch subtree, head office to everything, and merges custom role permissions', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    await seed(d);
    const users = new UsersRepository();
    await users.insert(d.db, user('usr_hq', null));
    await users.insert(d.db, user('usr_b1', 'br_1'));
    await users.insert(d.db, user('usr_hqb', 'br_hq'));
    await users.insertRole(d.db, { id: 'role_x', institutionId: 'inst_a', name: 'x', description: '', permissions: ['rings:mine'] }, AT);
    await users.setRoles(d.db, 'usr_b1', ['branch_security_officer', 'role_x'], 'usr_hq', AT);
    const pb = new PrincipalBuilder(users);
    const hq = await pb.forUser(d.db, (await users.byId(d.db, 'usr_hq'))!, null);
    expect(hq.scope).toEqual({ institutionId: 'inst_a', branchIds: null });
    expect((await pb.forUser(d.db, (await users.byId(d.db, 'usr_hqb'))!, null)).scope.branchIds).toBeNull();
    const b1 = await pb.forUser(d.db, (await users.byId(d.db, 'usr_b1'))!, '10.0.0.1');
    expect([...b1.scope.branchIds!].sort()).toEqual(['br_1', 'br_11']);
    expect(b1.roles).toEqual(['branch_security_officer', 'role_x']);
    expect(b1.permissions.has('rings:mine')).toBe(true);
    expect(b1.permissions.has('transactions:read')).toBe(true);
    expect(b1.permissions.has('customers:pii')).toBe(false);
    expect(await users.usersWithRole(d.db, 'role_x')).toEqual(['usr_b1']);
  });

  it('counts failures atomically, and finds sessions and keys only by their hashes', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    await seed(d);
    const users = new UsersRepository();
    await users.insert(d.db, user('usr_1', null));
    await Promise.all([1, 2, 3].map(() => users.recordFailure(d!.db, 'usr_1', AT)));
    expect((await users.byId(d.db, 'usr_1'))!.failed_attempts).toBe(3);

    const sessions = new SessionsRepository();
    await sessions.insert(d.db, { id: 'ses_1', token_hash: 'h1', user_id: 'usr_1', created_at: AT, last_seen_at: AT, expires_at: AT + 1000, ip: null, user_agent: null, revoked_at: null });
    await sessions.insert(d.db, { id: 'ses_2', token_hash: 'h2', user_id: 'usr_1', created_at: AT, last_seen_at: AT, expires_at: AT + 1000, ip: null, user_agent: null, revoked_at: null });
    expect((await sessions.byTokenHash(d.db, 'h2'))?.id).toBe('ses_2');
    expect(await sessions.revokeAllOf(d.db, 'usr_1', AT + 5)).toBe(2);
    expect(Number((await sessions.byTokenHash(d.db, 'h1'))!.revoked_at)).toBe(AT + 5);

    const keys = new ApiKeysRepository();
    await keys.insert(d.db, { id: 'key_1', institution_id: 'inst_a', branch_id: null, name: 'k', prefix: 'opk_abcd', key_hash: 'kh', permissions: '["transactions:ingest"]', created_by: 'usr_1', created_at: AT, expires_at: null, last_used_at: null, revoked_at: null });
    expect((await keys.byHash(d.db, 'kh'))?.id).toBe('key_1');
    await keys.revoke(d.db, 'key_1', AT + 9);
    expect(Number((await keys.byHash(d.db, 'kh'))!.revoked_at)).toBe(AT + 9);
    expect(await keys.byHash(d.db, "kh' OR '1'='1")).toBeUndefined();
  });
});
