/** Building blocks shared by the typology injectors: mule clusters, shell companies, victims. */
import type { DemoContext } from '../context.ts';
import { mainEndpoint, type Endpoint, type Holder } from '../population.ts';
import { simulatePerson } from '../normal/persons.ts';
import { deviceId, ipAddress, mobileNumber } from '../identity.ts';
import { shanghaiDate } from '../time.ts';
import { INDUSTRIES } from '../data/names.ts';
import type { City } from '../data/places.ts';

export const MINUTE = 60_000;

/** ISO date of a window day (negative days fall before the window). */
export function isoDay(ctx: DemoContext, day: number): string {
  return shanghaiDate(ctx.cal.dayStart(day));
}

/**
 * Mule accounts opened together shortly before they are used: young holders, one outlet, and one
 * device and IP shared by all of them (some also share a phone number or an address), the
 * "shared identifier" signal of card-trading rings.
 */
export function muleCluster(ctx: DemoContext, size: number, firstUseDay: number): { holders: Holder[]; endpoints: Endpoint[] } {
  const { rng: r, pop } = ctx;
  const city = pop.pickCity();
  const outlet = pop.outletOf(city);
  const sharedDevice = deviceId(r);
  const sharedIp = ipAddress(r);
  const sharedPhone = r.chance(0.5) ? mobileNumber(r) : null;
  const shareAddress = r.chance(0.6);
  const openDay = firstUseDay - r.int(4, 40);
  const holders: Holder[] = [];
  for (let i = 0; i < size; i++) {
    const h = pop.addPerson({
      age: r.weighted([r.int(18, 24), r.int(25, 35), r.int(36, 50)], [50, 40, 10]), city, accounts: 1, synthetic: true,
      occupation: r.pick(['学生', '无业', '自由职业', '快递员', '工人']), riskLevel: r.weighted(['low', 'medium'] as const, [70, 30]),
      openedAt: isoDay(ctx, openDay + r.int(0, 2)), branchId: outlet.id,
    });
    h.devices = r.chance(0.3) ? [sharedDevice, deviceId(r)] : [sharedDevice];
    h.ips = [sharedIp];
    if (sharedPhone && i > 0 && r.chance(0.7)) h.customer.phone = sharedPhone;
    if (shareAddress && i > 0) h.customer.address = holders[0].customer.address;
    holders.push(h);
    // A little ordinary spending so the account is not obviously empty apart from the pattern.
    h.activity = 0.3;
    simulatePerson(ctx, h, Math.max(0, openDay + 3));
  }
  return { holders, endpoints: holders.map((h) => mainEndpoint(h)!) };
}

/** A recently registered company used as a pass-through (shell). */
export function shellCompany(ctx: DemoContext, firstUseDay: number, name?: string): { holder: Holder; endpoint: Endpoint } {
  const { rng: r, pop } = ctx;
  const holder = pop.addOrg({
    name, industry: INDUSTRIES.find((i) => i.suffix === (name ? '咨询服务有限公司' : '贸易有限公司')), synthetic: true, accounts: 1,
    openedAt: isoDay(ctx, firstUseDay - r.int(20, 120)), riskLevel: r.weighted(['low', 'medium'] as const, [60, 40]),
  });
  return { holder, endpoint: mainEndpoint(holder)! };
}

/** An existing everyday customer matching `filter`, or a new one simulated like the others. */
export function existingPerson(ctx: DemoContext, filter: (h: Holder) => boolean, create: { age: number }, used: Set<Holder>): { holder: Holder; endpoint: Endpoint } {
  // Only customers whose everyday account existed before the window, so the pattern has a history.
  const candidates = ctx.pop.persons.filter((h) => !h.synthetic && !used.has(h) && filter(h) && (mainEndpoint(h)?.openDay ?? 0) < 0);
  let holder: Holder;
  if (candidates.length > 0) {
    holder = ctx.rng.pick(candidates);
  } else {
    holder = ctx.pop.addPerson({ age: create.age, accounts: 1, openedAt: isoDay(ctx, -ctx.rng.int(200, 3000)) });
    simulatePerson(ctx, holder);
  }
  used.add(holder);
  return { holder, endpoint: mainEndpoint(holder)! };
}

/** Splits `total` minor units into `parts` uneven positive amounts (rounded to whole yuan). */
export function split(ctx: DemoContext, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.6 + ctx.rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.max(100, Math.floor((total * w) / sum / 100) * 100));
  return out;
}

/**
 * A customer opened before the window and used for everyday spending at `activity`, who then lends
 * or rents the card to a scheme (the "front" of underground banking, gambling or FX splitting).
 */
export function frontPerson(ctx: DemoContext, opts: { age: number; occupation?: string; activity?: number; city?: City; branchId?: string; openedDaysBefore?: number }): { holder: Holder; endpoint: Endpoint } {
  const { rng: r, pop } = ctx;
  const holder = pop.addPerson({
    age: opts.age, occupation: opts.occupation, accounts: 1, synthetic: true, city: opts.city, branchId: opts.branchId,
    openedAt: isoDay(ctx, -(opts.openedDaysBefore ?? r.int(200, 2500))), riskLevel: r.weighted(['low', 'medium'] as const, [75, 25]),
  });
  holder.activity = opts.activity ?? 0.4;
  if (holder.activity > 0) simulatePerson(ctx, holder);
  return { holder, endpoint: mainEndpoint(holder)! };
}

/** A foreign-currency account of `holder`, opened on window day `openDay` (negative: before the window). */
export function fxAccount(ctx: DemoContext, holder: Holder, currency: string, openDay: number): Endpoint {
  const acc = ctx.pop.addAccount(holder, { type: holder.customer.kind === 'person' ? 'savings' : 'current', status: 'active', openedAt: isoDay(ctx, openDay), currency });
  return holder.endpoints[holder.accounts.indexOf(acc)];
}

/** A window day on or before `day` that is not a Sunday (counters of the demo bank close on Sundays). */
export function counterDay(ctx: DemoContext, day: number): number {
  return ctx.cal.weekday(day) === 0 ? Math.max(0, day - 1) : day;
}
