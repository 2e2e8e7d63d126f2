import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { param, Precompiled } from './precompiled.ts';

const advance = new Precompiled<{ name: string; count: number }, { value: number | bigint | string }>((db) => db
  .updateTable('sequences')
  .set((eb) => ({ value: eb('value', '+', param<number>('count')) }))
  .where('name', '=', param<string>('name'))
  .returning('value'));

/**
 * Reserves `count` values of a named sequence and returns the first. The UPDATE takes a row lock,
 * so concurrent writers on PostgreSQL serialise here (SQLite has one writer anyway); callers use it
 * for the transaction log order and the audit chain, where order must be total.
 */
export async function reserveSequence(db: Kysely<DB>, name: string, count = 1): Promise<number> {
  const [row] = await advance.execute(db, { name, count });
  if (row) return Number(row.value) - count + 1;
  await db.insertInto('sequences').values({ name, value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return reserveSequence(db, name, count);
}
