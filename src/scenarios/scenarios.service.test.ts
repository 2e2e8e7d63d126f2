import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Container } from '../app/container.ts';
import { DIALECTS, openTestDatabase } from '../../test/helpers/db.ts';
import { testConfig } from '../../test/helpers/config.ts';
import { createContainer } from '../app/container.factory.ts';
import { MODULES } from '../app/modules.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { AppError } from '../shared/errors.ts';
import { scenariosOf } from './scenarios.module.ts';
import { ScenarioService } from './scenarios.service.ts';
import { ScenarioRepository } from './scenarios.repository.ts';
import { EngineRuntime, type EngineRuntimeDeps } from './engine-runtime.ts';
import type { Engine } from '../engine/index.ts';
import { EngineSnapshotRepository } from './engine-snapshot.repository.ts';
import { scheduleSnapshots } from './snapshot.schedule.ts';
import { followTheLog } from './log-follow.schedule.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { fromRow } from '../ingest/transaction.mapper.ts';
import { lastLogPosition } from '../store/log-position.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const actor = { id: 'usr_owner', kind: 'user' as const, institutionId: BANK.institutionId };
type Result = { status: string; decision?: string; hits?: Array<{ scenarioId: string; reason: unknown }> };
const hitsOf = (r: unknown) => ((r as Result).hits ?? []).map((x) => x.scenarioId);
const ELDER = '6222000000000001', PERSON = '6222000000000002', ORG = '6222000000000003';

let n = 0;
const txn = (minutesBefore: number, debit: string | null, credit: string | null, amount: string, extra: Record<string, unknown> = {}) => ({
  id: `S${++n}`, timestamp: new Date(NOW - minutesBefore * 60_000).toISOString(), debitAccount: debit, creditAccount: credit,
  ...(credit && !credit.startsWith('6222') ? { creditBank: '102100099996' } : {}),
  ...(debit && !debit.startsWith('6222') ? { debitBank: '102100099996' } : {}),
  amount, currency: 'CNY', channel: 'mobile', type: 'transfer', ...extra,
});

/** History that makes several built-in scenarios fire: an elderly customer paying new payees, a fan-in, rapid in-out. */
function history() {
  n = 0;
  const first = [
    txn(5000, PERSON, ELDER, '3000.00'),
    txn(4000, ELDER, '6217000000009999', '15000.00'),
    ...Array.from({ length: 12 }, (_, i) => txn(3000 - i, `62170000000100${String(i).padStart(2, '0')}`, PERSON, '2000.00')),
  ];
  const second = [
    txn(2000, PERSON, '6217000000008888', '20000.00'),
    txn(600, ORG, PERSON, '80000.00'),
    txn(590, PERSON, '6217000000007777', '78000.00'),
    txn(500, ELDER, '6217000000006666', '12000.00'),
    txn(400, null, ELDER, '30000.00', { type: 'cash_deposit', channel: 'counter' }),
    txn(300, null, ELDER, '20000.00', { type: 'cash_deposit', channel: 'counter' }),
  ];
  return { first, second };
}

/** An engine's whole state (what a snapshot holds), to compare two engines. */
function engineState(e: Engine) {
  const snap = e.snapshot();
  return { observed: snap.observed, sizes: snap.sizes, sha256: createHash('sha256').update(Buffer.concat(snap.parts)).digest('hex') };
}

/** An engine runtime of its own over the container's reference data, scenarios and log (a second process, or the next start). */
function runtimeDeps(cont: Container, o: Pick<EngineRuntimeDeps, 'snapshots' | 'onWarning'>): EngineRuntimeDeps {
  return {
    profiles: (i) => referenceServiceOf(cont).directory(i),
    scenarios: (i) => scenariosOf(cont).service.activeDocuments(i),
    log: (i, after, through) => ingestOf(cont).transactions.streamLog(i, after, { throughSeq: through }),
    lastPosition: () => lastLogPosition(cont.database.db),
    snapshotAfter: 1,
    ...o,
  };
}

