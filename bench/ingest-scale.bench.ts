/**
 * How the SQLite log's insert rate falls as the table grows (issue 2: the other benchmarks ingest
 * into a nearly empty database). Raw better-sqlite3 inserts of transfer rows in 1,000-row commits
 * (the HTTP batch size) into the app's own schema, rate per segment of the table's growth, with
 * three layouts of the log's account lookups: the two account indexes (debit, credit) the log had
 * until migration 0031, which take random keys (once an index has more leaf pages than a commit has
 * rows, every row dirties a page of it and the commit writes that page whole to the write-ahead
 * log); the runs of postings that replaced them (src/ingest/account-postings.ts, written by the
 * commits as ingest writes them); and no account lookup at all, the floor. (Transaction ids are
 * serials per source system, as banks' are, so the idempotency key's index is not one of them.)
 * Checkpoints run between segments' commits, outside the timed part (the server runs them on
 * another thread).
 *   npx tsx bench/ingest-scale.bench.ts [rows] [accounts]     (default 1,500,000 rows, 1,000,000 accounts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { TRANSACTION_COLUMNS } from '../src/ingest/transaction.mapper.ts';
import { POSTING_RUN_ROWS, PostingRunWriter } from '../src/ingest/account-postings.ts';
import { mergeStep } from '../src/ingest/postings-merge.js';

const COMMIT = 1_000;
const SEGMENT = 250_000;
const CHECKPOINT_EVERY = 50; // commits
const SYSTEMS = ['MB', 'IB', 'CT', 'TP'];

export interface ScaleSegment {
  /** Rows in the table after the segment. */
  rows: number;
  /** Insert + commit rate over the segment, on process CPU time (checkpoints excluded). */
  cpuRowsPerSec: number;
  /** Write-ahead log written per row in the segment (bytes). */
  walBytesPerRow: number;
  /**
   * Postings only: CPU per row of the segment spent merging runs (on the merge worker's thread in
   * the product, here after the segment's inserts, outside their rate), and the runs left after it.
   */
  mergeCpuUsPerRow?: number;
  runs?: number;
}

export interface ScaleResult {
  rows: number;
  segment: number;
  accounts: number;
  /** The debit and credit indexes (the layout before migration 0031). */
  withAccountIndexes: ScaleSegment[];
  /** Runs of postings written by the commits (the layout now). */
  withPostings: ScaleSegment[];
  /** Neither. */
  withoutAccountLookups: ScaleSegment[];
}

type Layout = 'indexes' | 'postings' | 'none';

/** Deterministic transfer rows between `accounts` account numbers, in log order. */
function* transferRows(n: number, accounts: number): Generator<unknown[]> {
  let x = 12_345;
  const rnd = () => (x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0);
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const acct = (i: number) => `6222${String(i).padStart(13, '0')}`;
  for (let seq = 1; seq <= n; seq++) {
    const a = rnd() % accounts, b = rnd() % accounts;
    const row: Record<(typeof TRANSACTION_COLUMNS)[number], unknown> = {
      // Ids as banks' systems give them: a serial per source system (four here, interleaved), so the
      // idempotency key's index grows at four points rather than at random places.
      institution_id: 'inst_bench', id: `${SYSTEMS[seq % SYSTEMS.length]}${String(seq).padStart(12, '0')}`, branch_id: 'br_1',
      // Ingest order roughly follows occurrence time, with up to 10 minutes of disorder.
      occurred_at: t0 + seq * 50 + (rnd() % 600_000),
      debit_account: acct(a), debit_party: null, debit_bank: null, credit_account: acct(b), credit_party: null, credit_bank: '102100099996',
      amount_minor: 1_000 + (rnd() % 10_000_000), currency: 'CNY', channel: 'mobile', type: 'transfer', device_id: `dev${a % 50_000}`,
      ip: null, location: null, purpose: null, cross_border: 0, source: 'api', seq, ingested_at: t0 + seq * 50, score: 0, decision: 'allow', hits: '[]',
    };
    yield TRANSACTION_COLUMNS.map((c) => row[c]);
  }
}

