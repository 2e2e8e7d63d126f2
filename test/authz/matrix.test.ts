import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { MODULES } from '../../src/app/modules.ts';
import { BUILT_IN_PERMISSIONS, BUILT_IN_ROLES } from '../../src/auth/roles.ts';
import type { Permission } from '../../src/domain/permissions.ts';
import { ADMIN_PASSWORD, Browser, buildTestApp, createUser, type TestApp } from '../security/app.helper.ts';
import { ROUTE_MATRIX } from './matrix.ts';
import { routeCollector, type RegisteredRoute } from './routes.helper.ts';

/**
 * The authorisation matrix: every API route of the full product, called by every built-in role,
 * a user of another institution, a branch user, a service API key and an anonymous caller.
 * Allowed callers must never get an authorisation refusal; others must always get one.
 */
interface Caller { name: string; permissions: ReadonlySet<Permission> | 'anonymous'; browser?: Browser; apiKey?: string }

const AUTHZ_CODES = new Set(['unauthenticated', 'invalid_api_key', 'route_without_permission', 'csrf']);
function isAuthzRefusal(res: LightMyRequestResponse): boolean {
  if (res.statusCode !== 401 && res.statusCode !== 403) return false;
  const err = (res.json() as { error?: { code?: string; details?: Array<{ path?: string }> } }).error;
  return AUTHZ_CODES.has(err?.code ?? '') || (err?.code === 'forbidden' && err.details?.[0]?.path === 'permission');
}

const fill = (url: string) => url.replace(/:[A-Za-z_]+/g, 'zz_missing').replace(/\*/g, 'zz');

describe('authorisation matrix (all modules, SQLite)', () => {
  let t: TestApp;
  const routes: RegisteredRoute[] = [];
  const callers: Caller[] = [];
  let adminBrowser: Browser;

  beforeAll(async () => {
    t = await buildTestApp({ modules: [routeCollector(routes), ...MODULES] });
    for (const role of BUILT_IN_ROLES) {
      await createUser(t, `m_${role}`, [role]);
      const b = new Browser(t.app);
      expect((await b.signIn(`m_${role}`, `m_${role}-Pass-2026!`)).statusCode).toBe(200);
      callers.push({ name: role, permissions: new Set(BUILT_IN_PERMISSIONS[role]), browser: b });
    }
    await createUser(t, 'm_other_inst', ['analyst'], { institutionId: 'inst_other' });
    await createUser(t, 'm_branch', ['branch_security_officer', 'analyst'], { branchId: 'br_a1' });
    for (const [name, roles] of [['m_other_inst', ['analyst']], ['m_branch', ['branch_security_officer', 'analyst']]] as const) {
      const b = new Browser(t.app);
      expect((await b.signIn(name, `${name}-Pass-2026!`)).statusCode).toBe(200);
      callers.push({ name, permissions: new Set(roles.flatMap((r) => BUILT_IN_PERMISSIONS[r])), browser: b });
    }
    adminBrowser = new Browser(t.app);
    expect((await adminBrowser.signIn('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    const boot = t.c.config.bootstrapApiKey!;
    const keyRow = (await t.services.keys.list({ actor: { id: 'x', kind: 'system', institutionId: null }, scope: { institutionId: 'inst_demo', branchIds: null }, permissions: new Set(), roles: [], via: 'api_key' }))[0];
    callers.push({ name: 'api_key', permissions: new Set(keyRow.permissions), apiKey: boot });
    callers.push({ name: 'anonymous', permissions: 'anonymous' });
  });
  afterAll(async () => { await t?.close(); });

  it('lists every registered route with the permission it declares', () => {
    const registered = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.permission]));
    const missing = [...registered.keys()].filter((k) => !(k in ROUTE_MATRIX));
    expect(missing, `routes missing from test/authz/matrix.ts:\n${missing.map((k) => `  '${k}': '${registered.get(k)}',`).join('\n')}`).toEqual([]);
    const stale = Object.keys(ROUTE_MATRIX).filter((k) => !registered.has(k));
    expect(stale, 'routes in test/authz/matrix.ts that no longer exist').toEqual([]);
    const mismatched = [...registered].filter(([k, p]) => ROUTE_MATRIX[k] !== p).map(([k, p]) => `${k}: declares ${p}, matrix says ${ROUTE_MATRIX[k]}`);
    expect(mismatched).toEqual([]);
  });

  it('allows exactly the callers whose permissions the route requires', async () => {
    const failures: string[] = [];
    // Sign-out ends the caller's session, so it goes last.
    const ordered = [...routes].sort((a, b) => Number(a.url.endsWith('/sign-out')) - Number(b.url.endsWith('/sign-out')));
    for (const route of ordered) {
      const declared = route.permission;
      for (const caller of callers) {
        const expectAllowed = declared === 'public'
          || (caller.permissions !== 'anonymous' && (declared === 'authenticated' || (declared !== undefined && caller.permissions.has(declared as Permission))));
        const req = { method: route.method as 'GET', url: fill(route.url), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) };
        const res = caller.browser
          ? await caller.browser.request(req)
          : await t.app.inject({ ...req, headers: caller.apiKey ? { 'x-api-key': caller.apiKey } : {} });
        const refused = isAuthzRefusal(res);
        if (expectAllowed === refused) failures.push(`${route.method} ${route.url} as ${caller.name}: expected ${expectAllowed ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses unsafe requests of a cookie session without the CSRF header', async () => {
    const b = adminBrowser;
    const res = await b.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'csrf_victim', displayName: 'x', password: 'Aa1!aaaaaaaaaaa' }, csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    const wrong = await b.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'csrf_victim', displayName: 'x', password: 'Aa1!aaaaaaaaaaa' }, headers: { 'x-csrf-token': 'forged' }, csrf: false });
    expect(wrong.statusCode).toBe(403);
    expect(await t.services.usersRepo.byUsername(t.c.database.db, 'csrf_victim')).toBeUndefined();
  });
});
