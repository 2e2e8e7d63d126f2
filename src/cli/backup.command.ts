import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { existingKeyring } from '../crypto/keyring.ts';
import { AppError, conflict } from '../shared/errors.ts';
import { backupSqlite, checkBackup, manifestPath, missingKeys, restoreSqlite, type BackupManifest } from '../store/backup.ts';
import { openCliContainer } from './context.ts';

/** `outpost backup FILE` and `outpost restore FILE`: the embedded SQLite database (store/backup.ts). */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('write a consistent copy of the SQLite database (also while a server runs), with a manifest beside it')
    .argument('<file>', 'the backup file to write (FILE.manifest.json is written beside it)')
    .option('--force', 'replace FILE if it exists')
    .action(async (file: string, o: { force?: boolean }) => {
      const config = sqliteOnly(loadConfig(), 'backup');
      const dest = path.resolve(file);
      if (o.force) for (const f of [dest, manifestPath(dest)]) fs.rmSync(f, { force: true });
      const m = await backupSqlite(config.sqlitePath, dest, new Date(), keyringOf(config));
      // Copying the whole database is recorded in the live audit log (after the copy: not in it).
      await audited(config, 'system.backup', m.file, { file: dest, ...summary(m) });
      process.stdout.write(`${dest}: ${m.transactions.toLocaleString('en-US')} transactions, ${(m.bytes / 1048576).toFixed(1)} MiB, sha256 ${m.sha256}\n`);
      process.stdout.write(`audit head ${m.auditHead ? `seq ${m.auditHead.seq} hash ${m.auditHead.hash}` : 'none'}; manifest ${manifestPath(dest)}\n`);
      const used = Object.keys(m.keys);
      if (used.length > 0) {
        process.stdout.write(`its personal data is encrypted under ${used.join(', ')}: reading it needs ${config.dataKey ? 'OUTPOST_DATA_KEY' : `the key file ${config.dataKeyFile}`} `
          + 'as it is now; keep a copy of that apart from the backups (docs/security.md)\n');
      }
    });

  program
    .command('restore')
    .description('put a backup in place of the SQLite database (checked against its manifest and the keyring first; the server must be stopped)')
    .argument('<file>', 'a file written by `outpost backup` (with its manifest beside it)')
    .option('--force', 'replace an existing database (it is kept as outpost.sqlite.replaced-TIME)')
    .action(async (file: string, o: { force?: boolean }) => {
      const config = sqliteOnly(loadConfig(), 'restore');
      const from = path.resolve(file);
      const m = await checkBackup(from);
      const problems = missingKeys(m, keyringOf(config));
      if (problems.length > 0) {
        throw new AppError('validation', 'the keyring cannot read this backup\'s personal data: restore the key file (or set OUTPOST_DATA_KEY) it was written with first', problems);
      }
      if (fs.existsSync(config.sqlitePath) && !o.force) {
        throw conflict(`${config.sqlitePath} exists: restoring replaces it (--force keeps it aside as ${path.basename(config.sqlitePath)}.replaced-TIME)`);
      }
      const { replaced } = restoreSqlite(from, config.sqlitePath, new Date());
      // Opening it brings an older backup's schema up to date; the restore is the first event after it.
      await audited(config, 'system.restore', m.file, { from, replaced, ...summary(m) });
      process.stdout.write(`restored ${from} (written ${m.createdAt}) to ${config.sqlitePath}${replaced ? `; the database it replaced is ${replaced}` : ''}\n`);
      process.stdout.write(`${m.transactions.toLocaleString('en-US')} transactions; the backup's audit head was ${m.auditHead ? `seq ${m.auditHead.seq} hash ${m.auditHead.hash}` : 'none'} (check with \`outpost audit verify\`)\n`);
    });
}

function sqliteOnly(config: Config, what: string): Config {
  if (config.databaseUrl) {
    throw new AppError('validation', `outpost ${what} copies the embedded SQLite database; DATABASE_URL names a PostgreSQL one: use pg_dump / pg_restore `
      + '(or the provider\'s snapshots) and keep the key file apart, see docs/configuration.md');
  }
  return config;
}

/** The keyring the settings name, if there is one (none is created). */
const keyringOf = (config: Config) => existingKeyring({ dataKey: config.dataKey, dataKeyFile: config.dataKeyFile });

const summary = (m: BackupManifest) => ({ createdAt: m.createdAt, bytes: m.bytes, sha256: m.sha256, schema: m.schema, transactions: m.transactions, auditHead: m.auditHead, keys: m.keys });

async function audited(config: Config, action: string, targetId: string, after: Record<string, unknown>): Promise<void> {
  const c = await openCliContainer(config);
  try {
    await c.database.db.transaction().execute((trx) => c.audit.append(trx, { actor: SYSTEM_ACTOR, action, targetType: 'database', targetId, after }));
  } finally {
    await c.close();
  }
}
