import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_INDEX = path.join(WEB_ROOT, 'dist', 'index.html');

/**
 * Builds the web app into web/dist when it is missing (a clone whose install skipped the
 * `prepare` script), so `npm start` always serves the UI. Vite is loaded only when needed.
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  if (fs.existsSync(WEB_INDEX)) return;
  log('web/dist is missing: building the web app (once)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  log('web app built.');
}
