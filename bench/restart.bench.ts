/**
 * Restart benchmark (issue #3, "after a restart, windows are rebuilt (snapshot + replay)"): the
 * engine bench's traffic (1,000,000 transactions over 100,000 accounts, all built-in scenarios)
 * observed once, then its snapshot saved to and loaded from a SQLite file through the product's
 * repository (src/scenarios/engine-snapshot.repository.ts), and the engine restored from it.
 * Baseline in the same run: replaying the same transactions into a fresh engine from memory (what
 * a start without a snapshot pays at least; reading the log from the database comes on top).
 * Prints each step's time, the restore as a ratio of the replay, the snapshot's size and the peak
 * memory, and checks that the restored engine scores the next transactions as the original does.
 * Then a scheduled refresh of the snapshot runs in the restarted process, and the longest wait of
 * its event loop meanwhile is printed (what live requests would feel).
 *   npx tsx bench/restart.bench.ts [transactions] [accounts]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../src/domain/transaction.ts';
import { builtInScenarios, createEngine, mapProfileLookup, type AccountProfile } from '../src/engine/index.ts';
import { generateTraffic } from '../src/engine/testing/synthetic.ts';
import { EngineSnapshotRepository } from '../src/scenarios/engine-snapshot.repository.ts';
import { EngineRuntime } from '../src/scenarios/engine-runtime.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

const CHECKED = 10_000;

function traffic(nTx: number, nAcc: number) {
  const { txns, profiles } = generateTraffic(nTx + CHECKED, nAcc);
  return { txns, profiles, opts: { profiles: mapProfileLookup(profiles, { unchanging: true }), scenarios: builtInScenarios, explain: 'json' as const } };
}

const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));

/** SHA-256 over the results of scoring the transactions (decision, score, hits with their traces). */
function scoresDigest(engine: ReturnType<typeof createEngine>, txns: readonly Transaction[]): string {
  const h = createHash('sha256');
  for (const t of txns) h.update(JSON.stringify(engine.score(t)));
  return h.digest('hex');
}

/**
 * The restart itself, in a process of its own as a server's start would be (no traffic in its heap):
 * load the snapshot, restore the engine, then score the transactions after it.
 */
async function restart(file: string, rest: string, nTx: number) {
  const db = openDatabase({ sqlitePath: file });
  try {
    let t = performance.now();
    const loaded = await new EngineSnapshotRepository(db.db).load('inst_bench');
    const loadSeconds = seconds(t);
    const rssAfterLoad = process.memoryUsage().rss;
    // The account profiles are read only when scoring; a server loads them from its directory. Here
    // they come from the parent, read after the timed part.
    const profiles = new Map<string, AccountProfile>();
    t = performance.now();
    const engine = createEngine({ profiles: mapProfileLookup(profiles, { unchanging: true }), scenarios: builtInScenarios, explain: 'json' }, loaded!.body);
    const restoreSeconds = seconds(t);
    const rssAfterRestore = process.memoryUsage().rss;
    const given = JSON.parse(fs.readFileSync(rest, 'utf8')) as { profiles: Array<[string, AccountProfile]>; after: Transaction[] };
    for (const [k, v] of given.profiles) profiles.set(k, v);
    const digest = scoresDigest(engine, given.after);
    // A scheduled refresh (EngineRuntime.refreshSnapshot) on this live process: the stored snapshot
    // and the log after it (here the checked transactions, from memory) into a second engine, saved.
    // What a server's requests feel of it is the longest the event loop waits meanwhile.
    const after = given.after.map((x, i) => ({ ...x, seq: nTx + 1 + i }));
    const repo = new EngineSnapshotRepository(db.db);
    const runtime = new EngineRuntime({
      profiles: async () => mapProfileLookup(profiles, { unchanging: true }), scenarios: async () => builtInScenarios,
      async *log(_i, from) { for (let i = from - nTx; i < after.length; i += 2_000) yield after.slice(i, i + 2_000); },
      snapshots: { load: (i, pause) => repo.load(i, pause), save: (i, seq, body, pause) => repo.save(i, seq, body, Date.now(), pause) },
    });
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    t = performance.now();
    const refreshed = await runtime.refreshSnapshot('inst_bench', 1);
    const refreshSeconds = seconds(t);
    loop.disable();
    if (!refreshed.savedSnapshot || refreshed.lastSeq !== nTx + CHECKED) throw new Error(`refresh did not save: ${JSON.stringify(refreshed)}`);
    return {
      loadSeconds, restoreSeconds, peakRssMB: Math.round(Math.max(rssAfterLoad, rssAfterRestore) / 2 ** 20), digest,
      refreshSeconds, refreshLongestStallMs: Math.round(loop.max / 1e6),
    };
  } finally {
    await db.close();
  }
}

