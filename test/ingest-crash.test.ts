import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createContainer } from '../src/app/container.factory.ts';
import { MODULES } from '../src/app/modules.ts';
import { openDatabase } from '../src/store/database.ts';
import { testConfig, TEST_DATA_KEY } from './helpers/config.ts';
import { loadSmallBank } from './helpers/bank.ts';
import { PG_URL, postgresAvailable } from './helpers/db.ts';

/**
 * Kills `outpost ingest` with SIGKILL in the middle of a file and checks that every batch it had
 * reported as committed is in the database, that no batch is half-written, and that re-running
 * the file completes it without duplicates.
 */
const ROWS = 40_000;
const BATCH = 1_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-crash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const baseEnv = {
  ...process.env, OUTPOST_DATA_DIR: dir, OUTPOST_DATA_KEY: TEST_DATA_KEY, OUTPOST_DEMO: 'off', OUTPOST_LOG_LEVEL: 'silent',
  OUTPOST_ADMIN_PASSWORD: 'Crash-Test-Password-1!',
};

function writeCsv(file: string): void {
  const lines = ['id,timestamp,debit_account,credit_account,credit_bank,amount,currency,channel,type'];
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < ROWS; i++) {
    lines.push(`K${i},${new Date(t0 + i * 1000).toISOString()},622200000000000${1 + (i % 3)},9${i % 977},102100099996,${(i % 900) + 1}.00,CNY,mobile,transfer`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function runIngest(file: string, env: NodeJS.ProcessEnv, killAfterBatches?: number): Promise<{ committed: number; code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/outpost.js', 'ingest', file, '--json', '--batch', String(BATCH)], { env, cwd: path.resolve(import.meta.dirname, '..') });
    let committed = 0;
    let batches = 0;
    let stdout = '';
    let buf = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.startsWith('{"committed"')) continue;
        committed = (JSON.parse(line) as { committed: { accepted: number } }).committed.accepted;
        batches++;
        if (killAfterBatches !== undefined && batches >= killAfterBatches) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ committed, code, signal, stdout }));
  });
}

async function withPgDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const name = `outpost_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    await fn(PG_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`));
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}

describe.each(['sqlite', 'postgres'] as const)('crash during file ingest (%s)', (dialect) => {
  it('keeps every committed batch, writes no partial batch, and completes on re-run', async (ctx) => {
    if (dialect === 'postgres') {
      if (!(await postgresAvailable())) return ctx.skip();
      await withPgDatabase((url) => crashAndRecover(dialect, url));
    } else {
      await crashAndRecover(dialect, undefined);
    }
  });
});

async function crashAndRecover(dialect: 'sqlite' | 'postgres', databaseUrl: string | undefined): Promise<void> {
  const sub = path.join(dir, dialect);
  const env = { ...baseEnv, OUTPOST_DATA_DIR: sub, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const c = await createContainer({ config: testConfig({ dataDir: sub, sqlitePath: path.join(sub, 'outpost.sqlite'), dataKeyFile: path.join(sub, 'data.key'), databaseUrl }), modules: MODULES });
  await loadSmallBank(c);
  await c.close();
  const file = path.join(dir, 'big.csv');
  if (!fs.existsSync(file)) writeCsv(file);

  const crashed = await runIngest(file, env, 5);
  expect(crashed.signal).toBe('SIGKILL');
  expect(crashed.committed).toBeGreaterThanOrEqual(5 * BATCH);

  const db = openDatabase({ sqlitePath: path.join(sub, 'outpost.sqlite'), databaseUrl });
  const stored = Number((await db.db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await db.close();
  expect(stored).toBeGreaterThanOrEqual(crashed.committed);
  expect(stored % BATCH).toBe(0); // each batch commits whole or not at all
  expect(stored).toBeLessThan(ROWS);

  const rerun = await runIngest(file, env);
  expect(rerun.code).toBe(0);
  const summary = JSON.parse(rerun.stdout.trim().split('\n').pop()!) as { accepted: number; duplicates: number };
  expect(summary.duplicates).toBe(stored);
  expect(summary.accepted + summary.duplicates).toBe(ROWS);
}
