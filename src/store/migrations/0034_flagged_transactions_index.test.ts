import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { sqlitePlan } from '../../../test/helpers/sqlite-plan.ts';

const plan = sqlitePlan;

// The SQL TransactionQueryRepository.list compiles for a decision filter: the count, then the page.
const COUNT = 'select count(*) as "n" from (select 1 as "one" from "transactions" where "institution_id" = ? and "decision" = ? and "decision" <> \'allow\' limit ?) as "matches"';
const PAGE = 'select * from "transactions" where "institution_id" = ? and "decision" = ? and "decision" <> \'allow\' order by "score" desc, "id" desc limit ? offset ?';

describe('migration 0034 (transactions held or stopped)', () => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('makes the decision filter read only the flagged transactions instead of the whole log', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateTo(d, '0033_customer_phone_index');
    expect(plan(d, COUNT, 'i', 'block', 10_001)).not.toContain('transactions_flagged');
    await migrateToLatest(d);
    expect(plan(d, COUNT, 'i', 'block', 10_001)).toContain('USING INDEX transactions_flagged (institution_id=?)');
    expect(plan(d, PAGE, 'i', 'review', 50, 0)).toContain('USING INDEX transactions_flagged (institution_id=?)');
    await migrateTo(d, '0033_customer_phone_index');
    expect(plan(d, COUNT, 'i', 'block', 10_001)).not.toContain('transactions_flagged');
  });
});
