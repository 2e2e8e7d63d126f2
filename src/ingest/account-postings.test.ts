import { afterEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { openDatabase, writeTransaction, type Database } from '../store/database.ts';
import { migrateTo, migrateToLatest } from '../store/migrate.ts';
import { TransactionRepository } from './transaction.repository.ts';
import type { StoredTransaction } from './transaction.mapper.ts';
import { TransactionQueryRepository, type TransactionFilter } from '../transactions/transaction-query.repository.ts';
import { RingsRepository } from '../rings/rings.repository.ts';
import { mergeStep } from './postings-merge.js';
import { startPostingsMerger } from './postings-merger.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqlitePlan } from '../../test/helpers/sqlite-plan.ts';

const INST = 'inst_p';
const OTHER = 'inst_q';
const T0 = Date.parse('2026-10-01T00:00:00Z');
const DAY = 86_400_000;
const ACCOUNTS = Array.from({ length: 12 }, (_, i) => `ACC${i}`);
const RUN_ROWS = 16;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function txn(i: number, rnd: () => number): StoredTransaction {
  const debit = rnd() < 0.1 ? null : ACCOUNTS[Math.floor(rnd() * ACCOUNTS.length)];
  let credit: string | null = rnd() < 0.1 && debit !== null ? null : ACCOUNTS[Math.floor(rnd() * ACCOUNTS.length)];
  if (credit === debit) credit = `X${i}`; // another bank's account
  return {
    institutionId: rnd() < 0.1 ? OTHER : INST, id: `T${i}`, branchId: null,
    // Occurrence times only roughly follow the log's order, as in a bank's feeds.
    // Six-hour slots: many rows share a time, so page bounds fall inside ties.
    occurredAt: T0 + Math.floor((i * 0.15 * DAY + (rnd() - 0.5) * 6 * DAY) / (DAY / 4)) * (DAY / 4),
    debitAccount: debit, debitParty: null, debitBank: null, creditAccount: credit, creditParty: null, creditBank: null,
    amountMinor: 100 + Math.floor(rnd() * 1_000_000), currency: 'CNY', channel: 'mobile', type: debit && credit ? 'transfer' : 'cash_deposit',
    deviceId: null, ip: null, location: null, purpose: null, crossBorder: false,
    source: 'test', seq: 0, ingestedAt: T0, score: 0, decision: 'allow', hits: [],
  };
}

/** Appends `rows` in commits of 1–9 rows, as ingest does (positions assigned in log order). */
async function append(d: Database, repo: TransactionRepository, rows: StoredTransaction[], rnd: () => number, firstSeq = 1): Promise<void> {
  let seq = firstSeq;
  for (let i = 0; i < rows.length;) {
    const group = rows.slice(i, i + 1 + Math.floor(rnd() * 9));
    for (const r of group) r.seq = seq++;
    await writeTransaction(d.db, (trx) => repo.insertBatch(trx, group));
    i += group.length;
  }
}

const touches = (t: StoredTransaction, accounts: string[]) =>
  (t.debitAccount !== null && accounts.includes(t.debitAccount)) || (t.creditAccount !== null && accounts.includes(t.creditAccount));

const byTimeDesc = (a: StoredTransaction, b: StoredTransaction) => b.occurredAt - a.occurredAt || (a.id < b.id ? 1 : -1);

/**
 * SQLite finds an account's rows through runs of postings written by the appending transactions
 * (account-postings.ts), not through account indexes: the lists must be exactly what a scan of
 * the log gives, for rows in runs and rows after the last run alike.
 */
describe('account postings (SQLite)', () => {
  let d: Database | null = null;
  afterEach(async () => { await d?.close(); d = null; });

  it('writes a run once the log passes the last one by the run size, each position in exactly one run', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(d);
    const rnd = random(7);
    const rows = Array.from({ length: 300 }, (_, i) => txn(i, rnd));
    await append(d, new TransactionRepository(d, RUN_ROWS), rows, rnd);
    const runs = d.sqlite!.prepare('select * from posting_runs order by run').all() as Array<{ run: number; after_seq: number; through_seq: number; min_occurred_at: number; max_occurred_at: number }>;
    expect(runs.length).toBeGreaterThan(10);
    let after = 0;
    for (const r of runs) {
      expect(r.after_seq).toBe(after);
      expect(r.through_seq - r.after_seq).toBeGreaterThanOrEqual(RUN_ROWS);
      expect(r.through_seq - r.after_seq).toBeLessThan(RUN_ROWS + 9); // the run is written by the commit that reaches the size
      const inRun = rows.filter((t) => t.seq > r.after_seq && t.seq <= r.through_seq);
      expect([r.min_occurred_at, r.max_occurred_at]).toEqual([Math.min(...inRun.map((t) => t.occurredAt)), Math.max(...inRun.map((t) => t.occurredAt))]);
      after = r.through_seq;
    }
    expect(300 - after).toBeLessThan(RUN_ROWS);
    const postings = d.sqlite!.prepare('select run, institution_id, account, occurred_at, seq from account_postings order by seq, account').all();
    const expected = rows.filter((t) => t.seq <= after).flatMap((t) => [t.debitAccount, t.creditAccount].filter((a) => a !== null).sort()
      .map((a) => ({ run: runs.find((r) => t.seq > r.after_seq && t.seq <= r.through_seq)!.run, institution_id: t.institutionId, account: a, occurred_at: t.occurredAt, seq: t.seq })));
    expect(postings).toEqual(expected);
  });

  it('a rolled-back commit takes its run with it, and the next commit writes it', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(d);
    const rnd = random(3);
    const repo = new TransactionRepository(d, RUN_ROWS);
    const rows = Array.from({ length: 20 }, (_, i) => txn(i, rnd));
    rows.forEach((r, i) => { r.seq = i + 1; });
    await writeTransaction(d.db, (trx) => repo.insertBatch(trx, rows.slice(0, 10)));
    await expect(writeTransaction(d.db, async (trx) => {
      await repo.insertBatch(trx, rows.slice(10));
      throw new Error('commit fails');
    })).rejects.toThrow('commit fails');
    expect(d.sqlite!.prepare('select count(*) from posting_runs').pluck().get()).toBe(0);
    await writeTransaction(d.db, (trx) => repo.insertBatch(trx, rows.slice(10)));
    expect(d.sqlite!.prepare('select after_seq, through_seq from posting_runs').all()).toEqual([{ after_seq: 0, through_seq: 20 }]);
  });

  it('account lists, customer-style account sets and ring transfers match a scan of the log, in runs and after them', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(d);
    const rnd = random(11);
    const rows = Array.from({ length: 400 }, (_, i) => txn(i, rnd));
    await append(d, new TransactionRepository(d, RUN_ROWS), rows, rnd);
    expect(d.sqlite!.prepare('select count(*) from posting_runs').pluck().get()).toBeGreaterThan(15);
    const reached = d.sqlite!.prepare('select max(through_seq) from posting_runs').pluck().get() as number;
    // Pages of the newest read from a time bound from the first match on (not only past 500 matches).
    const repo = new TransactionQueryRepository(d.db, undefined, 0);
    const scope = { institutionId: INST, branchIds: null };
    const mine = rows.filter((t) => t.institutionId === INST);
    const list = async (f: Partial<TransactionFilter>) =>
      (await repo.list(scope, { sort: 'occurredAt', order: 'desc', page: 1, pageSize: 1_000, ...f })).items.map((t) => t.id);
    const from = T0 + 20 * DAY, to = T0 + 40 * DAY;
    expect(ACCOUNTS.filter((a) => mine.some((t) => t.seq > reached && touches(t, [a]))).length).toBeGreaterThan(6); // rows after the last run
    for (const a of ACCOUNTS) {
      const all = mine.filter((t) => touches(t, [a])).sort(byTimeDesc);
      expect(await list({ account: a })).toEqual(all.map((t) => t.id));
      expect(await repo.list(scope, { account: a, sort: 'occurredAt', order: 'desc', page: 1, pageSize: 5 }).then((r) => [r.total, r.totalExact])).toEqual([all.length, true]);
      for (const p of [2, 3]) expect(await list({ account: a, page: p, pageSize: 4 })).toEqual(all.slice(4 * (p - 1), 4 * p).map((t) => t.id));
      expect(await list({ account: a, order: 'asc', page: 2, pageSize: 4 })).toEqual(all.slice().reverse().slice(4, 8).map((t) => t.id));
      expect(await list({ account: a, from, to })).toEqual(all.filter((t) => t.occurredAt >= from && t.occurredAt < to).map((t) => t.id));
      const byAmount = all.slice().sort((x, y) => x.amountMinor - y.amountMinor || (x.id < y.id ? -1 : 1));
      expect(await list({ account: a, sort: 'amount', order: 'asc', page: 2, pageSize: 5 })).toEqual(byAmount.slice(5, 10).map((t) => t.id));
      expect((await repo.recentForAccount(scope, a, 7)).map((t) => t.id)).toEqual(all.slice(0, 7).map((t) => t.id));
    }
    const set = ['ACC1', 'ACC4', 'ACC9'];
    const transfers = await new RingsRepository().transfersTouching(d.db, INST, set, from, to, 10_000);
    const expected = mine.filter((t) => t.debitAccount !== null && t.creditAccount !== null && touches(t, set) && t.occurredAt >= from && t.occurredAt < to);
    expect(transfers.map((e) => e.txnId).sort()).toEqual(expected.map((t) => t.id).sort());
  });

  it('bounds a busy account\'s newest page by asking the runs newest span first, whatever their order in the log', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(d);
    const rnd = random(9);
    // One account in every row; times out of log order by up to ±3 days, so runs' spans overlap.
    const rows = Array.from({ length: 600 }, (_, i) => {
      const t = txn(i, rnd);
      t.institutionId = INST;
      if (t.debitAccount === null || rnd() < 0.5) { t.debitAccount = 'BUSY'; if (t.creditAccount === 'BUSY') t.creditAccount = `X${i}`; }
      else { t.creditAccount = 'BUSY'; if (t.debitAccount === 'BUSY') t.debitAccount = `Y${i}`; }
      return t;
    });
    await append(d, new TransactionRepository(d, RUN_ROWS), rows, rnd);
    const repo = new TransactionQueryRepository(d.db, undefined, 0);
    const scope = { institutionId: INST, branchIds: null };
    const all = rows.slice().sort(byTimeDesc);
    for (const k of [1, 5, 16, 17, 40, 100]) expect((await repo.recentForAccount(scope, 'BUSY', k)).map((t) => t.id)).toEqual(all.slice(0, k).map((t) => t.id));
    const from = T0 + 30 * DAY, to = T0 + 60 * DAY;
    const inWindow = all.filter((t) => t.occurredAt >= from && t.occurredAt < to);
    for (const p of [1, 2, 5]) {
      expect((await repo.list(scope, { account: 'BUSY', from, to, sort: 'occurredAt', order: 'desc', page: p, pageSize: 9 })).items.map((t) => t.id))
        .toEqual(inWindow.slice(9 * (p - 1), 9 * p).map((t) => t.id));
    }
  });

  it('reads an account\'s rows by the postings\' key and the log after the last run by position', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(d);
    const q = new TransactionQueryRepository(d.db);
    // The list's query as the repository runs it (statements recorded with their parameters).
    const seen: Array<{ source: string; args: unknown[] }> = [];
    const original = d.sqlite!.prepare.bind(d.sqlite!);
    d.sqlite!.prepare = ((source: string) => {
      const st = original(source);
      const all = st.all.bind(st);
      st.all = ((...args: unknown[]) => { seen.push({ source, args }); return all(...args); }) as typeof st.all;
      return st;
    }) as BetterSqlite3.Database['prepare'];
    await q.list({ institutionId: INST, branchIds: null }, { account: 'ACC1', from: T0, to: T0 + DAY, decision: 'review', sort: 'occurredAt', order: 'desc', page: 1, pageSize: 20 });
    d.sqlite!.prepare = original;
    const page = seen.find((s) => /order by "occurred_at" desc/.test(s.source))!;
    const plan = sqlitePlan(d, page.source, ...page.args);
    expect(plan).toContain('SEARCH transactions USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan).toContain('SEARCH account_postings USING PRIMARY KEY (run=? AND institution_id=? AND account=?');
    expect(plan).toContain('SEARCH after_runs USING INTEGER PRIMARY KEY (rowid>?)');
    expect(plan).not.toContain('transactions_time');
  });

  it('migration 0031 writes the existing log into runs, and its way back restores the account indexes', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateTo(d, '0030_ring_finding_context');
    const rnd = random(5);
    const rows = Array.from({ length: 5_000 }, (_, i) => txn(i, rnd));
    rows.forEach((r, i) => { r.seq = i + 1; });
    const insert = d.sqlite!.prepare(`insert into transactions (institution_id, id, occurred_at, debit_account, credit_account, amount_minor, currency, channel, type, cross_border, source, seq, ingested_at, score, decision, hits)
      values (?, ?, ?, ?, ?, ?, 'CNY', 'mobile', 'transfer', 0, 'test', ?, 0, 0, 'allow', '[]')`);
    for (const t of rows) insert.run(t.institutionId, t.id, t.occurredAt, t.debitAccount, t.creditAccount, t.amountMinor, t.seq);
    await migrateToLatest(d);
    expect(d.sqlite!.prepare('select after_seq, through_seq from posting_runs order by run').all())
      .toEqual([{ after_seq: 0, through_seq: 4096 }, { after_seq: 4096, through_seq: 5000 }]);
    const scope = { institutionId: INST, branchIds: null };
    const all = rows.filter((t) => t.institutionId === INST && touches(t, ['ACC3'])).sort(byTimeDesc);
    expect((await new TransactionQueryRepository(d.db).recentForAccount(scope, 'ACC3', 50)).map((t) => t.id)).toEqual(all.slice(0, 50).map((t) => t.id));
    const indexes = () => (d!.sqlite!.prepare("select name from sqlite_schema where type = 'index' and tbl_name = 'transactions' and name like 'transactions_%' order by name").pluck().all());
    expect(indexes()).toEqual(['transactions_flagged', 'transactions_scored', 'transactions_time']); // (0034, 0036: partial indexes)
    await migrateTo(d, '0030_ring_finding_context');
    expect(indexes()).toEqual(['transactions_credit', 'transactions_debit', 'transactions_time']);
  });
});

