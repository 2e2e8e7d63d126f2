import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import { param, Precompiled } from './precompiled.ts';
import type { Database } from './database.ts';

const upsertSeq = new Precompiled<{ name: string; value: number }, never>((db) =>
  db.insertInto('sequences').values({ name: param('name'), value: param('value') })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('sequences.value', '+', eb.ref('excluded.value')) }))));
const readSeq = new Precompiled<{ name: string }, { value: number }>((db) =>
  db.selectFrom('sequences').select('value').where('name', '=', param('name')).where('value', '>', 0));

describe.each(DIALECTS)('precompiled queries on %s', (dialect) => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('run the builder\'s SQL with new values each time, keeping constants of the builder', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    await upsertSeq.execute(d.db, { name: 'a', value: 5 });
    await upsertSeq.execute(d.db, { name: 'a', value: 7 });
    await upsertSeq.execute(d.db, { name: 'b', value: 0 });
    expect((await readSeq.execute(d.db, { name: 'a' })).map((r) => Number(r.value))).toEqual([12]);
    // The constant `value > 0` of the builder still applies.
    expect(await readSeq.execute(d.db, { name: 'b' })).toEqual([]);
    // Inside a transaction too.
    await d.db.transaction().execute(async (trx) => { await upsertSeq.execute(trx, { name: 'a', value: 1 }); });
    expect(Number((await readSeq.execute(d.db, { name: 'a' }))[0].value)).toBe(13);
    await expect(readSeq.execute(d.db, {} as { name: string })).rejects.toThrow('missing query parameter name');
  });

  it('takes an argument array for placeholders named by index, in any order in the SQL', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const twoRows = new Precompiled<never, never>((db) => db.insertInto('sequences').values([{ name: param('2'), value: param('0') }, { name: param('1'), value: param('3') }]));
    await twoRows.execute(d.db, [10, 'y', 'x', 20]);
    const rows = await d.db.selectFrom('sequences').select(['name', 'value']).where('name', 'in', ['x', 'y']).orderBy('name').execute();
    expect(rows.map((r) => [r.name, Number(r.value)])).toEqual([['x', 10], ['y', 20]]);
    await expect(twoRows.execute(d.db, [1, 'z', 'w'])).rejects.toThrow('missing query parameter 3');
  });

  it('passes an argument array in placeholder order as it is, and checks its length', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const inOrder = new Precompiled<never, never>((db) => db.insertInto('sequences').values([{ name: param('0'), value: param('1') }, { name: param('2'), value: param('3') }]));
    await d.db.transaction().execute(async (trx) => { await inOrder.execute(trx, ['p', 1, 'q', 2]); });
    await inOrder.execute(d.db, ['r', 3, 's', 4]);
    const rows = await d.db.selectFrom('sequences').select(['name', 'value']).where('name', 'in', ['p', 'q', 'r', 's']).orderBy('name').execute();
    expect(rows.map((r) => [r.name, Number(r.value)])).toEqual([['p', 1], ['q', 2], ['r', 3], ['s', 4]]);
    await expect(inOrder.execute(d.db, ['t', 5, 'u'])).rejects.toThrow('missing query parameter 3');
    // The caller's array is left as it was (not frozen by the query it was passed to).
    const args = ['v', 6, 'w', 7];
    await inOrder.execute(d.db, args);
    expect(Object.isFrozen(args)).toBe(false);
  });
});

describe('precompiled queries on several SQLite databases', () => {
  it('run each database\'s own statement inside its transactions', async () => {
    const a = (await openTestDatabase('sqlite'))!;
    const b = (await openTestDatabase('sqlite'))!;
    try {
      for (const [d, value] of [[a, 1], [b, 2], [a, 3]] as const) {
        await d.db.transaction().execute(async (trx) => { await upsertSeq.execute(trx, { name: 'n', value }); });
      }
      expect(Number((await readSeq.execute(a.db, { name: 'n' }))[0].value)).toBe(4);
      expect(Number((await readSeq.execute(b.db, { name: 'n' }))[0].value)).toBe(2);
      // A closed database's statement is not reused for a new one.
      await b.close();
      const c = (await openTestDatabase('sqlite'))!;
      await c.db.transaction().execute(async (trx) => { await upsertSeq.execute(trx, { name: 'n', value: 5 }); });
      expect(Number((await readSeq.execute(c.db, { name: 'n' }))[0].value)).toBe(5);
      await c.close();
    } finally {
      await a.close();
    }
  });
});
