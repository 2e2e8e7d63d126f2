/**
 * Everyday behaviour of personal customers: income, bills, rent, card repayments, shopping (POS and
 * third-party payment), transfers to and from friends, cash at ATMs and counters, savings.
 * Rates are per day and shaped by age, weekday and local time of day.
 */
import type { Channel } from '../../domain/transaction.ts';
import type { DemoContext } from '../context.ts';
import { timeOn, fen, roundYuan, workdaysOfMonth } from '../context.ts';
import { mainEndpoint, type Endpoint, type Holder } from '../population.ts';
import { BILLERS, SHOP_PURPOSES, P2P_PURPOSES } from '../data/names.ts';
import { DAY } from '../time.ts';

const BILL_PROBABILITY = [0.9, 0.6, 0.5, 0.95, 0.5];
const CASH_AMOUNTS = [100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000];
const CASH_WEIGHTS = [6, 14, 10, 18, 5, 18, 4, 12, 6, 4];

/** The endpoint if its account was open before `day`, else null. */
export function openBy(ep: Endpoint | null, day: number): Endpoint | null {
  return ep && ep.openDay < day ? ep : null;
}

const merchantCache = new WeakMap<object, Map<string, Holder[]>>();

/** Retail organisations of the demo bank in the person's city (their POS takings land here). */
function merchantsIn(ctx: DemoContext, h: Holder): Holder[] {
  let byCity = merchantCache.get(ctx.pop);
  if (!byCity) {
    byCity = new Map();
    for (const o of ctx.pop.orgs) {
      if (!o.industry?.retail || o.synthetic) continue;
      const list = byCity.get(o.city.name) ?? [];
      list.push(o);
      byCity.set(o.city.name, list);
    }
    merchantCache.set(ctx.pop, byCity);
  }
  return byCity.get(h.city.name) ?? [];
}