type Run = { run: number; after_seq: number; through_seq: number };
const runsOf = (d: Database) => d.sqlite!.prepare('select run, after_seq, through_seq from posting_runs order by after_seq').all() as Run[];

/**
 * Every position up to the runs' reach in exactly one listed run (what lookups read); with `settled`,
 * nothing else in the postings table either (no merge target or merged-away run left).
 */
function expectConsistent(d: Database, rows: StoredTransaction[], settled = false): void {
  const runs = runsOf(d);
  let after = 0;
  for (const r of runs) { expect(r.after_seq).toBe(after); after = r.through_seq; }
  const listed = settled ? '' : 'where run in (select run from posting_runs)';
  const postings = d.sqlite!.prepare(`select run, account, seq from account_postings ${listed} order by seq, account`).all() as Array<{ run: number; account: string; seq: number }>;
  const runOf = (seq: number) => runs.find((r) => seq > r.after_seq && seq <= r.through_seq)!.run;
  expect(postings).toEqual(rows.filter((t) => t.seq <= after).flatMap((t) => [t.debitAccount, t.creditAccount].filter((a) => a !== null).sort()
    .map((a) => ({ run: runOf(t.seq), account: a, seq: t.seq }))));
}

async function expectLookups(d: Database, rows: StoredTransaction[]): Promise<void> {
  const repo = new TransactionQueryRepository(d.db, undefined, 0);
  const scope = { institutionId: INST, branchIds: null };
  const mine = rows.filter((t) => t.institutionId === INST);
  for (const a of ACCOUNTS) {
    const all = mine.filter((t) => touches(t, [a])).sort(byTimeDesc);
    expect((await repo.list(scope, { account: a, sort: 'occurredAt', order: 'desc', page: 2, pageSize: 6 })).items.map((t) => t.id)).toEqual(all.slice(6, 12).map((t) => t.id));
    expect((await repo.recentForAccount(scope, a, 9)).map((t) => t.id)).toEqual(all.slice(0, 9).map((t) => t.id));
  }
}

