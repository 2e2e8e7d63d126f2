/**
 * Illegal fund-raising through "pension project" seminars (养老项目非法集资): a newly opened company
 * account takes subscriptions from dozens of individuals within weeks, older customers of one outlet
 * withdraw cash on the seminar day and the salesman pays it in, the company withdraws large cash
 * repeatedly, pays one month's "interest" and then moves most of the pool out in one transfer.
 */
import type { DemoContext } from '../context.ts';
import type { Endpoint, Holder } from '../population.ts';
import { roundYuan, timeOn } from '../context.ts';
import { mainEndpoint } from '../population.ts';
import { counterDay, isoDay } from './common.ts';
import { INDUSTRIES } from '../data/names.ts';

export function pensionSeminarFundraising(ctx: DemoContext, _i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext, pop } = ctx;
  const start = r.int(8, cal.days - 62);
  const city = pop.pickCity();
  const short = city.name.replace(/市$/, '');
  const company = pop.addOrg({
    name: `${short}${r.pick(['康颐', '福寿', '安泰', '颐和'])}养老产业发展有限公司`, city, synthetic: true, accounts: 1,
    industry: INDUSTRIES.find((x) => x.suffix === '咨询服务有限公司'), openedAt: isoDay(ctx, start - r.int(5, 25)), riskLevel: 'low',
  });
  const ep = mainEndpoint(company)!;
  const outlet = pop.outletOf(city);
  const older = pop.persons.filter((h) => !h.synthetic && !used.has(h) && h.city === city && h.age >= 50 && (mainEndpoint(h)?.openDay ?? 0) < 0);
  const group = older.filter((h) => h.customer.branchId === outlet.id && h.age >= 60 && h.age < 85);
  const seminar = r.sample(group, r.int(3, 5));
  for (const h of seminar) used.add(h);
  const investors: Endpoint[] = [];
  for (let k = r.int(34, 48); k > 0; k--) {
    const pool = older.filter((h) => !used.has(h));
    if (pool.length > 0 && r.chance(0.5)) {
      const h = r.pick(pool);
      used.add(h);
      investors.push(mainEndpoint(h)!);
    } else {
      investors.push(ext.newPerson({ city }));
    }
  }
  const p = ctx.ledger.pattern('illegal_fundraising', {
    'zh-CN': `养老项目非法集资：新开户的 ${company.customer.name} 数周内向 ${investors.length} 名个人吸收“养老床位认购款”，${seminar.length} 名老人在推介会当天于同一网点取现交给业务员存入；公司多次大额取现、付一期“利息”后将大部分资金一次转走`,
    en: `Illegal fund-raising through pension seminars: the newly opened ${company.customer.name} takes "care-bed subscriptions" from ${investors.length} individuals within weeks; ${seminar.length} older customers withdraw cash at one outlet on the seminar day and the salesman pays it in; the company withdraws large cash several times, pays one round of "interest" and moves most of the pool out in one transfer`,
  });
  let collected = 0;
  const paid: { ep: Endpoint; principal: number; day: number }[] = [];
  for (const inv of investors) {
    const day = counterDay(ctx, r.int(start, start + 22));
    const principal = r.int(2, 12) * 1_000_000;
    collected += principal;
    const counter = inv.holder !== null && (inv.holder.age >= 65 || inv.holder.devices.length === 0);
    p.add({ at: timeOn(ctx, day, counter ? 'counter' : 'personal'), from: inv, to: ep, amountMinor: principal, channel: counter ? 'counter' : inv.holder ? 'mobile' : 'internet', type: 'transfer', purpose: r.pick(['认购款', '床位认购', '养老项目', null]), ...(counter || !inv.holder ? { deviceId: null, ip: null } : {}) });
    paid.push({ ep: inv, principal, day });
  }
  // Seminar day: the older customers withdraw cash at their outlet; the salesman pays it in.
  const seminarDay = counterDay(ctx, start + r.int(8, 18));
  let cash = 0;
  for (const h of seminar) {
    const amount = roundYuan(r.int(10_000, 40_000), 1000);
    cash += amount;
    const from = mainEndpoint(h)!;
    p.add({ at: timeOn(ctx, seminarDay, 'counter'), from, to: null, amountMinor: amount, channel: 'counter', type: 'cash_withdrawal', purpose: r.pick(['取现', '家用', '购买理财']), deviceId: null, ip: null, location: outlet.name });
  }
  if (cash > 0) {
    collected += cash;
    p.add({ at: cal.at(seminarDay, 16, r), from: null, to: ep, amountMinor: cash, channel: 'counter', type: 'cash_deposit', purpose: '认购款', deviceId: null, ip: null, location: ep.city });
  }
  // Large cash withdrawals: about a quarter of the pool over two to three weeks.
  let cashOut = 0;
  let day = start + r.int(12, 14);
  for (let k = r.int(3, 4); k > 0; k--) {
    const amount = roundYuan(Math.max(200_000, (collected / 100) * r.int(8, 10) / 100), 10_000);
    cashOut += amount;
    p.add({ at: timeOn(ctx, counterDay(ctx, day), 'counter'), from: ep, to: null, amountMinor: amount, channel: 'counter', type: 'cash_withdrawal', purpose: r.pick(['备用金', '发放工资', '差旅费']), deviceId: null, ip: null, location: ep.city });
    day += r.int(4, 6);
  }
  // One round of monthly "interest" (1.5–2%) to those who subscribed by transfer.
  const interestDay = start + r.int(29, 31);
  let interest = 0;
  for (const x of paid) {
    if (x.day > interestDay - 7) continue;
    const amount = Math.round(x.principal * r.pick([0.015, 0.018, 0.02]) / 100) * 100;
    interest += amount;
    p.add({ at: timeOn(ctx, interestDay, 'business'), from: ep, to: x.ep, amountMinor: amount, channel: 'internet', type: 'transfer', purpose: r.pick(['利息', '月收益', '养老补贴']) });
  }
  // The pool leaves in one transfer to a company elsewhere.
  const drainDay = Math.min(Math.max(day, interestDay) + r.int(1, 3), cal.days - 1);
  const left = collected - cashOut - interest;
  const drain = Math.floor(Math.max(left * 0.85, Math.min(left, collected * 0.55)) / 100_000) * 100_000;
  p.add({ at: timeOn(ctx, drainDay, 'business'), from: ep, to: ext.newOrg({ otherProvince: true }), amountMinor: drain, channel: 'internet', type: 'transfer', purpose: r.pick(['项目投资款', '往来款', '工程款']) });
}
