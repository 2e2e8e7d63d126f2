import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Browser, buildTestApp, type TestApp } from './app.helper.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/outpost.js');

/** The audit chain as an auditor and an operator see it: API verify, CLI verify, export. */
describe('tamper-evident audit log', () => {
  let t: TestApp;
  let auditor: Browser;
  beforeAll(async () => {
    t = await buildTestApp({ file: true });
    // Some real activity to audit: sign-ins, an account, a role change.
    const admin = new Browser(t.app);
    await admin.signIn('admin', ADMIN_PASSWORD);
    await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'audited', displayName: 'A', password: 'Secret-Phrase-2026!' } });
    auditor = new Browser(t.app);
    expect((await auditor.signIn('auditor', ADMIN_PASSWORD)).statusCode).toBe(200);
  });
  afterAll(async () => { await t?.close(); });

  const cli = async (...args: string[]) => {
    const env = { ...process.env, OUTPOST_DATA_DIR: path.dirname(t.sqliteFile!), OUTPOST_DEMO: 'off', OUTPOST_LOG_LEVEL: 'silent', OUTPOST_ADMIN_PASSWORD: ADMIN_PASSWORD };
    try {
      const r = await run(process.execPath, [BIN, ...args], { env });
      return { code: 0, out: r.stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: `${err.stdout}${err.stderr}` };
    }
  };

  it('lets an auditor read, filter and export the log, and records the export', async () => {
    const list = await auditor.request({ method: 'GET', url: '/api/v1/audit?action=user.create&limit=50' });
    expect(list.statusCode).toBe(200);
    const created = list.json().items.find((e: { after: { username?: string } }) => e.after?.username === 'audited');
    expect(created.actorKind).toBe('user');
    const csv = await auditor.request({ method: 'GET', url: '/api/v1/audit/export?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('seq,id,at,time_utc,institution_id,actor,actor_kind,action,target_type,target_id,ip,before,after,hash');
    expect(csv.body).toContain('user.create');
    const jsonl = await auditor.request({ method: 'GET', url: '/api/v1/audit/export?format=jsonl' });
    const lines = jsonl.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([...lines.map((l) => l.seq)].sort((a, b) => a - b));
    const exports = await auditor.request({ method: 'GET', url: '/api/v1/audit?action=audit.export' });
    expect(exports.json().items).toHaveLength(2);
    // The auditor reads but cannot change anything.
    expect((await auditor.request({ method: 'POST', url: '/api/v1/users', payload: {} })).statusCode).toBe(403);
  });

  it('detects one edited row through the API and `outpost audit verify`, naming its seq', async () => {
    const ok = await auditor.request({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(ok.json()).toMatchObject({ ok: true, firstBadSeq: null });
    const before = await cli('audit', 'verify');
    expect(before.code, before.out).toBe(0);
    expect(before.out).toMatch(/audit chain OK/);

    const victim = await t.c.database.db.selectFrom('audit_events').select(['seq', 'after']).where('action', '=', 'user.create').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await t.c.database.db.updateTable('audit_events').set({ after: victim.after!.replace('audited', 'innocent') }).where('seq', '=', victim.seq).execute();

    const bad = await auditor.request({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(bad.json()).toMatchObject({ ok: false, firstBadSeq: Number(victim.seq) });
    const after = await cli('audit', 'verify');
    expect(after.code).toBe(1);
    expect(after.out).toContain(`BROKEN at seq ${Number(victim.seq)}`);
  }, 60_000);
});