/** Simulates one person from `fromDay` to the end of the window. */
export function simulatePerson(ctx: DemoContext, h: Holder, fromDay = 0): void {
  const ep = mainEndpoint(h);
  if (!ep) return;
  fromDay = Math.max(fromDay, ep.openDay + 1);
  const { rng: r, cal } = ctx;
  const elderly = h.age >= 65;
  // Customers without a registered device (some of the oldest) use the counter, ATM, POS and auto-debit only.
  const online = h.devices.length > 0;
  const ci = ctx.ext.cityIndex(h.city.name);

  // Monthly income: salary, pension or an allowance from a parent.
  if (h.income) {
    const inc = h.income;
    for (const day of workdaysOfMonth(ctx, inc.day)) {
      if (day < fromDay || day <= inc.from.openDay) continue;
      const profile = inc.purpose === '生活费' ? 'personal' : inc.purpose === '养老金' ? 'settlement' : 'business';
      ctx.ledger.add({
        at: timeOn(ctx, day, profile), from: inc.from, to: ep,
        amountMinor: Math.round(inc.amountMinor * (inc.purpose === '工资' ? r.logNormal(1, 0.06) : 1)),
        channel: inc.purpose === '生活费' ? 'mobile' : 'internet', type: inc.purpose === '生活费' ? 'transfer' : 'salary',
        purpose: inc.purpose, deviceId: null, ip: null,
      });
    }
  }

  // Utility and phone bills on a fixed day of the month.
  BILLERS.forEach((b, bi) => {
    if (!r.chance(BILL_PROBABILITY[bi] * (h.age < 23 ? 0.4 : 1))) return;
    const dom = r.int(1, 28);
    const channel: Channel = online ? r.weighted<Channel>(['third_party', 'mobile', 'internet'], elderly ? [30, 20, 50] : [55, 30, 15]) : 'internet';
    for (const day of cal.daysOfMonth(dom)) {
      if (day < fromDay) continue;
      ctx.ledger.add({
        at: timeOn(ctx, day, channel === 'internet' ? 'batch' : 'personal'), from: ep, to: ctx.ext.billers[ci][bi],
        amountMinor: fen(r.logNormal(b.median, b.sigma)), channel, type: 'bill', purpose: b.purpose,
        // 'internet' bills are the biller's overnight auto-debit: no customer session.
        ...(channel === 'internet' ? { deviceId: null, ip: null } : {}),
      });
    }
  });

  // Rent to a landlord and repayment of a credit card at another bank.
  const monthly: { to: Endpoint; amount: () => number; purpose: string }[] = [];
  if (h.age >= 22 && h.age <= 40 && r.chance(0.3)) {
    const rent = roundYuan((ci <= 1 ? 4500 : 2600) * r.logNormal(1, 0.3), 100);
    monthly.push({ to: ctx.ext.newPerson({ city: h.city }), amount: () => rent, purpose: '房租' });
  }
  if (h.age >= 23 && h.age <= 60 && r.chance(0.3)) {
    const card = ctx.ext.newPerson({ city: h.city, name: h.customer.name });
    monthly.push({ to: card, amount: () => fen(r.logNormal(3000, 0.8)), purpose: '信用卡还款' });
  }
  for (const m of monthly) {
    for (const day of cal.daysOfMonth(r.int(1, 28))) {
      if (day >= fromDay) ctx.ledger.add({ at: timeOn(ctx, day, 'personal'), from: ep, to: m.to, amountMinor: m.amount(), channel: 'mobile', type: 'transfer', purpose: m.purpose });
    }
  }

  // Moving money to the customer's own savings account.
  const savingsIndex = h.accounts.findIndex((a) => a.type === 'savings' && a.status === 'active');
  const saver = savingsIndex >= 0 && r.chance(0.5) ? h.endpoints[savingsIndex] : null;
  const saveDay = r.int(1, 28);

  const shopRate = 0.19 * h.activity;
  const p2pOut = 0.05 * h.activity;
  const p2pIn = 0.03 * h.activity;
  const atmRate = elderly ? 0.06 : 0.035;
  const selfEmployed = h.customer.occupation === '个体工商户';
  const merchants = merchantsIn(ctx, h);

  for (let day = fromDay; day < cal.days; day++) {
    const weekend = cal.isWeekend(day);
    const sunday = cal.weekday(day) === 0;
    for (let n = r.poisson(shopRate * (weekend ? 1.3 : 1)); n > 0; n--) {
      const channel: Channel = !online ? 'pos' : r.weighted<Channel>(['third_party', 'pos', 'internet'], elderly ? [35, 65, 0] : [60, 30, 10]);
      const to = channel === 'third_party' ? r.pick(ctx.ext.platforms)
        : channel === 'pos' && merchants.length > 0 && r.chance(0.5) ? openBy(mainEndpoint(r.pick(merchants)), day) ?? r.pick(ctx.ext.orgs)
          : r.pick(ctx.ext.orgs);
      const at = timeOn(ctx, day, 'shopping');
      const amountMinor = fen(Math.min(30_000, r.logNormal(45, 1.0)));
      ctx.ledger.add({ at, from: ep, to, amountMinor, channel, type: 'payment', purpose: r.pick(SHOP_PURPOSES), ...(channel === 'pos' ? { deviceId: null, ip: null } : {}) });
      if (r.chance(0.015) && at + 3 * DAY < cal.end) {
        ctx.ledger.add({ at: at + r.int(1, 3) * DAY, from: to, to: ep, amountMinor, channel, type: 'refund', purpose: '退款', deviceId: null, ip: null });
      }
    }
    for (let n = r.poisson(p2pOut); n > 0; n--) {
      const friend = r.chance(0.35) ? mainEndpoint(r.pick(ctx.pop.persons)) : null;
      const to = friend && friend !== ep && friend.openDay < day ? friend : r.pick(ctx.ext.persons);
      const yuan = Math.min(elderly ? 20_000 : 50_000, r.logNormal(400, 1.1));
      const counter = !online || (!sunday && r.chance(elderly ? 0.4 : 0.05));
      if (counter && sunday) continue;
      ctx.ledger.add({
        at: timeOn(ctx, day, counter ? 'counter' : 'personal'), from: ep, to, amountMinor: r.chance(0.6) ? roundYuan(yuan, 1) : roundYuan(yuan, 100),
        channel: counter ? 'counter' : r.chance(0.9) ? 'mobile' : 'internet', type: 'transfer', purpose: r.pick(P2P_PURPOSES),
        ...(counter ? { deviceId: null, ip: null } : {}),
      });
    }
    for (let n = r.poisson(p2pIn); n > 0; n--) {
      ctx.ledger.add({ at: timeOn(ctx, day, 'personal'), from: r.pick(ctx.ext.persons), to: ep, amountMinor: roundYuan(r.logNormal(300, 1.0), 1), channel: 'mobile', type: 'transfer', purpose: r.pick(P2P_PURPOSES), deviceId: null, ip: null });
    }
    if (r.chance(atmRate)) {
      const counter = elderly && !sunday && r.chance(0.4);
      const amount = counter ? roundYuan(r.logNormal(3000, 0.6), 100) : r.weighted(CASH_AMOUNTS, CASH_WEIGHTS) * 100;
      ctx.ledger.add({ at: timeOn(ctx, day, counter ? 'counter' : 'atm'), from: ep, to: null, amountMinor: Math.min(amount, 2_000_000), channel: counter ? 'counter' : 'atm', type: 'cash_withdrawal', purpose: counter ? '取现' : null, deviceId: null, ip: null, location: ep.city });
    }
    if (r.chance(selfEmployed ? 0.12 : 0.008)) {
      const counter = !sunday && r.chance(0.6);
      ctx.ledger.add({ at: timeOn(ctx, day, counter ? 'counter' : 'atm'), from: null, to: ep, amountMinor: roundYuan(Math.min(30_000, r.logNormal(selfEmployed ? 6000 : 2000, 0.7)), 100), channel: counter ? 'counter' : 'atm', type: 'cash_deposit', purpose: counter ? '存现' : null, deviceId: null, ip: null, location: ep.city });
    }
    if (selfEmployed && r.chance(0.7)) {
      ctx.ledger.add({ at: timeOn(ctx, day, 'settlement'), from: r.pick(ctx.ext.platforms), to: ep, amountMinor: fen(r.logNormal(1200, 0.8)), channel: 'third_party', type: 'transfer', purpose: '收款码结算', deviceId: null, ip: null });
    }
    if (saver && saver !== ep && saver.openDay < day && cal.dayOfMonth(day) === saveDay && (online || !sunday)) {
      ctx.ledger.add({
        at: timeOn(ctx, day, online ? 'personal' : 'counter'), from: ep, to: saver, amountMinor: roundYuan(r.logNormal(3000, 0.7), 100),
        channel: online ? 'mobile' : 'counter', type: 'transfer', purpose: '转存', ...(online ? {} : { deviceId: null, ip: null }),
      });
    }
  }
}
