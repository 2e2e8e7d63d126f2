import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import type { Database } from '../store/database.ts';
import { createFieldCipher } from './cipher.ts';
import { addKeyVersion, keyringFromEnv } from './keyring.ts';
import { countByKeyVersion, reencryptAll } from './rotation.repository.ts';

describe.each(DIALECTS)('key rotation on %s', (dialect) => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('re-encrypts every personal-data field under the new key; values and blind indexes stay the same', async (ctx) => {
    d = await openTestDatabase(dialect);
    if (!d) return ctx.skip();
    const ring1 = keyringFromEnv(randomBytes(32).toString('base64'));
    const c1 = createFieldCipher(ring1, 'sm4');
    await d.db.insertInto('institutions').values({ id: 'inst_a', code: 'A', name: 'A', bank_code: '1', created_at: 0 }).execute();
    await d.db.insertInto('branches').values({ id: 'br_1', institution_id: 'inst_a', parent_id: null, code: '1', name: '1', level: 0, path: '/br_1/', created_at: 0 }).execute();
    const people = Array.from({ length: 1203 }, (_, i) => ({ id: `cus_${String(i).padStart(5, '0')}`, name: `客户${i}`, idNumber: `1101011990030${String(i).padStart(5, '0')}` }));
    for (let i = 0; i < people.length; i += 200) {
      await d.db.insertInto('customers').values(people.slice(i, i + 200).map((p) => ({
        id: p.id, institution_id: 'inst_a', branch_id: 'br_1', kind: 'person', name: c1.encrypt(p.name), id_number: c1.encrypt(p.idNumber), phone: null, address: null,
        id_number_hash: c1.blindIndex('id_number', p.idNumber), phone_hash: null, birth_date: null, occupation: null, risk_level: 'low',
        kyc_date: null, kyc_review_date: null, created_at: 0, updated_at: 0,
      }))).execute();
    }
    const ring2 = addKeyVersion(ring1);
    const c2 = createFieldCipher(ring2, 'sm4');
    const results = await reencryptAll(d.db, c2);
    expect(results.find((r) => r.table === 'customers' && r.column === 'name')).toMatchObject({ scanned: 1203, reencrypted: 1203 });
    expect(await countByKeyVersion(d.db)).toEqual({ 'sm4:v2': 2406 });
    const row = await d.db.selectFrom('customers').selectAll().where('id_number_hash', '=', c2.blindIndex('id_number', people[777].idNumber)).executeTakeFirstOrThrow();
    expect(c2.decrypt(row.name)).toBe('客户777');
    // A second run finds nothing left to do.
    expect((await reencryptAll(d.db, c2)).reduce((n, r) => n + r.reencrypted, 0)).toBe(0);
  });
});
