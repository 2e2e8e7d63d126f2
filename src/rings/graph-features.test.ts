import { afterAll, describe, expect, it } from 'vitest';
import { getService } from '../app/container.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { DAY, INST, seed, T0 } from '../../test/helpers/rings.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { ringsGraphOf } from './rings.module.ts';
import { RingsService } from './rings.service.ts';
import { RingsRepository } from './rings.repository.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const actor = { id: 'usr_analyst', kind: 'user' as const, institutionId: INST };
type Result = { status: string; hits?: Array<{ scenarioId: string }> };

for (const dialect of DIALECTS) {
  describe(`account graph features for the scoring engine (${dialect})`, async () => {
    const c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    afterAll(async () => { await c?.close(); });
    const rings = () => getService<RingsService>(c!, 'rings');

    it.skipIf(!c)('a mining run stores the graph features of ring members and hubs, and the engine\'s lookup sees them at once', async () => {
      await seed(c!); // a 4-account cycle A→B→C→D→A and HUB paying M1..M5, among recurring background payments
      const lookup = await ringsGraphOf(c!)!.lookup(INST);
      expect(lookup.account('A')).toBeUndefined();
      await rings().mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
      const stored = await rings().graphFeatures(INST);
      const cycle = (await rings().list(INST, { typology: 'cycle', page: 1, pageSize: 10 })).items[0];
      for (const a of ['A', 'B', 'C', 'D']) {
        expect(stored.get(a)).toMatchObject({ cycles: 1 });
        expect(stored.get(a)!.ringScore).toBeGreaterThanOrEqual(cycle.score);
      }
      expect(stored.get('HUB')!.fanOutMax).toBe(5);
      expect([...stored.keys()].filter((a) => a.startsWith('bg'))).toEqual([]); // recurring payers: no fan, no finding
      expect(lookup.account('A')).toEqual(stored.get('A')); // reloaded after the run's commit
      // A second run replaces the rows rather than adding to them.
      await rings().mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
      expect((await rings().graphFeatures(INST)).size).toBe(stored.size);
    });

    it.skipIf(!c)('stores a run\'s features in several transactions; a run stored meanwhile is not overwritten by the older one', async () => {
      const db = c!.database.db;
      const repo = new RingsRepository();
      // Before the older run's third transaction (findings, then two of its feature chunks), a
      // newer run over a shorter window is mined and stored whole.
      let calls = 0;
      let newer: (() => Promise<unknown>) | null = null;
      const service = (rows: number) => new RingsService({
        db, repo, clock: c!.clock, ids: c!.ids, audit: c!.audit, changes: c!.changes, knownBad: async () => [], graphFeatureRows: rows,
        run: async (fn) => {
          if (++calls === 3 && newer) await newer();
          return db.transaction().execute(fn);
        },
      });
      const alone = await service(1).mineWindow({ institutionId: INST, from: T0, to: T0 + 10 * DAY, actor, trigger: 'api' });
      const aloneRows = await db.selectFrom('account_graph_features').select(['account_id', 'run_id']).where('institution_id', '=', INST).execute();
      expect(aloneRows.length).toBeGreaterThan(2); // more than two chunks
      expect(new Set(aloneRows.map((r) => r.run_id))).toEqual(new Set([alone.runId]));

      let newest = '';
      newer = async () => { newest = (await service(1000).mineWindow({ institutionId: INST, from: T0, to: T0 + 10 * DAY, actor, trigger: 'api' })).runId; };
      calls = 0;
      const older = await service(1).mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
      expect(newest).not.toBe('');
      const rows = await db.selectFrom('account_graph_features').select(['account_id', 'run_id']).where('institution_id', '=', INST).execute();
      // Only the newer run's rows, as many as a run of its window stores; none of the older, wider run's.
      expect(rows.every((r) => r.run_id === newest)).toBe(true);
      expect(rows.map((r) => r.account_id).sort()).toEqual(aloneRows.map((r) => r.account_id).sort());
      expect(older.runId).not.toBe(newest);
    });

    // A container of its own: the mining test's rows were inserted below ingest's log positions.
    const bank = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    afterAll(async () => { await bank?.close(); });

    it.skipIf(!bank)('a transfer out of an account in a mined ring fires RNG-001; the same transfer from another account does not', async () => {
      const c = bank;
      await loadSmallBank(c!);
      const [ringMember, other] = ['6222000000000002', '6222000000000001'];
      await c!.database.db.insertInto('account_graph_features').values({
        institution_id: BANK.institutionId, account_id: ringMember, run_id: 'job_test', ring_score: 75, findings: 2, cycles: 1,
        fan_out_max: 0, fan_in_max: 0, two_hop_paths: 4,
      }).execute();
      await ringsGraphOf(c!)!.reload(BANK.institutionId); // as after a run stored by this or another process
      const txn = (id: string, debit: string) => ({
        id, timestamp: new Date(NOW - 60_000).toISOString(), debitAccount: debit, creditAccount: '6217000000005555', creditBank: '102100099996',
        amount: '20000.00', currency: 'CNY', channel: 'mobile', type: 'transfer',
      });
      const { results } = await ingestOf(c!).ingest.ingest([txn('G1', ringMember), txn('G2', other)].map((data, position) => ({ position, data })), {
        institutionId: BANK.institutionId, source: 'api', actor: { ...actor, institutionId: BANK.institutionId },
      });
      const hits = (results as Result[]).map((r) => (r.hits ?? []).map((h) => h.scenarioId));
      expect(hits[0]).toContain('RNG-001');
      expect(hits[1]).not.toContain('RNG-001');
      const hit = (results[0] as { hits: Array<{ scenarioId: string; reason: { en: string } }> }).hits.find((h) => h.scenarioId === 'RNG-001')!;
      expect(hit.reason.en).toBe('Account held by a ring finding scored 75 (2 findings) sends CNY 20,000');
    });
  });
}