async function growth(dir: string, n: number, accounts: number, segment: number, layout: Layout): Promise<ScaleSegment[]> {
  const file = path.join(dir, `scale-${layout}.sqlite`);
  const d = openDatabase({ sqlitePath: file });
  await migrateToLatest(d);
  const db = d.sqlite!;
  db.pragma('wal_autocheckpoint = 0');
  if (layout === 'indexes') {
    db.exec(`create index transactions_debit on transactions (institution_id, debit_account, occurred_at);
      create index transactions_credit on transactions (institution_id, credit_account, occurred_at)`);
  }
  const postings = layout === 'postings' ? new PostingRunWriter(db) : null;
  const seqAt = TRANSACTION_COLUMNS.indexOf('seq');
  const stmt = db.prepare(`insert into transactions (${TRANSACTION_COLUMNS.join(',')}) values (${TRANSACTION_COLUMNS.map(() => '?').join(',')})`);
  const commit = db.transaction((rows: unknown[][]) => {
    for (const r of rows) stmt.run(r);
    postings?.afterAppend(rows[rows.length - 1][seqAt] as number);
  });
  const walFile = `${file}-wal`;
  const out: ScaleSegment[] = [];
  const rows = transferRows(n, accounts);
  let done = 0;
  while (done < n) {
    const size = Math.min(segment, n - done);
    let cpu = 0, wal = 0;
    for (let k = 0; k < size; k += COMMIT) {
      const batch: unknown[][] = [];
      for (let j = 0; j < Math.min(COMMIT, size - k); j++) batch.push(rows.next().value as unknown[]);
      const before = fs.statSync(walFile).size;
      const c0 = process.cpuUsage();
      commit(batch);
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1e6;
      wal += fs.statSync(walFile).size - before;
      // Truncating resets the log, so the next commit's growth is its own volume.
      if ((k / COMMIT) % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) db.pragma('wal_checkpoint(TRUNCATE)');
    }
    done += size;
    const seg: ScaleSegment = { rows: done, cpuRowsPerSec: Math.round(size / cpu), walBytesPerRow: Math.round(wal / size) };
    if (postings) {
      const m0 = process.cpuUsage();
      for (let steps = 1; mergeStep(db, { runRows: POSTING_RUN_ROWS }); steps++) if (steps % 500 === 0) db.pragma('wal_checkpoint(TRUNCATE)');
      const m = process.cpuUsage(m0);
      db.pragma('wal_checkpoint(TRUNCATE)');
      seg.mergeCpuUsPerRow = Number(((m.user + m.system) / size).toFixed(2));
      seg.runs = db.prepare('select count(*) from posting_runs').pluck().get() as number;
    }
    out.push(seg);
  }
  await d.close();
  return out;
}

export async function run(n = 1_500_000, accounts = 1_000_000, segment = SEGMENT): Promise<ScaleResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ingest-scale-'));
  try {
    const withAccountIndexes = await growth(dir, n, accounts, segment, 'indexes');
    const withPostings = await growth(dir, n, accounts, segment, 'postings');
    const withoutAccountLookups = await growth(dir, n, accounts, segment, 'none');
    return { rows: n, segment, accounts, withAccountIndexes, withPostings, withoutAccountLookups };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function print(r: ScaleResult): void {
  console.log(`ingest at scale: raw inserts in ${COMMIT.toLocaleString('en')}-row commits, ${r.accounts.toLocaleString('en')} accounts; rate per ${r.segment.toLocaleString('en')}-row segment (CPU), ratio to the first segment, log bytes per row`);
  const cell = (x: ScaleSegment, first: ScaleSegment) => `${x.cpuRowsPerSec.toLocaleString('en').padStart(7)} rows/s (${(x.cpuRowsPerSec / first.cpuRowsPerSec).toFixed(2)}, ${x.walBytesPerRow.toLocaleString('en')} B/row)`;
  for (let i = 0; i < r.withAccountIndexes.length; i++) {
    console.log(`  ${String(r.withAccountIndexes[i].rows.toLocaleString('en')).padStart(10)} rows: account indexes ${cell(r.withAccountIndexes[i], r.withAccountIndexes[0])}`
      + `   postings ${cell(r.withPostings[i], r.withPostings[0])} + merging ${r.withPostings[i].mergeCpuUsPerRow} µs/row (${r.withPostings[i].runs} runs)   neither ${cell(r.withoutAccountLookups[i], r.withoutAccountLookups[0])}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n, acc] = process.argv.slice(2).map(Number);
  run(n || undefined, acc || undefined).then(print).catch((e) => { console.error(e); process.exit(1); });
}
