import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { FieldCipher } from './field-cipher.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumns } from './encrypted-columns.ts';

export interface RotationResult {
  table: string;
  column: string;
  scanned: number;
  reencrypted: number;
}

const BATCH = 500;

/**
 * Re-encrypts every value not under the cipher's current key version. Works in key-ordered batches,
 * each in its own transaction, so a large table does not hold one long write lock; an interrupted
 * run can simply be started again (values already re-encrypted are skipped).
 */
export async function reencryptAll(
  db: Kysely<DB>,
  cipher: FieldCipher,
  onBatch?: (table: string, done: number) => void,
  tables: readonly EncryptedColumns[] = ENCRYPTED_COLUMNS,
): Promise<RotationResult[]> {
  // Tables are listed by name at run time; the generic loop cannot be typed against DB.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const anyDb = db as unknown as Kysely<any>;
  const out: RotationResult[] = [];
  for (const t of tables) {
    if (!(await tableExists(anyDb, t.table))) continue;
    const stats = new Map(t.columns.map((c) => [c, { table: t.table, column: c, scanned: 0, reencrypted: 0 }]));
    let after: unknown[] | null = null;
    for (;;) {
      let q = anyDb.selectFrom(t.table).select([...t.key, ...t.columns]).orderBy(t.key[0]).limit(BATCH);
      // Single-column keys page by key; multi-column keys page by the first column (unique enough here).
      if (after) q = q.where(t.key[0], '>', after[0]);
      const rows = (await q.execute()) as Array<Record<string, unknown>>;
      if (rows.length === 0) break;
      await anyDb.transaction().execute(async (trx) => {
        for (const row of rows) {
          const set: Record<string, string> = {};
          for (const c of t.columns) {
            const v = row[c];
            if (typeof v !== 'string') continue;
            stats.get(c)!.scanned++;
            if (cipher.isEncrypted(v) && cipher.needsReencrypt(v)) {
              set[c] = cipher.encrypt(cipher.decrypt(v));
              stats.get(c)!.reencrypted++;
            }
          }
          if (Object.keys(set).length === 0) continue;
          let u = trx.updateTable(t.table).set(set);
          for (const k of t.key) u = u.where(k, '=', row[k]);
          await u.execute();
        }
      });
      after = t.key.map((k) => rows[rows.length - 1][k]);
      onBatch?.(t.table, rows.length);
      if (rows.length < BATCH) break;
    }
    out.push(...stats.values());
  }
  return out;
}

/** Counts values per key version (`sm4:v1` → n) and plaintext values, for `outpost keys status`. */
export async function countByKeyVersion(db: Kysely<DB>, tables: readonly EncryptedColumns[] = ENCRYPTED_COLUMNS): Promise<Record<string, number>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const anyDb = db as unknown as Kysely<any>;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    if (!(await tableExists(anyDb, t.table))) continue;
    for (const c of t.columns) {
      const rows = (await anyDb.selectFrom(t.table).select(c).where(c, 'is not', null).execute()) as Array<Record<string, string>>;
      for (const r of rows) {
        const m = /^(sm4|aes):v(\d+):/.exec(r[c]);
        const k = m ? `${m[1]}:v${m[2]}` : 'plaintext';
        counts[k] = (counts[k] ?? 0) + 1;
      }
    }
  }
  return counts;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === name);
}
