import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/outpost.js');

export interface CliRun { code: number; stdout: string; stderr: string }

/**
 * Runs `outpost ARGS` as a user would, on the SQLite database of `dataDir` (the caller's
 * DATABASE_URL and OUTPOST_DATA_KEY are not passed on: the data directory's key file is used),
 * with `env` on top; resolves with the exit code and output whatever the code.
 */
export function outpostCli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && k !== 'OUTPOST_DATA_KEY'));
  return promisify(execFile)(process.execPath, [BIN, ...args], {
    env: { ...inherited, OUTPOST_DATA_DIR: dataDir, OUTPOST_DEMO: 'off', OUTPOST_ADMIN_PASSWORD: 'Cli-Test-Password-1!', ...env },
  }).then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: CliRun) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}
