import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { sqlitePlan } from '../../../test/helpers/sqlite-plan.ts';

const plan = sqlitePlan;

// The SQL ReferenceRepository.customerIdsByIdentity compiles for a phone search.
const BY_PHONE = 'select "id" from "customers" where "institution_id" = ? and "phone_hash" = ? order by "id" limit ?';

describe('migration 0033 (customers by phone)', () => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('makes a phone search use an index on the phone hash instead of reading every customer', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateTo(d, '0032_engine_snapshot_parts');
    expect(plan(d, BY_PHONE, 'i', 'h', 50)).not.toContain('phone_hash');
    await migrateToLatest(d);
    expect(plan(d, BY_PHONE, 'i', 'h', 50)).toContain('USING INDEX customers_phone_hash (institution_id=? AND phone_hash=?)');
    await migrateTo(d, '0032_engine_snapshot_parts');
    expect(plan(d, BY_PHONE, 'i', 'h', 50)).not.toContain('phone_hash');
  });
});
