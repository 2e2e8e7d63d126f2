import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { sqlitePlan } from '../../../test/helpers/sqlite-plan.ts';

const plan = sqlitePlan;

// The log's reads whose plans the statistics decide (the same SQL the repositories compile).
const LOG_AFTER = 'select * from "transactions" where "seq" > ? and "institution_id" = ? order by "seq" limit 10000';
const CUSTOMER_ACCOUNTS = 'select * from "transactions" where "institution_id" = ? and "debit_account" in (?, ?) order by "occurred_at" desc, "id" desc limit 50';

/**
 * Without statistics SQLite read the log after a position (engine replay and catch-up, dashboard
 * rollups) through the time index, sorting every later row for each page, and a customer's
 * accounts the same way; the migration's statistics make both use their keys.
 */
describe('migration 0023 (planner statistics for the transaction log)', () => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('makes reads after a log position use the position and account filters use the account index', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateTo(d, '0022_dashboard_rollups');
    expect(plan(d, LOG_AFTER, 0, 'i')).toContain('transactions_time'); // what the planner chose without statistics
    expect(plan(d, CUSTOMER_ACCOUNTS, 'i', 'a', 'b')).toContain('transactions_time');
    // (Migration 0031 replaces the account indexes with postings: account-postings.test.ts.)
    await migrateTo(d, '0030_ring_finding_context');
    expect(plan(d, CUSTOMER_ACCOUNTS, 'i', 'a', 'b')).toContain('transactions_debit');
    await migrateToLatest(d);
    expect(plan(d, LOG_AFTER, 0, 'i')).toMatch(/INTEGER PRIMARY KEY \(rowid>\?\)/);
    await migrateTo(d, '0022_dashboard_rollups');
    expect(plan(d, LOG_AFTER, 0, 'i')).toContain('transactions_time');
  });
});
