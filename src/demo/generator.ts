/**
 * Generates the demo bank: a synthetic Chinese bank with a branch tree, customers, accounts,
 * 90 days of everyday transactions and injected, labelled money-laundering and fraud typologies.
 * Pure and deterministic: no I/O, no clock reads except the default end date, and the same seed,
 * end date and scale always give byte-identical output.
 */
import type { DemoBank, DemoOptions } from './types.ts';
import type { DemoContext } from './context.ts';
import { Rng } from './rng.ts';
import { Calendar, shanghaiDayStart } from './time.ts';
import { Population, INSTITUTION, mainEndpoint, type Holder } from './population.ts';
import { Externals } from './externals.ts';
import { Ledger } from './ledger.ts';
import { simulatePerson } from './normal/persons.ts';
import { simulateOrg } from './normal/orgs.ts';
import { simulateSystemPostings } from './normal/system.ts';
import { injectTypologies } from './typologies/index.ts';
import { roundYuan } from './context.ts';

export const DEFAULT_DEMO_SEED = 20261123;
const PERSONS = 4_600;
const ORGS = 620;

export function generateDemoBank(options: DemoOptions = {}): DemoBank {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const endInput = options.endDate instanceof Date ? options.endDate.getTime() : options.endDate ?? Date.now();
  const end = shanghaiDayStart(endInput);
  const root = new Rng(seed);
  const cal = new Calendar(end);
  const pop = new Population(root.fork('population'), end);
  const ext = new Externals(root.fork('externals'), Math.max(200, Math.round(3_000 * scale)), Math.max(60, Math.round(600 * scale)));
  const ledger = new Ledger(cal, root.fork('sessions'));
  const ctx: DemoContext = { rng: root.fork('behaviour'), cal, pop, ext, ledger, scale };

  for (let i = Math.max(10, Math.round(ORGS * scale)); i > 0; i--) pop.addOrg();
  for (let i = Math.max(60, Math.round(PERSONS * scale)); i > 0; i--) pop.addPerson();
  assignIncome(ctx);

  for (const h of pop.orgs) simulateOrg(ctx, h);
  for (const h of pop.persons) simulatePerson(ctx, h);
  simulateSystemPostings(ctx);
  injectTypologies({ ...ctx, rng: root.fork('typologies') });

  const { transactions, labels } = ledger.finish();
  return {
    seed,
    window: { start: cal.start, end: cal.end },
    institution: { ...INSTITUTION },
    branches: pop.branches,
    customers: pop.customers(),
    accounts: pop.accounts(),
    transactions,
    labels,
    identifiers: pop.identifiers(),
    patterns: ledger.patterns,
  };
}

const NO_SALARY = new Set(['退休人员', '学生', '无业', '自由职业', '个体工商户', '农民']);

/** Salaries from employers (the bank's own corporate customers or other banks'), pensions, allowances. */
function assignIncome(ctx: DemoContext): void {
  const { rng: r, pop, ext } = ctx;
  const employers = pop.orgs.filter((o) => (mainEndpoint(o)?.openDay ?? 0) < 0);
  const paydays = new Map<Holder, number>();
  const externalEmployers = ext.orgs.slice(0, Math.max(10, Math.round(ext.orgs.length / 3)));
  const externalPaydays = externalEmployers.map(() => r.pick([5, 10, 15, 25]));
  for (const h of pop.persons) {
    const occupation = h.customer.occupation ?? '';
    if (occupation === '退休人员') {
      const from = ext.socialSecurity[ext.cityIndex(h.city.name)];
      h.income = { from, amountMinor: roundYuan(r.logNormal(3_800, 0.35), 1) + r.int(0, 99), day: r.int(6, 10), purpose: '养老金' };
    } else if (occupation === '学生') {
      h.income = { from: ext.newPerson({ otherProvince: r.chance(0.5) }), amountMinor: roundYuan(r.int(1_200, 3_500), 100), day: r.int(1, 5), purpose: '生活费' };
    } else if (!NO_SALARY.has(occupation)) {
      const salary = roundYuan(r.logNormal(occupation === '程序员' || occupation === '医生' ? 16_000 : 7_500, 0.45), 1);
      if (employers.length > 0 && r.chance(0.55)) {
        const employer = r.pick(employers);
        if (!paydays.has(employer)) paydays.set(employer, r.pick([5, 10, 15, 25]));
        h.income = { from: mainEndpoint(employer)!, amountMinor: salary, day: paydays.get(employer)!, purpose: '工资', payer: employer };
      } else {
        const k = r.int(0, externalEmployers.length - 1);
        h.income = { from: externalEmployers[k], amountMinor: salary, day: externalPaydays[k], purpose: '工资' };
      }
    }
  }
}
