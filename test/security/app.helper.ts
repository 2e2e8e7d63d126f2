import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createContainer } from '../../src/app/container.factory.ts';
import type { Container } from '../../src/app/container.ts';
import { getService } from '../../src/app/container.ts';
import { MODULES } from '../../src/app/modules.ts';
import type { Module } from '../../src/app/module.ts';
import type { Config } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { openDatabase } from '../../src/store/database.ts';
import type { AuthServices } from '../../src/auth/auth.services.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.types.ts';
import { testConfig } from '../helpers/config.ts';

export const ADMIN_PASSWORD = 'Bootstrap-Pass-2026!';
export const INST = 'inst_demo';

/** Adds the reference data the auth tests need (an institution with a branch tree) before auth starts. */
export function seedModule(): Module {
  return {
    name: 'test-seed',
    async init(c) {
      const db = c.database.db;
      if (await db.selectFrom('institutions').select('id').where('id', '=', INST).executeTakeFirst()) return;
      const at = c.clock.now();
      await db.insertInto('institutions').values([
        { id: INST, code: 'DEMO', name: '演示银行', bank_code: '999', created_at: at },
        { id: 'inst_other', code: 'OTHER', name: '其他银行', bank_code: '998', created_at: at },
      ]).execute();
      await db.insertInto('branches').values([
        { id: 'br_hq', institution_id: INST, parent_id: null, code: 'HQ', name: '总行', level: 0, path: '/br_hq/', created_at: at },
        { id: 'br_a', institution_id: INST, parent_id: 'br_hq', code: 'A', name: '分行A', level: 1, path: '/br_hq/br_a/', created_at: at },
        { id: 'br_a1', institution_id: INST, parent_id: 'br_a', code: 'A1', name: '支行A1', level: 2, path: '/br_hq/br_a/br_a1/', created_at: at },
        { id: 'br_b', institution_id: INST, parent_id: 'br_hq', code: 'B', name: '分行B', level: 1, path: '/br_hq/br_b/', created_at: at },
        { id: 'br_ohq', institution_id: 'inst_other', parent_id: null, code: 'HQ', name: '总行', level: 0, path: '/br_ohq/', created_at: at },
      ]).execute();
    },
  };
}

export interface TestApp {
  c: Container;
  app: FastifyInstance;
  services: AuthServices;
  sqliteFile: string | null;
  close(): Promise<void>;
}

/** The full product (every module) on SQLite, with test reference data seeded before auth runs. */
export async function buildTestApp(opts: { file?: boolean; config?: Partial<Config>; modules?: readonly Module[] } = {}): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-sec-'));
  const sqliteFile = opts.file ? path.join(dir, 'outpost.sqlite') : null;
  const config = testConfig({
    dataDir: dir, sqlitePath: sqliteFile ?? ':memory:', dataKeyFile: path.join(dir, 'data.key'),
    logLevel: process.env.OUTPOST_TEST_LOG === '1' ? 'error' : 'silent', adminPassword: ADMIN_PASSWORD, bootstrapApiKey: `boot_${randomBytes(24).toString('hex')}`, ...opts.config,
  });
  const database = openDatabase({ sqlitePath: sqliteFile ?? ':memory:' });
  const base = opts.modules ?? MODULES;
  const modules = [base[0], seedModule(), ...base.slice(1)];
  const c = await createContainer({ config, database, modules });
  const app = await buildApp(c, modules, { serveWeb: false, logger: process.env.OUTPOST_TEST_LOG === '1' });
  return {
    c, app, services: getService<AuthServices>(c, 'auth'), sqliteFile,
    close: async () => { await app.close(); await c.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A signed-in browser: keeps the cookies and sends the CSRF header on unsafe methods. */
export class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async signIn(username: string, password: string, totp?: string): Promise<LightMyRequestResponse> {
    const res = await this.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password, totp } });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }

  async request(o: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(o.headers as Record<string, string> | undefined) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && o.csrf !== false && !['GET', 'HEAD'].includes(String(o.method ?? 'GET'))) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ ...o, headers });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
}

/** Creates a user with roles directly through the services (as the system, like the CLI does). */
export async function createUser(t: TestApp, username: string, roles: string[], opts: { branchId?: string | null; institutionId?: string; password?: string } = {}): Promise<string> {
  const institutionId = opts.institutionId ?? INST;
  const u = await t.services.users.create(SYSTEM_ACTOR, { username, displayName: username, password: opts.password ?? `${username}-Pass-2026!`, institutionId, branchId: opts.branchId ?? null }, { skipPolicy: true });
  if (roles.length) await t.services.roles.setUserRoles({ actor: SYSTEM_ACTOR, scope: { institutionId, branchIds: null } }, u.id, roles);
  return u.id;
}
