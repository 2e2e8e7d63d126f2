import type { Module } from '../app/module.ts';
import { getService, type Container } from '../app/container.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { DEFAULT_INSTITUTION } from '../reference/reference.service.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import { generateDemoBank } from '../demo/generator.ts';
import type { KnownBadService } from '../rings/known-bad.service.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import { DemoSeedService } from './demo-seed.service.ts';
import { refreshStatistics } from '../store/statistics.ts';

export function demoSeedOf(c: Container): DemoSeedService {
  return getService<DemoSeedService>(c, 'demoSeed');
}

/** Demo data: loaded by `outpost serve` on an empty database unless OUTPOST_DEMO=off. */
export const seedModule: Module = {
  name: 'seed',
  init(c) {
    c.services.set('demoSeed', new DemoSeedService({
      db: c.database.db, reference: referenceServiceOf(c), ingest: ingestOf(c).ingest, now: () => c.clock.now(),
      // The rings module initialises after this one; the list is read when the demo loads.
      knownBad: () => c.services.get('ringsKnownBad') as KnownBadService | undefined,
    }));
  },
  async start(c) {
    if (c.config.demo === 'off') return;
    const seed = demoSeedOf(c);
    if (await seed.hasData(DEFAULT_INSTITUTION.id)) return;
    const t0 = Date.now();
    process.stdout.write('Empty database: loading the demo bank (set OUTPOST_DEMO=off to skip)...\n');
    const bank = generateDemoBank({ scale: c.config.demoScale, endDate: c.clock.now() });
    const r = await seed.load(bank, { ...SYSTEM_ACTOR, institutionId: bank.institution.id });
    // A bulk load: PostgreSQL's planner needs statistics before the first lists are read (store/statistics.ts).
    await refreshStatistics(c.database);
    process.stdout.write(`Demo bank loaded: ${bank.customers.length} customers, ${bank.accounts.length} accounts, ${r.accepted} transactions, ${r.quarantined} records in quarantine, in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  },
};
