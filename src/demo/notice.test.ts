import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoBank } from './generator.ts';
import { demoPoliceNotice } from './notice.ts';
import { createTestContainer } from '../../test/helpers/container.ts';
import { demoSeedOf } from '../seed/seed.module.ts';
import { getService } from '../app/container.ts';
import type { KnownBadService } from '../rings/known-bad.service.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';

const END = Date.parse('2026-11-20T00:00:00Z');

describe('the demo bank\'s police notice', async () => {
  const bank = generateDemoBank({ scale: 0.03, endDate: END });

  it('names the account each telecom-fraud victim paid first, once, the same for the same seed', () => {
    const notice = demoPoliceNotice(bank);
    const fraud = bank.patterns.filter((p) => p.typology === 'telecom_fraud');
    expect(fraud.length).toBeGreaterThan(0);
    expect(notice).toHaveLength(new Set(notice.map((e) => e.accountId)).size);
    const labelled = new Set(bank.labels.filter((l) => l.typology === 'telecom_fraud').map((l) => l.txnId));
    for (const e of notice) {
      // the victim's transfers into it are labelled telecom fraud, and it passes the money on
      const into = bank.transactions.filter((t) => t.creditAccount === e.accountId && labelled.has(t.id));
      const out = bank.transactions.filter((t) => t.debitAccount === e.accountId && labelled.has(t.id));
      expect(into.length).toBeGreaterThan(0);
      expect(out.length).toBeGreaterThan(0);
    }
    expect(demoPoliceNotice(generateDemoBank({ scale: 0.03, endDate: END }))).toEqual(notice);
  });

  const c = await createTestContainer('sqlite');
  afterAll(async () => { await c?.close(); });

  it('is on the known-bad list once the demo is loaded, and loading again changes nothing', async () => {
    const actor = { ...SYSTEM_ACTOR, institutionId: bank.institution.id };
    await demoSeedOf(c!).load(bank, actor);
    const list = getService<KnownBadService>(c!, 'ringsKnownBad');
    const listed = await list.list(bank.institution.id, { page: 1, pageSize: 100 });
    expect(listed.items.map((e) => e.accountId).sort()).toEqual(demoPoliceNotice(bank).map((e) => e.accountId).sort());
    expect(listed.items.every((e) => e.source === 'police_notice')).toBe(true);
    await demoSeedOf(c!).load(bank, actor);
    expect((await list.list(bank.institution.id, { page: 1, pageSize: 100 })).total).toBe(listed.total);
  });
});
