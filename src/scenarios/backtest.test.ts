import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Container } from '../app/container.ts';
import type { DialectName } from '../../test/helpers/db.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { AppError } from '../shared/errors.ts';
import { scenariosOf } from './scenarios.module.ts';
import { BacktestService } from './backtest.service.ts';
import { storedBacktestDeps } from './backtest.deps.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
const actor = { id: 'usr_owner', kind: 'user' as const, institutionId: BANK.institutionId };
const ELDER = '6222000000000001', PERSON = '6222000000000002';

/** An elderly customer paying new payees outside the bank, day after day (ELD-002 fires), and ordinary transfers. */
function history() {
  return Array.from({ length: 40 }, (_, i) => ({
    id: `B${i}`, timestamp: new Date(NOW - (40 - i) * DAY / 2).toISOString(),
    debitAccount: i % 2 ? ELDER : PERSON, creditAccount: `62170000000${String(10_000 + i)}`, creditBank: '102100099996',
    amount: i % 2 ? '15000.00' : '200.00', currency: 'CNY', channel: 'mobile', type: 'transfer',
  }));
}

// On a database file (and PostgreSQL) a backtest runs on a thread of its own with its own
// connection; the in-memory database of the other tests has no second connection and runs it here.
for (const dialect of ['sqlite-file', 'postgres'] as DialectName[]) {
  describe(`backtests on a thread of their own (${dialect})`, () => {
    let c: Container | null = null;
    afterEach(async () => { vi.restoreAllMocks(); await c?.close(); c = null; });

    it('replays on another thread and reports what a replay on the caller\'s thread reports', async (ctx) => {
      c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
      if (!c) return ctx.skip();
      await loadSmallBank(c);
      const rows = history();
      await ingestOf(c).ingest.ingest(rows.map((data, position) => ({ position, data })), { institutionId: BANK.institutionId, source: 'api', actor });
      await c.database.db.insertInto('transaction_labels').values(['B21', 'B23', 'B24'].map((txn_id) => (
        { institution_id: BANK.institutionId, txn_id, typology: 'elder_scam', pattern_id: 'p1' }))).execute();
      const s = scenariosOf(c);
      const active = (await s.service.versions(BANK.institutionId, 'ELD-002'))[0].body;
      await s.service.createDraft(BANK.institutionId, { ...active, when: { all: [{ feature: 'customer_age', op: '>=', value: 60 }, { feature: 'amount', op: '>=', value: 10000 }] } }, actor);

      const here = vi.spyOn(BacktestService.prototype, 'run');
      const progress: Array<[number, number]> = [];
      const window = { from: NOW - 15 * DAY, to: NOW };
      const r = await s.backtest(BANK.institutionId, 'ELD-002', window, (read, total) => progress.push([read, total]));
      expect(here).not.toHaveBeenCalled();
      expect(progress.at(-1)).toEqual([40, 40]);
      expect(r.transactions).toBe(30);
      expect(r.labelled).toBe(3);
      expect(r.candidate).toMatchObject({ version: 2, alerts: 15, truePositives: 2 });
      expect(r.active!.version).toBe(1);
      here.mockRestore();

      // The same input replayed on this thread from the same stored data.
      const doc = (v: number) => s.service.version(BANK.institutionId, 'ELD-002', v).then((x) => x.body);
      const local = await new BacktestService(storedBacktestDeps(c.database)).run({
        institutionId: BANK.institutionId, ...window, candidate: { version: 2, doc: await doc(2) }, active: { version: 1, doc: await doc(1) },
      });
      expect(r).toEqual(local);
    });

    it('keeps the kind of an error raised on the thread (a bad window is a validation error) and a failed backtest does not hold up the next in line', async (ctx) => {
      c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
      if (!c) return ctx.skip();
      await loadSmallBank(c);
      const s = scenariosOf(c);
      const bad = s.backtest(BANK.institutionId, 'ELD-002', { from: NOW, to: NOW - DAY });
      const good = s.backtest(BANK.institutionId, 'ELD-002', { from: NOW - DAY, to: NOW });
      const err = await bad.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ kind: 'validation', details: [{ path: 'from', message: 'must be before to' }] });
      // The failed one does not stop the next in line.
      await expect(good).resolves.toMatchObject({ scenarioId: 'ELD-002', transactions: 0 });
    });
  });
}