/** An engine built now from the container's whole log, as a restarted process would. */
const engineFromLog = (cont: Container) => new EngineRuntime(runtimeDeps(cont, {})).engine(BANK.institutionId);

/** runtimeDeps over the container's own snapshot table. */
function storedSnapshots(cont: Container) {
  const repo = new EngineSnapshotRepository(cont.database.db);
  return { repo, deps: runtimeDeps(cont, { snapshots: { load: (i) => repo.load(i), save: (i, seq, body) => repo.save(i, seq, body, NOW) } }) };
}

describe.each(DIALECTS)('scenarios and scoring on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  async function setup() {
    const cont = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!cont) return null;
    await loadSmallBank(cont);
    return cont;
  }
  const ingest = (cont: Container, rows: ReturnType<typeof txn>[]) =>
    ingestOf(cont).ingest.ingest(rows.map((data, position) => ({ position, data })), { institutionId: BANK.institutionId, source: 'api', actor });

  it('rebuilds the engine from the stored log after a restart: scores equal an uninterrupted run', async (ctx) => {
    const a = await setup();
    if (!a) return ctx.skip();
    c = a;
    const h = history();
    const firstRes = (await ingest(a, h.first)).results;
    expect(firstRes.every((r) => r.status === 'accepted')).toBe(true);
    const uninterrupted = (await ingest(a, h.second)).results;
    expect(uninterrupted.flatMap(hitsOf)).toEqual(expect.arrayContaining(['ELD-002', 'LVR-001', 'RIO-001']));
    await a.close();

    const b = await setup();
    c = b;
    const h2 = history();
    await ingest(b!, h2.first);
    scenariosOf(b!).runtime.invalidate(BANK.institutionId); // what a restart does: state only from the stored log
    const afterRestart = (await ingest(b!, h2.second)).results;
    expect(afterRestart).toEqual(uninterrupted);
  });

  /** The next transactions, scored live by the container's engine (never restarted), score the same with `engine`. */
  async function expectScoresLikeLive(cont: Container, engine: { score: (t: ReturnType<typeof fromRow>) => { decision: string; score: number; hits: unknown[] } }) {
    n = 300;
    const next = [txn(10, ELDER, '6217000000004444', '16000.00'), txn(9, PERSON, '6217000000004444', '30000.00'), txn(8, null, ELDER, '49000.00', { type: 'cash_deposit', channel: 'counter' })];
    const { results } = await ingest(cont, next);
    const stored = await cont.database.db.selectFrom('transactions').selectAll().where('id', 'in', next.map((x) => x.id)).orderBy('seq').execute();
    expect(stored).toHaveLength(3);
    const again = stored.map((r) => engine.score(fromRow(r)));
    expect(again.map((r) => ({ decision: r.decision, score: r.score, hits: r.hits }))).toEqual(results.map((r) => ({ decision: (r as { decision: string }).decision, score: (r as { score: number }).score, hits: (r as { hits: unknown }).hits })));
    expect(again.some((r) => r.hits.length > 0)).toBe(true);
  }

  /** A start from the stored snapshot replays `replayed` log entries and then scores as the live engine. */
  async function expectRestartLikeLive(cont: Container, deps: ReturnType<typeof storedSnapshots>['deps'], replayed: number) {
    const restarted = new EngineRuntime(deps);
    const engine = await restarted.engine(BANK.institutionId);
    expect(restarted.builds.get(BANK.institutionId)).toMatchObject({ fromSnapshot: true, replayed });
    await expectScoresLikeLive(cont, engine);
  }

  it('keeps scoring with the current engine while a scenario change is built, then swaps it in caught up with the log', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const h = history();
    // A runtime of its own as the container's scorer, whose replacement build can be held after
    // reading the log (as a long replay is): `hold` set means the next build waits there.
    let hold: Promise<void> | null = null;
    let holding: () => void = () => undefined;
    const base = runtimeDeps(cont, {});
    const runtime = new EngineRuntime({
      ...base,
      async *log(i, after) {
        yield* base.log(i, after);
        if (hold) { holding(); await hold; }
      },
    });
    cont.services.set('scorer', (i: string) => runtime.scorer(i));
    expect(hitsOf((await ingest(cont, h.first)).results[1])).toContain('ELD-002'); // the elderly customer's first new payee

    await scenariosOf(cont).service.deactivate(BANK.institutionId, 'ELD-002', actor);
    let release: () => void = () => undefined;
    hold = new Promise<void>((r) => { release = r; });
    const atHold = new Promise<void>((r) => { holding = r; });
    const before = Date.now();
    const swapped = runtime.replace(BANK.institutionId);
    await atHold; // the replacement has read the log and is held
    hold = null;
    // What GET /scoring-engine tells a rule owner meanwhile.
    const st = runtime.status(BANK.institutionId);
    expect(st).toMatchObject({ state: 'rebuilding', replayed: expect.any(Number) });
    expect(st.since).toBeGreaterThanOrEqual(before);
    // Meanwhile ingest does not wait: the current engine (ELD-002 still in it) scores.
    n = 150;
    const during = (await ingest(cont, [txn(3500, ELDER, '6217000000003333', '15000.00')])).results[0];
    expect(during).toMatchObject({ status: 'accepted' });
    expect(hitsOf(during)).toContain('ELD-002');
    release();
    await swapped;
    // The new set scores, and its windows hold what the previous engine scored while it was built:
    // the next transactions score as with an engine built from the whole log now.
    const fresh = await engineFromLog(cont);
    await expectScoresLikeLive(cont, fresh);
    const live = await runtime.engine(BANK.institutionId);
    expect(engineState(live)).toEqual(engineState(fresh));
    const after = (await ingest(cont, [txn(5, ELDER, '6217000000002222', '15000.00')])).results[0];
    expect(hitsOf(after)).not.toContain('ELD-002');
    expect(runtime.status(BANK.institutionId)).toEqual({ state: 'ready', since: null, replayed: null, share: null });

    // A failed batch while a replacement is built drops the engine; the replacement, built from
    // the set before it, is not swapped in, and the next use builds afresh.
    hold = new Promise<void>((r) => { release = r; });
    const atSecondHold = new Promise<void>((r) => { holding = r; });
    const superseded = runtime.replace(BANK.institutionId);
    await atSecondHold;
    hold = null;
    runtime.invalidate(BANK.institutionId);
    release();
    await superseded;
    expect(runtime.isBuilt(BANK.institutionId)).toBe(false);
    expect((await ingest(cont, [txn(4, PERSON, '6217000000002222', '100.00')])).results[0]).toMatchObject({ status: 'accepted' });
  });

  it('follows what another process appends to the log between batches, in steps, observing nothing twice', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const h = history();
    await ingest(cont, h.first);
    // `behind` is a second process's engine: the container's ingest (this process) does not score with it.
    const base = runtimeDeps(cont, {});
    let batchDuringRead: (() => Promise<void>) | null = null;
    const behind = new EngineRuntime({
      ...base,
      async *log(i, after, through) {
        if (through !== undefined && batchDuringRead) { const b = batchDuringRead; batchDuringRead = null; await b(); }
        yield* base.log(i, after, through);
      },
    });
    const engine = await behind.engine(BANK.institutionId);
    await ingest(cont, h.second);
    const steps: number[] = [];
    expect(await behind.follow(BANK.institutionId, { step: 2, pause: async () => { steps.push(1); } })).toBe(h.second.length);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(engineState(engine)).toEqual(engineState(await engineFromLog(cont)));
    expect(await behind.follow(BANK.institutionId)).toBe(0);

    // A batch scored by that engine while a step is read hands it the log itself (ingest's log
    // follower): the step read meanwhile is dropped, not observed a second time.
    n = 400;
    await ingest(cont, [txn(30, PERSON, '6217000000001212', '500.00'), txn(29, ELDER, '6217000000001313', '700.00')]);
    const follower = (await behind.scorer(BANK.institutionId)).follower;
    batchDuringRead = async () => {
      const end = await lastLogPosition(cont.database.db);
      for await (const page of base.log(BANK.institutionId, follower.seenThrough, end)) for (const t of page) follower.observe(t);
      follower.seenThrough = end;
    };
    expect(await behind.follow(BANK.institutionId, { step: 1 })).toBe(0);
    expect(engineState(engine)).toEqual(engineState(await engineFromLog(cont)));
  });

  it('serve\'s log follower catches a second process\'s engine up on its own and stops cleanly', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const h = history();
    await ingest(cont, h.first);
    const behind = new EngineRuntime(runtimeDeps(cont, {}));
    const engine = await behind.engine(BANK.institutionId);
    const follower = (await behind.scorer(BANK.institutionId)).follower;
    const warnings: string[] = [];
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation((w) => { warnings.push(String(w)); });
    const stop = followTheLog(cont, behind, 5);
    await ingest(cont, h.second);
    const end = await lastLogPosition(cont.database.db);
    for (let i = 0; i < 400 && follower.seenThrough < end; i++) await new Promise((r) => setTimeout(r, 5));
    await stop();
    warn.mockRestore();
    expect(follower.seenThrough).toBe(end);
    expect(engineState(engine)).toEqual(engineState(await engineFromLog(cont)));
    expect(warnings).toEqual([]);
  });

  it('restarts from a stored snapshot plus the newer log entries with the same scores', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const h = history();
    await ingest(cont, h.first);
    const { repo, deps } = storedSnapshots(cont);
    await new EngineRuntime(deps).engine(BANK.institutionId); // first start: replays everything, saves a snapshot
    expect((await repo.load(BANK.institutionId))?.seq).toBeGreaterThan(0);
    expect(await cont.database.db.selectFrom('engine_snapshot_parts').select('part').execute()).not.toHaveLength(0);
    await ingest(cont, h.second); // scored live by the product's engine, which never restarted

    await expectRestartLikeLive(cont, deps, h.second.length);
  });

  it('refreshes the snapshot from the stored log, on a schedule, without touching the engine that scores', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const h = history();
    await ingest(cont, h.first);
    const { repo, deps } = storedSnapshots(cont);
    const runtime = new EngineRuntime(deps);
    const live = await runtime.engine(BANK.institutionId); // a start: replays everything, saves a snapshot
    const first = (await repo.load(BANK.institutionId))!.seq;
    await ingest(cont, h.second); // stored by the product's own engine, meanwhile
    const last = Number((await cont.database.db.selectFrom('transactions').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);
    expect(last).toBeGreaterThan(first);

    // The job, polling fast: it takes the turn and refreshes once per interval.
    const stop = scheduleSnapshots(cont, runtime, { intervalMs: 60_000, pollMs: 10 });
    for (let i = 0; i < 300 && (await repo.load(BANK.institutionId))!.seq === first; i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    expect((await repo.load(BANK.institutionId))!.seq).toBe(last);
    expect(await runtime.engine(BANK.institutionId)).toBe(live); // the scoring engine was not rebuilt or replaced
    // Nothing new since: no second snapshot.
    expect(await runtime.refreshSnapshot(BANK.institutionId)).toEqual({ fromSnapshot: true, replayed: 0, lastSeq: last, savedSnapshot: false });

    // The next start replays nothing, and scores as the product's engine, which never restarted.
    await expectRestartLikeLive(cont, deps, 0);
  });

  it('scores after a rebuild whose snapshot cannot be saved, and says so', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const h = history();
    await ingest(cont, h.first);
    const warnings: string[] = [];
    const runtime = new EngineRuntime(runtimeDeps(cont, {
      // What a state too large for memory or a full disk does to a save.
      snapshots: { load: async () => undefined, save: async () => { throw new RangeError('Invalid string length'); } },
      onWarning: (m) => warnings.push(m),
    }));
    const engine = await runtime.engine(BANK.institutionId);
    expect(runtime.builds.get(BANK.institutionId)).toMatchObject({ fromSnapshot: false, replayed: h.first.length, savedSnapshot: false });
    expect(warnings).toEqual([expect.stringMatching(/^engine snapshot of .* not saved .*Invalid string length$/)]);
    expect(engine.score(fromRow((await cont.database.db.selectFrom('transactions').selectAll().orderBy('seq').executeTakeFirstOrThrow()))).decision).toBeDefined();
  });

  it('versions scenarios: draft, validate, activate (scores with it), deactivate — all audited', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const s = scenariosOf(cont).service;
    const list = await s.list(BANK.institutionId);
    expect(list.length).toBeGreaterThanOrEqual(60);
    expect(list.find((x) => x.scenarioId === 'STR-001')).toMatchObject({ activeVersion: 1, draftVersion: null, builtIn: true });

    const doc = {
      id: 'CUS-001', name: { 'zh-CN': '大额转账', en: 'Large transfer' }, description: { 'zh-CN': '单笔≥9万元', en: 'One transfer ≥ 90,000' },
      typology: 'custom', severity: 'high', weight: 90, side: 'debit',
      when: { all: [{ feature: 'amount', op: '>=', value: 90000 }] }, reason: { 'zh-CN': '转出 {{amount|money}} 元', en: 'CNY {{amount|money}} out' },
    };
    await expect(s.createDraft(BANK.institutionId, { ...doc, when: { all: [{ feature: 'amount_25h', op: '>', value: 1 }] } }, actor))
      .rejects.toMatchObject({ kind: 'validation', details: [{ path: 'when.all[0].feature', message: 'unknown feature "amount_25h"' }] });
    const draft = await s.createDraft(BANK.institutionId, { ...doc, weight: 10 }, actor);
    expect(draft).toMatchObject({ scenarioId: 'CUS-001', version: 1, status: 'draft' });
    await s.editDraft(BANK.institutionId, 'CUS-001', doc, actor);
    await expect(s.createDraft(BANK.institutionId, doc, actor)).rejects.toBeInstanceOf(AppError);

    n = 100;
    const before = (await ingest(cont, [txn(100, PERSON, '6217000000005555', '95000.00')])).results[0];
    expect(hitsOf(before)).not.toContain('CUS-001');
    await s.activate(BANK.institutionId, 'CUS-001', 1, actor);
    const after = (await ingest(cont, [txn(90, PERSON, '6217000000005555', '95000.00')])).results[0];
    expect(after).toMatchObject({ decision: 'block' });
    expect((after as Result).hits?.find((x) => x.scenarioId === 'CUS-001')?.reason).toEqual({ 'zh-CN': '转出 95,000 元', en: 'CNY 95,000 out' });
    await s.deactivate(BANK.institutionId, 'CUS-001', actor);
    const off = (await ingest(cont, [txn(80, PERSON, '6217000000005555', '95000.00')])).results[0];
    expect(hitsOf(off)).not.toContain('CUS-001');

    const audits = await cont.database.db.selectFrom('audit_events').select('action').where('action', 'like', 'scenario.%').execute();
    expect(audits.map((x) => x.action)).toEqual(['scenario.seed', 'scenario.draft_create', 'scenario.draft_edit', 'scenario.activate', 'scenario.deactivate']);
  });

  it('backtests a draft against the active version over stored history, with precision and recall from labels', async (ctx) => {
    const cont = await setup();
    if (!cont) return ctx.skip();
    c = cont;
    const h = history();
    await ingest(cont, [...h.first, ...h.second]);
    await cont.database.db.insertInto('transaction_labels').values([
      { institution_id: BANK.institutionId, txn_id: 'S2', typology: 'elder_scam', pattern_id: 'p1' },
      { institution_id: BANK.institutionId, txn_id: 'S18', typology: 'elder_scam', pattern_id: 'p1' },
      { institution_id: BANK.institutionId, txn_id: 'S1', typology: 'elder_scam', pattern_id: 'p1' },
    ]).execute();
    const ctxs = scenariosOf(cont);
    const active = (await ctxs.service.versions(BANK.institutionId, 'ELD-002'))[0].body;
    await ctxs.service.createDraft(BANK.institutionId, { ...active, when: { all: [{ feature: 'customer_age', op: '>=', value: 60 }, { feature: 'is_new_payee', op: '==', value: true }, { feature: 'amount', op: '>=', value: 13000 }] } }, actor);
    const r = await ctxs.backtest(BANK.institutionId, 'ELD-002', { from: NOW - 10 * 86_400_000, to: NOW });
    expect(r.transactions).toBe(20);
    expect(r.labelled).toBe(3);
    expect(r.active).toMatchObject({ version: 1, alerts: 2, accounts: 1, truePositives: 2 });
    expect(r.active!.precision).toBe(1);
    expect(r.active!.recall).toBeCloseTo(2 / 3);
    expect(r.candidate).toMatchObject({ version: 2, alerts: 1, truePositives: 1, precision: 1 });
    expect(r).toMatchObject({ both: 1, onlyCandidate: 0, onlyActive: 1 });
  });
});

