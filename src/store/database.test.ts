import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import { writeTransaction, type Database } from './database.ts';

const valueOf = async (d: Database, name: string) =>
  (await d.db.selectFrom('sequences').select('value').where('name', '=', name).executeTakeFirst())?.value;

describe.each(DIALECTS)('writeTransaction on %s', (dialect) => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('commits what the callback wrote and returns its result, transaction after transaction', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const db = d;
    for (let i = 1; i <= 3; i++) {
      const r = await writeTransaction(db.db, async (trx) => {
        expect(trx.isTransaction).toBe(true);
        await trx.insertInto('sequences').values({ name: `w${i}`, value: i }).execute();
        return i * 10;
      });
      expect(r).toBe(i * 10);
    }
    expect([await valueOf(db, 'w1'), await valueOf(db, 'w2'), await valueOf(db, 'w3')].map(Number)).toEqual([1, 2, 3]);
  });

  it('rolls back everything when the callback fails, and the next transaction works', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    await expect(writeTransaction(d.db, async (trx) => {
      await trx.insertInto('sequences').values({ name: 'gone', value: 1 }).execute();
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await valueOf(d, 'gone')).toBeUndefined();
    await writeTransaction(d.db, (trx) => trx.insertInto('sequences').values({ name: 'kept', value: 2 }).execute());
    expect(Number(await valueOf(d, 'kept'))).toBe(2);
  });

  it('refuses queries on the transaction object once the transaction has ended', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    let leaked: Parameters<Parameters<typeof writeTransaction>[1]>[0] | null = null;
    await writeTransaction(d.db, async (trx) => { leaked = trx; });
    await expect(leaked!.selectFrom('sequences').selectAll().execute()).rejects.toThrow();
  });
});

describe('writeTransaction on SQLite', () => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('holds the connection: a query sent meanwhile runs after the commit, not inside the transaction', async () => {
    d = (await openTestDatabase('sqlite'))!;
    const db = d;
    const order: string[] = [];
    let outside: Promise<unknown> | null = null;
    const failed = writeTransaction(db.db, async (trx) => {
      await trx.insertInto('sequences').values({ name: 'inside', value: 1 }).execute();
      // Issued on the database (not the transaction) while the transaction is open: it must wait.
      outside = db.db.insertInto('sequences').values({ name: 'outside', value: 2 }).execute().then(() => order.push('outside'));
      await new Promise((r) => setTimeout(r, 20));
      order.push('transaction');
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    await outside;
    expect(order).toEqual(['transaction', 'outside']);
    // The rollback took only the transaction's own row; the waiting statement ran on its own.
    expect(await valueOf(db, 'inside')).toBeUndefined();
    expect(Number(await valueOf(db, 'outside'))).toBe(2);
  });

  it('waits for a Kysely transaction that holds the connection, and is waited for by one', async () => {
    d = (await openTestDatabase('sqlite'))!;
    const db = d;
    const order: string[] = [];
    const k = db.db.transaction().execute(async (trx) => {
      await new Promise((r) => setTimeout(r, 20));
      await trx.insertInto('sequences').values({ name: 'k', value: 1 }).execute();
      order.push('kysely');
    });
    const w = writeTransaction(db.db, async (trx) => {
      await trx.insertInto('sequences').values({ name: 'w', value: 1 }).execute();
      order.push('write');
    });
    const k2 = db.db.transaction().execute(async () => { order.push('kysely 2'); });
    await Promise.all([k, w, k2]);
    expect(order).toEqual(['kysely', 'write', 'kysely 2']);
  });

  it('inside an open transaction runs as Kysely does there (refused: no nesting)', async () => {
    d = (await openTestDatabase('sqlite'))!;
    const db = d;
    await expect(db.db.transaction().execute((trx) => writeTransaction(trx, async () => 1))).rejects.toThrow();
  });
});
