import { afterAll, describe, expect, it } from 'vitest';
import { getService } from '../app/container.ts';
import { AppError } from '../shared/errors.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import type { RingsService } from './rings.service.ts';
import { RingsRepository } from './rings.repository.ts';
import type { Finding } from '../graph/index.ts';
import { DAY, INST, insertTransfers, seed, T0, transfers } from '../../test/helpers/rings.ts';

const actor = { id: 'usr_analyst', kind: 'user' as const, institutionId: INST };

for (const dialect of DIALECTS) {
  describe(`rings service on ${dialect}`, async () => {
    const c = await createTestContainer(dialect);
    afterAll(async () => { await c?.close(); });
    const rings = () => getService<RingsService>(c!, 'rings');

    it.skipIf(!c)('reads the window\'s transfers in keyset pages, ties in time split across pages', async () => {
      await seed(c!);
      const read = async (pageSize: number) => {
        const out: string[] = [];
        for await (const e of new RingsRepository().transfers(c!.database.db, INST, T0, T0 + 30 * DAY, pageSize)) out.push(e.txnId);
        return out;
      };
      const whole = await read(10_000);
      expect(whole).toHaveLength(transfers().length);
      expect(await read(7)).toEqual(whole); // 30 background transfers share each of days 0, 7, 14, 21
      expect(await read(1)).toEqual(whole);
      await c!.database.db.deleteFrom('transactions').where('institution_id', '=', INST).execute();
    });

    it.skipIf(!c)('stores mined findings, lists and filters them, and shows one with its 2-hop subgraph', async () => {
      await seed(c!);
      const s = await rings().mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
      expect(s.transactions).toBe(transfers().length);
      expect(s.findings).toBeGreaterThanOrEqual(2);
      expect(s.newFindings).toBe(s.findings);

      const cycles = await rings().list(INST, { typology: 'cycle', page: 1, pageSize: 50 });
      expect(cycles.total).toBe(1);
      const none = await rings().list(INST, { typology: 'cycle', from: T0 + 20 * DAY, page: 1, pageSize: 50 });
      expect(none.total).toBe(0);
      const high = await rings().list(INST, { minScore: 101, page: 1, pageSize: 50 });
      expect(high.total).toBe(0);
      const byAccount = await rings().list(INST, { account: 'HUB', page: 1, pageSize: 50 });
      expect(byAccount.items.map((f) => f.typology)).toContain('fan_out');

      const d = await rings().detail(INST, cycles.items[0].id);
      expect(d.members.map((m) => m.account).sort()).toEqual(['A', 'B', 'C', 'D']);
      expect(d.transactions.map((t) => t.txnId)).toEqual(['tx120', 'tx121', 'tx122', 'tx123']);
      expect(d.reasons[0].text['zh-CN']).toContain('回流');
      expect(d.subgraph.nodes.filter((n) => n.hop === 0)).toHaveLength(4);
      expect(d.subgraph.edges.filter((e) => e.inFinding)).toHaveLength(4);
      await expect(rings().detail('other_inst', cycles.items[0].id)).rejects.toMatchObject({ kind: 'not_found' });
    });

    it.skipIf(!c)('draws a finding\'s own transfers even when a busy member has more transfers than the subgraph\'s cap', async () => {
      // M5, paid by the fan-out's hub on day 14, received 30 earlier transfers in the week before
      const busy: [string, string, number, number][] = Array.from({ length: 30 }, (_, i) => [`X${i}`, 'M5', 1_000 + i, 7 + (i % 3)]);
      await insertTransfers(c!, busy, { idPrefix: 'busy', firstSeq: 10_000 });
      try {
        const fan = (await rings().list(INST, { typology: 'fan_out', account: 'HUB', page: 1, pageSize: 1 })).items[0];
        const d = await rings().detail(INST, fan.id, 2, 20);
        expect(d.subgraph.edges.filter((e) => e.inFinding).map((e) => e.id).sort()).toEqual(d.transactions.map((t) => t.txnId).sort());
        expect(d.subgraph.truncated).toBe(true);
        const whole = await rings().detail(INST, fan.id);
        expect(whole.subgraph.truncated).toBe(false);
        expect(whole.subgraph.edges.filter((e) => e.id.startsWith('busy'))).toHaveLength(30);
      } finally {
        await c!.database.db.deleteFrom('transactions').where('id', 'like', 'busy%').execute();
      }
    });

    it.skipIf(!c)('keeps a finding\'s context: the accounts trimmed from its structure, with their transfers', async () => {
      // A fan-out whose hub core trimming took out: its payees are the members, and without the
      // hub the finding would hold no transfer at all.
      const f: Finding = {
        key: 'context-test', typology: 'fan_out', members: [{ account: 'CM1', role: 'mule' }, { account: 'CM2', role: 'mule' }],
        context: [{ account: 'CHUB', role: 'source' }],
        transactions: [
          { txnId: 'ctx1', src: 'CHUB', dst: 'CM1', amount: 10_000, time: T0 + DAY, context: true },
          { txnId: 'ctx2', src: 'CHUB', dst: 'CM2', amount: 20_000, time: T0 + 2 * DAY, context: true },
        ],
        totalAmount: 30_000, firstAt: T0 + DAY, lastAt: T0 + 2 * DAY, score: 70, reasons: [], facts: { trimmed: 1 },
      };
      await new RingsRepository().upsertFinding(c!.database.db, INST, 'ring_context', false, f, 'run_context', T0);
      try {
        const d = await rings().detail(INST, 'ring_context');
        expect(d.members.map((m) => m.account)).toEqual(['CM1', 'CM2']);
        expect(d.context).toEqual([{ account: 'CHUB', role: 'source' }]);
        expect(d.transactions.map((t) => [t.txnId, t.context])).toEqual([['ctx1', true], ['ctx2', true]]);
        expect(d.subgraph.nodes.filter((n) => n.hop === 0).map((n) => [n.id, n.role, n.context])).toEqual([
          ['CHUB', 'source', true], ['CM1', 'mule', false], ['CM2', 'mule', false],
        ]);
        expect(d.subgraph.edges.filter((e) => e.inFinding).map((e) => e.id)).toEqual(['ctx1', 'ctx2']);
        // Not a member: listing by the hub's account does not find it.
        expect((await rings().list(INST, { account: 'CHUB', page: 1, pageSize: 10 })).total).toBe(0);
        const listed = await rings().list(INST, { account: 'CM1', page: 1, pageSize: 10 });
        expect(listed.items.map((x) => [x.memberCount, x.contextCount, x.txnCount])).toEqual([[2, 1, 2]]);
      } finally {
        await c!.database.db.deleteFrom('ring_findings').where('id', '=', 'ring_context').execute();
      }
    });

    it.skipIf(!c)('re-running the same window refreshes findings instead of duplicating them', async () => {
      const before = (await rings().list(INST, { page: 1, pageSize: 500 })).total;
      const s = await rings().mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'cli' });
      expect(s.newFindings).toBe(0);
      expect((await rings().list(INST, { page: 1, pageSize: 500 })).total).toBe(before);
      const runs = await c!.database.db.selectFrom('audit_events').select(['action', 'target_type']).where('action', '=', 'rings.mine').execute();
      expect(runs).toHaveLength(2);
    });

    it.skipIf(!c)('versions detector parameters, rejects invalid ones with paths, and audits every change', async () => {
      expect((await rings().params(INST)).version).toBe(0);
      const err = await rings().updateParams(INST, { cycle: { maxLength: 99 } }, actor, null).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).details.map((x) => x.path)).toEqual(['cycle.maxLength']);
      const v1 = await rings().updateParams(INST, { fanOut: { minDegree: 6 } }, actor, 'fewer fan-outs');
      expect(v1.version).toBe(1);
      const v2 = await rings().updateParams(INST, { cycle: { enabled: false } }, actor, null);
      expect(v2.params.fanOut.minDegree).toBe(6);
      expect((await rings().paramVersions(INST)).map((v) => v.version)).toEqual([2, 1]);
      const audits = await c!.database.db.selectFrom('audit_events').select(['before', 'after'])
        .where('action', '=', 'rings.params_update').orderBy('seq').execute();
      expect(audits).toHaveLength(2);
      expect(JSON.parse(audits[0].after!).params.fanOut.minDegree).toBe(6);
      expect(JSON.parse(audits[1].before!).version).toBe(1);
      const s = await rings().mineWindow({ institutionId: INST, from: T0, to: T0 + 30 * DAY, actor, trigger: 'api' });
      expect(s.paramsVersion).toBe(2);
    });
  });
}
