import { afterAll, describe, expect, it } from 'vitest';
import { getService } from '../app/container.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { BANK, loadSmallBank } from '../../test/helpers/bank.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { DAY, INST, seed, T0 } from '../../test/helpers/rings.ts';
import { fixedClock } from '../domain/clock.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { ringsGraphOf } from './rings.module.ts';
import type { RingsService } from './rings.service.ts';
import type { KnownBadService } from './known-bad.service.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const actor = { id: 'usr_analyst', kind: 'user' as const, institutionId: INST };
type Result = { decision: string; hits?: Array<{ scenarioId: string; reason: { en: string } }> };

for (const dialect of DIALECTS) {
  describe(`known-bad account list (${dialect})`, async () => {
    const c = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    afterAll(async () => { await c?.close(); });
    const list = () => getService<KnownBadService>(c!, 'ringsKnownBad');
    const rings = () => getService<RingsService>(c!, 'rings');
    const audit = (action: string) => c!.database.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();

    it.skipIf(!c)('adds once, reports accounts already listed as unchanged, refuses one account twice in a request, removes with an audited reason', async () => {
      const first = await list().add(INST, [
        { accountId: 'P1', source: 'police_notice', reference: '京公(反诈)通字〔2026〕118号' }, { accountId: 'P2', source: 'shared', note: 'from a member bank' },
      ], actor);
      expect(first.added.map((e) => e.accountId)).toEqual(['P1', 'P2']);
      expect(first.added[0]).toMatchObject({ source: 'police_notice', reference: '京公(反诈)通字〔2026〕118号', note: null, addedBy: 'usr_analyst', addedAt: NOW });
      const again = await list().add(INST, [{ accountId: 'P1', source: 'manual' }, { accountId: 'P3', source: 'case' }], actor);
      expect(again.added.map((e) => e.accountId)).toEqual(['P3']);
      expect(again.unchanged).toEqual([first.added[0]]); // the first listing stays as it was
      await expect(list().add(INST, [{ accountId: 'P4', source: 'manual' }, { accountId: 'P4', source: 'case' }], actor))
        .rejects.toMatchObject({ kind: 'validation', details: [{ path: 'entries.1.accountId', message: 'account P4 is already entry 0 of this request' }] });
      expect((await list().list(INST, { page: 1, pageSize: 10 })).total).toBe(3);
      expect((await list().list(INST, { source: 'police_notice', page: 1, pageSize: 10 })).items.map((e) => e.accountId)).toEqual(['P1']);
      expect((await list().list(INST, { account: 'P', page: 1, pageSize: 2 })).items).toHaveLength(2);
      expect((await audit('rings.known_bad_add')).map((e) => e.target_id)).toEqual(['P1', 'P2', 'P3']);

      const removed = await list().remove(INST, 'P2', 'the member bank withdrew its share', actor);
      expect(removed.accountId).toBe('P2');
      await expect(list().remove(INST, 'P2', 'twice', actor)).rejects.toMatchObject({ kind: 'not_found' });
      const [event] = await audit('rings.known_bad_remove');
      expect(JSON.parse(event.after!)).toEqual({ reason: 'the member bank withdrew its share' });
      expect(JSON.parse(event.before!)).toMatchObject({ source: 'shared', note: 'from a member bank' });
      expect(await list().accountIds(INST)).toEqual(expect.arrayContaining(['P1', 'P3']));
      expect(await list().accountIds(INST)).toHaveLength(2);
    });

    it.skipIf(!c)('a mining run scores rings near listed accounts and stores each nearby account\'s distance to them', async () => {
      await seed(c!); // a 4-account cycle A→B→C→D→A and HUB paying M1..M5, among recurring background payments
      const before = await rings().mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
      const cycleBefore = (await rings().list(INST, { typology: 'cycle', page: 1, pageSize: 1 })).items[0];
      expect(cycleBefore.reasons.map((r) => r.code)).not.toContain('known_bad');
      await list().add(INST, [{ accountId: 'A', source: 'case' }], actor);
      await rings().mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
      const cycle = (await rings().list(INST, { typology: 'cycle', page: 1, pageSize: 1 })).items[0];
      expect(cycle.reasons.map((r) => r.code)).toContain('known_bad');
      // A is listed, B and D paid or were paid by it: the reason says so, and nothing that does not hold
      expect(cycle.reasons.find((r) => r.code === 'known_bad')!.text).toEqual({
        'zh-CN': '1个成员在已知涉案账户名单上，2个成员与名单上的账户直接往来',
        en: '1 member is on the known-bad list; 2 members transacted with a listed account directly',
      });
      expect(cycle.score).toBeGreaterThan(cycleBefore.score);
      const stored = await rings().graphFeatures(INST);
      // A is listed; B and D transacted with it; C with both of them.
      expect(Object.fromEntries(['A', 'B', 'C', 'D'].map((a) => [a, stored.get(a)!.badDistance]))).toEqual({ A: 0, B: 1, C: 2, D: 1 });
      expect(Number.isNaN(stored.get('HUB')!.badDistance)).toBe(true); // kept for its fan, nowhere near A
      expect(before.findings).toBeGreaterThan(0);
      const lookup = await ringsGraphOf(c!)!.lookup(INST);
      expect(lookup.account('A')).toMatchObject({ knownBad: 1, badDistance: 0, cycles: 1 });
      expect(lookup.account('B')).toMatchObject({ knownBad: 0, badDistance: 1 });
      const [run] = await audit('rings.mine').then((r) => r.slice(-1));
      expect(JSON.parse(run.after!)).toMatchObject({ knownBad: 3 }); // P1, P3 and A
    });

    // A container of its own: the mining test's rows were inserted below ingest's log positions.
    const bank = await createTestContainer(dialect, { clock: fixedClock(NOW) });
    afterAll(async () => { await bank?.close(); });

    it.skipIf(!bank)('a payment to an account listed a moment ago is held for review (RNG-003), and is not once the listing is removed', async () => {
      await loadSmallBank(bank!);
      const kb = getService<KnownBadService>(bank!, 'ringsKnownBad');
      const who = { ...actor, institutionId: BANK.institutionId };
      const payee = '6217000000009999';
      let n = 0;
      const pay = async () => {
        const { results } = await ingestOf(bank!).ingest.ingest([{ position: 0, data: {
          id: `KB${++n}`, timestamp: new Date(NOW - 60_000).toISOString(), debitAccount: '6222000000000002', creditAccount: payee,
          creditBank: '102100099996', amount: '300.00', currency: 'CNY', channel: 'mobile', type: 'transfer',
        } }], { institutionId: BANK.institutionId, source: 'api', actor: who });
        return results[0] as Result;
      };
      expect((await pay()).hits?.map((h) => h.scenarioId) ?? []).not.toContain('RNG-003');
      await kb.add(BANK.institutionId, [{ accountId: payee, source: 'police_notice', reference: 'N-1' }], who);
      const held = await pay();
      expect(held.decision).toBe('review');
      expect(held.hits!.find((h) => h.scenarioId === 'RNG-003')!.reason.en).toBe('Payee is on the known-bad list; payment of CNY 300');
      await kb.remove(BANK.institutionId, payee, 'notice withdrawn', who);
      expect((await pay()).hits?.map((h) => h.scenarioId) ?? []).not.toContain('RNG-003');
    });
  });
}