describe.each(DIALECTS)('the built-in library and unscorable transactions on %s', (dialect) => {
  let c: Container | null = null;
  afterEach(async () => { await c?.close(); c = null; });

  it('seeds once when first uses come at the same time, in one process and from a second one', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    const cont = c;
    // A second process's service over the same database (two servers starting on one PostgreSQL).
    const other = new ScenarioService({
      db: cont.database.db, clock: cont.clock, ids: cont.ids, audit: cont.audit, repo: new ScenarioRepository(), changed: () => undefined, changes: cont.changes,
    });
    const s = scenariosOf(cont).service;
    const lists = await Promise.all([s.list(BANK.institutionId), s.list(BANK.institutionId), other.list(BANK.institutionId), s.activeDocuments(BANK.institutionId)]);
    for (const l of lists) expect(l.length).toBeGreaterThanOrEqual(60);
    const seeds = await cont.database.db.selectFrom('audit_events').select('action').where('action', '=', 'scenario.seed').execute();
    expect(seeds).toHaveLength(1);
    const versions = await cont.database.db.selectFrom('scenario_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(versions?.n)).toBe(lists[0].length);
  });

  it('answers an activation once the new set scores, or after the wait with the engine still rebuilding', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    const cont = c;
    let finish: () => void = () => undefined;
    let rebuilt = false;
    // The engine's rebuild, held until the test lets it end (a replay of millions of transactions).
    const changed = () => new Promise<void>((r) => { finish = () => { rebuilt = true; r(); }; });
    const s = new ScenarioService({
      db: cont.database.db, clock: cont.clock, ids: cont.ids, audit: cont.audit, repo: new ScenarioRepository(), changed, changes: cont.changes, settleWaitMs: 50,
    });
    await s.list(BANK.institutionId);
    expect(await s.deactivate(BANK.institutionId, 'ELD-002', actor)).toEqual({ engine: 'rebuilding' });
    expect(rebuilt).toBe(false);
    // Stored and audited regardless: the scenario is inactive, the engine catches up on its own.
    expect((await s.versions(BANK.institutionId, 'ELD-002')).map((v) => v.status)).toEqual(['inactive']);
    finish();
    const quick = new ScenarioService({
      db: cont.database.db, clock: cont.clock, ids: cont.ids, audit: cont.audit, repo: new ScenarioRepository(), changed: () => Promise.resolve(), changes: cont.changes, settleWaitMs: 60_000,
    });
    expect(await quick.activate(BANK.institutionId, 'ELD-002', 1, actor)).toMatchObject({ version: 1, status: 'active', engine: 'ready' });
    // Already active: nothing to rebuild.
    expect(await s.activate(BANK.institutionId, 'ELD-002', 1, actor)).toMatchObject({ engine: 'ready' });
  });

  it('sends a currency without a reference rate to review and keeps scoring (live and after a rebuild)', async (ctx) => {
    c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    if (!c) return ctx.skip();
    await loadSmallBank(c);
    n = 200;
    const rows = () => [txn(50, PERSON, ELDER, '100.00', { currency: 'NZD' }), txn(40, ELDER, '6217000000001111', '15000.00')];
    const run = async () => (await ingestOf(c!).ingest.ingest(rows().map((data, position) => ({ position, data })), { institutionId: BANK.institutionId, source: 'api', actor })).results;
    const first = await run();
    expect(first[0]).toMatchObject({ status: 'accepted', decision: 'review' });
    expect(hitsOf(first[0])).toEqual(['ENGINE-UNSCORED']);
    expect(hitsOf(first[1])).toContain('ELD-002');
    scenariosOf(c).runtime.invalidate(BANK.institutionId);
    const again = await run(); // the engine is rebuilt from a log holding the unscorable record
    expect(again.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(hitsOf(again[0])).toEqual(['ENGINE-UNSCORED']);
  });
});