export async function run(nTx = 1_000_000, nAcc = 100_000): Promise<Record<string, unknown>> {
  const { txns, profiles, opts } = traffic(nTx, nAcc);

  let t = performance.now();
  const replayed = createEngine(opts);
  for (let i = 0; i < nTx; i++) replayed.observe(txns[i]);
  const replaySeconds = seconds(t);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-restart-'));
  const file = path.join(dir, 'outpost.sqlite');
  const db = openDatabase({ sqlitePath: file });
  try {
    await migrateToLatest(db);
    t = performance.now();
    const snap = replayed.snapshot();
    const snapshotSeconds = seconds(t);
    const bytes = snap.parts.reduce((s, p) => s + p.length, 0);
    t = performance.now();
    await new EngineSnapshotRepository(db.db).save('inst_bench', nTx, snap, Date.now());
    const saveSeconds = seconds(t);
    await db.close();
    const after = txns.slice(nTx);
    const rest = path.join(dir, 'rest.json');
    fs.writeFileSync(rest, JSON.stringify({ profiles: [...profiles], after }));
    const expected = scoresDigest(replayed, after);

    const child = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=6144', fileURLToPath(import.meta.url), '--restart', file, rest, String(nTx)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`restart process failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout) as Awaited<ReturnType<typeof restart>>;
    if (r.digest !== expected) throw new Error('the restored engine scores the next transactions differently from the original');
    return {
      transactions: nTx, accounts: nAcc, scenarios: builtInScenarios.length,
      replaySeconds, snapshotSeconds, saveSeconds, loadSeconds: r.loadSeconds, restoreSeconds: r.restoreSeconds,
      startFromSnapshotOverReplay: Number(((r.loadSeconds + r.restoreSeconds) / replaySeconds).toFixed(3)),
      snapshotMB: Math.round(bytes / 2 ** 20), parts: snap.parts.length, restartPeakRssMB: r.peakRssMB, checkedTransactions: CHECKED,
      refreshSeconds: r.refreshSeconds, refreshLongestStallMs: r.refreshLongestStallMs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--restart') {
  restart(process.argv[3], process.argv[4], Number(process.argv[5])).then((r) => process.stdout.write(JSON.stringify(r)));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n, a] = process.argv.slice(2).map(Number);
  run(n || undefined, a || undefined).then((r) => {
    console.log(`restart bench: ${r.transactions} transactions, ${r.accounts} accounts, ${r.scenarios} scenarios`);
    console.log(`  replay into a fresh engine (baseline): ${r.replaySeconds} s`);
    console.log(`  snapshot ${r.snapshotSeconds} s, save ${r.saveSeconds} s (${r.snapshotMB} MB in ${r.parts} parts)`);
    console.log(`  restart: load ${r.loadSeconds} s, restore ${r.restoreSeconds} s = ${r.startFromSnapshotOverReplay} × the replay; peak rss ${r.restartPeakRssMB} MB`);
    console.log(`  the restored engine scored the next ${r.checkedTransactions} transactions exactly as the original`);
    console.log(`  a scheduled refresh beside it (snapshot + ${r.checkedTransactions} log entries, saved): ${r.refreshSeconds} s, the event loop waited ${r.refreshLongestStallMs} ms at most`);
    console.log(JSON.stringify(r));
  }).catch((e) => { console.error(e); process.exit(1); });
}
