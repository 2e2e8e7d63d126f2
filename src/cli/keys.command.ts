import type { Command } from 'commander';
import { getService } from '../app/container.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { createFieldCipher } from '../crypto/cipher.ts';
import { addKeyVersion, retireOldVersions, writeKeyFile, type Keyring } from '../crypto/keyring.ts';
import { countByKeyVersion, reencryptAll } from '../crypto/rotation.repository.ts';
import { withContainer } from './context.ts';

/** Data-key management: rotate (new version + re-encrypt), status, retire old versions. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('personal-data encryption keys');

  keys
    .command('rotate')
    .description('add a new key version (key file) and re-encrypt every personal-data field under the current version')
    .action(async () => {
      await withContainer(async (c) => {
        let ring = getService<Keyring>(c, 'keyring');
        if (ring.source === 'file') {
          ring = addKeyVersion(ring);
          writeKeyFile(c.config.dataKeyFile, ring);
          process.stdout.write(`key file ${c.config.dataKeyFile}: new key version ${ring.current}\n`);
        } else {
          process.stdout.write(`OUTPOST_DATA_KEY: re-encrypting under its first (current) version ${ring.current}\n`);
        }
        const cipher = createFieldCipher(ring, c.config.cipher);
        const results = await reencryptAll(c.database.db, cipher);
        const total = results.reduce((n, r) => n + r.reencrypted, 0);
        await c.database.db.transaction().execute((trx) => c.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'keys.rotate', targetType: 'data_key', targetId: `v${ring.current}`, after: { results } }));
        for (const r of results) process.stdout.write(`  ${r.table}.${r.column}: ${r.reencrypted} of ${r.scanned} re-encrypted\n`);
        process.stdout.write(`${total} values now under key version ${ring.current}. Restart running servers so they write with the new key, then run \`outpost keys retire\`.\n`);
      });
    });

  keys
    .command('status')
    .description('count stored values per algorithm and key version')
    .action(async () => {
      await withContainer(async (c) => {
        const ring = getService<Keyring>(c, 'keyring');
        process.stdout.write(`current key version ${ring.current} (${ring.source}); versions held: ${[...ring.keys.keys()].join(', ')}\n`);
        for (const [k, n] of Object.entries(await countByKeyVersion(c.database.db))) process.stdout.write(`  ${k}: ${n}\n`);
      });
    });

  keys
    .command('retire')
    .description('re-encrypt stragglers, then remove old key versions from the key file')
    .action(async () => {
      await withContainer(async (c) => {
        const ring = getService<Keyring>(c, 'keyring');
        const cipher = createFieldCipher(ring, c.config.cipher);
        await reencryptAll(c.database.db, cipher);
        const counts = await countByKeyVersion(c.database.db);
        const current = `${c.config.cipher === 'sm4' ? 'sm4' : 'aes'}:v${ring.current}`;
        const others = Object.keys(counts).filter((k) => k !== current && k !== 'plaintext');
        if (others.length) throw new Error(`values remain under ${others.join(', ')}; not retiring`);
        if (ring.source !== 'file') {
          process.stdout.write('all values are under the current version: remove the old entries from OUTPOST_DATA_KEY (keep the oldest while its blind indexes are in use)\n');
          return;
        }
        writeKeyFile(c.config.dataKeyFile, retireOldVersions(ring));
        await c.database.db.transaction().execute((trx) => c.audit.append(trx, { actor: SYSTEM_ACTOR, action: 'keys.retire', targetType: 'data_key', targetId: `v${ring.current}` }));
        process.stdout.write(`retired every key version but ${ring.current}\n`);
      });
    });
}
