import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { sqlitePlan } from '../../../test/helpers/sqlite-plan.ts';

// The SQL TransactionQueryRepository.byScore compiles for the list sorted by score, highest first: the scored rows, then the unscored.
const SCORED = 'select * from "transactions" where "institution_id" = ? and "score" > 0 order by "score" desc, "id" desc limit ? offset ?';
const UNSCORED = 'select * from "transactions" where "institution_id" = ? and "score" = 0 order by "score" desc, "id" desc limit ? offset ?';

describe('migration 0036 (transactions by score)', () => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('reads the scored transactions in score order from the index and the unscored by id, sorting nothing', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateTo(d, '0035_reference_change_marks');
    expect(sqlitePlan(d, SCORED, 'i', 50, 0)).toContain('USE TEMP B-TREE FOR ORDER BY');
    await migrateToLatest(d);
    const scored = sqlitePlan(d, SCORED, 'i', 50, 0);
    expect(scored).toContain('USING INDEX transactions_scored (institution_id=? AND score>?)');
    expect(scored).not.toContain('TEMP B-TREE');
    const unscored = sqlitePlan(d, UNSCORED, 'i', 50, 0);
    expect(unscored).not.toContain('TEMP B-TREE');
    await migrateTo(d, '0035_reference_change_marks');
    expect(sqlitePlan(d, SCORED, 'i', 50, 0)).toContain('USE TEMP B-TREE FOR ORDER BY');
  });
});
