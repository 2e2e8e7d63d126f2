import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * End-to-end support: a real `outpost serve` process on a fresh SQLite database with a small demo
 * bank, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
export const CHROMIUM = '/usr/bin/chromium';
export const REQUIRE = process.env.OUTPOST_REQUIRE_SERVICES === '1';
export const PASSWORD = 'E2e-Demo-Password-2026';
const ROOT = path.resolve(import.meta.dirname, '../..');

export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (REQUIRE) throw new Error(`Chromium is required (OUTPOST_REQUIRE_SERVICES=1) but ${CHROMIUM} is absent (apt-get install chromium)`);
  console.warn(`[skip] end-to-end browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/outpost.js serve` (the `npm start` command) and waits until it listens.
 * OUTPOST_E2E_URL points the run at a server already running instead (its demo password must be
 * OUTPOST_ADMIN_PASSWORD=${PASSWORD}); it is then not stopped.
 */
export async function startServer(opts: { demoScale?: number; timeoutMs?: number } = {}): Promise<Server> {
  const external = process.env.OUTPOST_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ''), dataDir: '', output: () => '', stop: async () => undefined };
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  let out = '';
  // the fresh SQLite database of this run, whatever the caller's environment points at
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['bin/outpost.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OUTPOST_DATA_DIR: dataDir,
      OUTPOST_DEMO: 'auto',
      OUTPOST_DEMO_SCALE: String(opts.demoScale ?? 0.05),
      OUTPOST_ADMIN_PASSWORD: PASSWORD,
      OUTPOST_SECURE_COOKIES: 'off',
      OUTPOST_LOG_LEVEL: 'warn',
      // Scenario changes answer at once with the engine still rebuilding, as a large bank's do after
      // 10 s: the web app then follows the rebuild (EngineRebuild) until the change applies.
      OUTPOST_SCENARIO_SETTLE_WAIT_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${opts.timeoutMs ?? 240_000} ms:\n${out}`)), opts.timeoutMs ?? 240_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Outpost listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  }).catch(async (err) => {
    await stop();
    throw err;
  });
  return { url: `http://127.0.0.1:${port}`, dataDir, output: () => out, stop };
}

/** A fresh Chromium profile (its own user-data-dir) at tablet-or-wider size. */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Where the browser test saves its screenshots: docs/screenshots/ (the README's pictures) only when
 * OUTPOST_UPDATE_SCREENSHOTS=1, otherwise a temporary folder, so a test run leaves the tree clean.
 */
export const SCREENSHOTS = process.env.OUTPOST_UPDATE_SCREENSHOTS === '1'
  ? path.join(ROOT, 'docs/screenshots')
  : path.join(os.tmpdir(), 'outpost-screenshots');
