/**
 * Merging runs of account postings (SQLite; the layout is described in account-postings.ts).
 *
 * Ingest writes a run per ~1,024 log positions, and a lookup seeks every run, so without merging
 * a log of 10 million rows had 2,000 runs and an account's page took 23-33 ms. Runs are merged in
 * tiers: once `fanIn` consecutive runs (in log order) are of one size class (level = how many
 * times `fanIn` the base run size they hold), they are rewritten as one run of the next level, so
 * a log holds fewer than `fanIn` runs per level and each posting is rewritten once per level.
 *
 * A merge runs in small steps, each its own short write transaction, so that ingest's commits
 * never wait long for the lock: the merged run is written in key order, a key range per step,
 * under a new run number that no lookup reads (lookups read the runs listed in `posting_runs`);
 * the last step lists it in place of its sources in one transaction, and the sources' postings
 * are then deleted a range per step (`posting_garbage`). Progress is stored with each step, so a
 * merge interrupted by a crash or a stop continues where it was.
 *
 * Plain JavaScript: it runs on a worker thread (postings-merge.worker.js), which has no
 * TypeScript loader; postings-merge.d.ts gives its types.
 */

const KEY = 'institution_id, account, occurred_at, seq';

/** Prepared statements per connection, by SQL text (a step prepares ~6; preparing costs more than running some). */
const prepared = new WeakMap();
function stmt(db, text) {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let s = m.get(text);
  if (!s) m.set(text, (s = db.prepare(text)));
  return s;
}

/** A run's level: how many times `fanIn` the base run size its positions span. */
function levelOf(rows, runRows, fanIn) {
  let level = 0;
  for (let size = runRows * fanIn; rows >= size; size *= fanIn) level++;
  return level;
}

/** The first `fanIn` consecutive runs (in log order) of one level, or null. */
function pickMerge(runs, runRows, fanIn) {
  for (let i = 0; i + fanIn <= runs.length; i++) {
    const level = levelOf(runs[i].through_seq - runs[i].after_seq, runRows, fanIn);
    let k = 1;
    while (k < fanIn && levelOf(runs[i + k].through_seq - runs[i + k].after_seq, runRows, fanIn) === level) k++;
    if (k === fanIn) return runs.slice(i, i + fanIn);
  }
  return null;
}

/**
 * One step of merge work in its own write transaction. Returns true when it did something (more
 * may be left), false when there is nothing to merge or delete.
 * @param {import('better-sqlite3').Database} db
 * @param {{ runRows: number; fanIn?: number; stepPostings?: number }} o
 */
export function mergeStep(db, o) {
  const fanIn = o.fanIn ?? 8;
  const step = o.stepPostings ?? 1024;
  const run = db.transaction(() => {
    // 1. Postings of merged-away runs, a key range at a time.
    const garbage = stmt(db, 'select run from posting_garbage order by run limit 1').pluck().get();
    if (garbage !== undefined) {
      const bound = stmt(db, `select ${KEY} from account_postings where run = ? order by ${KEY} limit 1 offset ?`).get(garbage, step);
      if (bound) {
        stmt(db, `delete from account_postings where run = ? and (${KEY}) < (?, ?, ?, ?)`)
          .run(garbage, bound.institution_id, bound.account, bound.occurred_at, bound.seq);
      } else {
        stmt(db, 'delete from account_postings where run = ?').run(garbage);
        stmt(db, 'delete from posting_garbage where run = ?').run(garbage);
      }
      return true;
    }
    // 2. A merge in progress: the next key range of its sources, in key order, into its run.
    const m = stmt(db, 'select * from posting_merges limit 1').get();
    if (m) {
      const sources = JSON.parse(m.sources);
      const marks = sources.map(() => '?').join(', ');
      const from = m.next_account === null ? null : [m.next_institution, m.next_account, m.next_occurred_at, m.next_seq];
      const after = from ? `and (${KEY}) >= (?, ?, ?, ?)` : '';
      // The end of this step: `step / sources` keys into the first source from the start (each
      // source holds about as many postings: runs of one level).
      const end = stmt(db, `select ${KEY} from account_postings where run = ? ${after} order by ${KEY} limit 1 offset ?`)
        .get(sources[0], ...(from ?? []), Math.max(1, Math.floor(step / sources.length)));
      const until = end ? `and (${KEY}) < (?, ?, ?, ?)` : '';
      const endKey = end ? [end.institution_id, end.account, end.occurred_at, end.seq] : [];
      stmt(db, `insert into account_postings (run, ${KEY}) select ?, ${KEY} from account_postings
        where run in (${marks}) ${after} ${until} order by ${KEY}`).run(m.target, ...sources, ...(from ?? []), ...endKey);
      if (end) {
        stmt(db, 'update posting_merges set next_institution = ?, next_account = ?, next_occurred_at = ?, next_seq = ? where target = ?')
          .run(...endKey, m.target);
        return true;
      }
      // Done: the merged run replaces its sources for every lookup from this commit on.
      const span = stmt(db, `select min(after_seq) as a, max(through_seq) as t, min(min_occurred_at) as lo, max(max_occurred_at) as hi
        from posting_runs where run in (${marks})`).get(...sources);
      stmt(db, `delete from posting_runs where run in (${marks})`).run(...sources);
      stmt(db, 'insert into posting_runs (run, after_seq, through_seq, min_occurred_at, max_occurred_at) values (?, ?, ?, ?, ?)')
        .run(m.target, span.a, span.t, span.lo, span.hi);
      const collect = stmt(db, 'insert into posting_garbage (run) values (?)');
      for (const s of sources) collect.run(s);
      stmt(db, 'delete from posting_merges where target = ?').run(m.target);
      return true;
    }
    // 3. Start the next merge, if runs of one level have piled up.
    const runs = stmt(db, 'select run, after_seq, through_seq from posting_runs order by after_seq').all();
    const pick = pickMerge(runs, o.runRows, fanIn);
    if (!pick) return false;
    const target = Number(stmt(db, "update sequences set value = value + 1 where name = 'posting_run' returning value").pluck().get());
    stmt(db, 'insert into posting_merges (target, sources) values (?, ?)').run(target, JSON.stringify(pick.map((r) => r.run)));
    return true;
  });
  return run.immediate();
}