/**
 * Runs are merged in tiers (postings-merge.js), in small steps that ingest's commits can come
 * between; lookups see either the sources or the merged run, never both or neither.
 */
describe('merging runs of account postings (SQLite)', () => {
  let d: Database | null = null;
  let dir = '';
  afterEach(async () => { await d?.close(); d = null; if (dir) fs.rmSync(dir, { recursive: true, force: true }); dir = ''; });

  it('merges runs of one level into the next, step by step between commits, and leaves no posting twice', async () => {
    d = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(d);
    const rnd = random(21);
    const repo = new TransactionRepository(d, RUN_ROWS);
    const rows = Array.from({ length: 2_400 }, (_, i) => txn(i, rnd));
    let seq = 1, steps = 0;
    for (let i = 0; i < rows.length;) {
      const group = rows.slice(i, i + 1 + Math.floor(rnd() * 9));
      for (const r of group) r.seq = seq++;
      await writeTransaction(d.db, (trx) => repo.insertBatch(trx, group));
      i += group.length;
      // A few small steps after each commit: merges stay in progress across many commits.
      for (let k = 0; k < 2; k++) if (mergeStep(d.sqlite!, { runRows: RUN_ROWS, fanIn: 4, stepPostings: 12 })) steps++;
      if (i % 400 < 9) {
        expectConsistent(d, rows.slice(0, i));
        await expectLookups(d, rows.slice(0, i));
      }
    }
    expect(steps).toBeGreaterThan(200);
    while (mergeStep(d.sqlite!, { runRows: RUN_ROWS, fanIn: 4, stepPostings: 12 })) steps++;
    expect(d.sqlite!.prepare('select count(*) from posting_merges').pluck().get()).toBe(0);
    expect(d.sqlite!.prepare('select count(*) from posting_garbage').pluck().get()).toBe(0);
    // Fewer than fanIn runs per level: 2,400 positions in runs of 16 would be 150 runs.
    const runs = runsOf(d);
    expect(runs.length).toBeLessThan(12);
    expect(Math.max(...runs.map((r) => r.through_seq - r.after_seq))).toBeGreaterThanOrEqual(16 * 4 * 4 * 4);
    expectConsistent(d, rows, true);
    await expectLookups(d, rows);
  });

  it('merges on a worker thread while another connection ingests', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-postings-'));
    const file = path.join(dir, 'db.sqlite');
    d = openDatabase({ sqlitePath: file });
    await migrateToLatest(d);
    const merger = startPostingsMerger(file, { runRows: RUN_ROWS, fanIn: 4, gapMs: 1, idleMs: 20 });
    try {
      const rnd = random(33);
      const rows = Array.from({ length: 1_500 }, (_, i) => txn(i, rnd));
      await append(d, new TransactionRepository(d, RUN_ROWS), rows, rnd);
      for (let i = 0; i < 200 && (runsOf(d).length > 8 || d.sqlite!.prepare('select (select count(*) from posting_merges) + (select count(*) from posting_garbage)').pluck().get() !== 0); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(runsOf(d).length).toBeLessThanOrEqual(8);
      expectConsistent(d, rows, true);
      await expectLookups(d, rows);
    } finally {
      await merger.stop();
    }
  });
});