// Two processes on one database: a server and `outpost ingest` next to it (SQLite file), or two servers (PostgreSQL).
describe.each(['sqlite-file', 'postgres'] as const)('engines of two processes on one %s log', (dialect) => {
  const open: Container[] = [];
  afterEach(async () => { while (open.length) await open.pop()!.close(); });

  async function fresh(): Promise<(Container & { second(): Promise<Container> }) | null> {
    const database = await openTestDatabase(dialect);
    if (!database) return null;
    const a = await createContainer({ config: testConfig(), database, clock: fixedClock(NOW), modules: MODULES });
    open.unshift(a); // closed last: it owns the test database
    await loadSmallBank(a);
    return Object.assign(a, {
      async second() {
        const b = await createContainer({ config: testConfig(), database: database.reopen!(), clock: fixedClock(NOW), modules: MODULES });
        open.push(b);
        return b;
      },
    });
  }
  const ingest = (cont: Container, rows: ReturnType<typeof txn>[]) =>
    ingestOf(cont).ingest.ingest(rows.map((data, position) => ({ position, data })), { institutionId: BANK.institutionId, source: 'api', actor });
  const scored = (r: Awaited<ReturnType<typeof ingest>>) => r.results.map((x) => (x.status === 'quarantined' ? x : { id: x.id, decision: x.decision, score: x.score, hits: x.hits }));

  it('scores after what the other process stored as if it had ingested it itself', async (ctx) => {
    const server = await fresh();
    if (!server) return ctx.skip();
    let h = history();
    await ingest(server, h.first); // the server's engine is built and holds the first part
    const cli = await server.second();
    await ingest(cli, h.second.slice(0, 2)); // stored by the other process: 80,000 in to PERSON
    const afterOther = scored(await ingest(server, h.second.slice(2)));

    // The same transactions through one process, and without the other process's part.
    const one = await fresh();
    h = history();
    await ingest(one!, h.first);
    await ingest(one!, h.second.slice(0, 2));
    const uninterrupted = scored(await ingest(one!, h.second.slice(2)));
    expect(afterOther).toEqual(uninterrupted);
    const blind = await fresh();
    h = history();
    await ingest(blind!, h.first);
    const withoutOther = scored(await ingest(blind!, h.second.slice(2)));
    expect(withoutOther).not.toEqual(uninterrupted); // the other process's transactions change these scores
    expect(uninterrupted.flatMap(hitsOf)).toContain('RIO-001');
  });
});
