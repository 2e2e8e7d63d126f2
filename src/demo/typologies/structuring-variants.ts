/**
 * Further structuring (拆分交易) variants: cash withdrawn just under RMB 50,000 day after day, cash
 * deposits split over several outlets in one day, and a large sum moved on in transfers just under
 * the large-transfer standard (RMB 500,000 for a person, RMB 2,000,000 for an organisation).
 */
import type { DemoContext } from '../context.ts';
import type { Holder } from '../population.ts';
import { roundYuan, timeOn } from '../context.ts';
import { mainEndpoint } from '../population.ts';
import { CITIES } from '../data/places.ts';
import { MINUTE, counterDay, existingPerson, isoDay } from './common.ts';

export function splitWithdrawals(ctx: DemoContext, _i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext } = ctx;
  const count = r.int(4, 5);
  const start = r.int(3, cal.days - 9);
  const { holder, endpoint } = existingPerson(ctx, (h) => h.age >= 30 && h.age < 58, { age: r.int(32, 55) }, used);
  const payer = ext.newOrg({ name: `${holder.city.name.replace(/市$/, '')}${r.pick(['宏达', '建华', '顺通', '远恒'])}建筑劳务有限公司` });
  const amounts = Array.from({ length: count }, () => roundYuan(r.int(45_500, 49_900), 100));
  const p = ctx.ledger.pattern('structuring', {
    'zh-CN': `拆分取现：${holder.customer.name} 收到 ${payer.party} 一笔款项后，连续多日在柜面各提取略低于5万元的现金，规避大额现金报告和预约`,
    en: `Structured withdrawals: after a payment from ${payer.party}, ${holder.customer.name} withdraws just under RMB 50,000 in cash at the counter on several days running, avoiding the large-cash report and advance booking`,
  });
  const total = amounts.reduce((a, b) => a + b, 0);
  p.add({ at: timeOn(ctx, counterDay(ctx, start), 'business'), from: payer, to: endpoint, amountMinor: roundYuan(total / 100 + r.int(0, 8_000), 100), channel: 'internet', type: 'transfer', purpose: r.pick(['劳务费', '工程款', '货款']), deviceId: null, ip: null });
  let day = start;
  for (const amount of amounts) {
    day = Math.min(day + 1, cal.days - 1);
    if (cal.weekday(day) === 0) day = Math.min(day + 1, cal.days - 1);
    p.add({ at: timeOn(ctx, day, 'counter'), from: endpoint, to: null, amountMinor: amount, channel: 'counter', type: 'cash_withdrawal', purpose: r.pick(['取现', '备用金', '家用']), deviceId: null, ip: null, location: ctx.pop.outletOf(holder.city).name });
  }
}

export function splitDepositsSameDay(ctx: DemoContext, _i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext, pop } = ctx;
  const days = r.int(2, 3);
  const start = r.int(3, cal.days - 16);
  const { holder, endpoint } = existingPerson(ctx, (h) => h.age >= 28 && h.age < 58, { age: r.int(30, 50) }, used);
  const outlets = pop.outlets[CITIES.indexOf(holder.city)];
  const p = ctx.ledger.pattern('structuring', {
    'zh-CN': `当日分散存现：${holder.customer.name} 在同一天跑多个网点和自助设备分笔存入现金，单笔均低于5万元、当日合计超过5万元，数日后集中转出`,
    en: `Same-day split deposits: ${holder.customer.name} deposits cash at several outlets and machines on the same day, each deposit below RMB 50,000 and the day's total above it, and moves it on a few days later`,
  });
  let day = start;
  let total = 0;
  for (let k = 0; k < days; k++) {
    day = counterDay(ctx, day);
    const places = r.sample(outlets, outlets.length);
    const n = Math.max(3, Math.min(places.length, r.int(3, 4)));
    let t = ctx.cal.at(day, r.int(9, 10), r);
    let dayTotal = 0;
    for (let j = 0; j < n || dayTotal < 5_000_000; j++) {
      const atm = r.chance(0.3);
      const amount = roundYuan(r.int(13_000, 19_800), 100);
      dayTotal += amount;
      p.add({ at: cal.clamp(t), from: null, to: endpoint, amountMinor: amount, channel: atm ? 'atm' : 'counter', type: 'cash_deposit', purpose: atm ? null : '存现', deviceId: null, ip: null, location: places[j % places.length].name });
      t += r.int(35, 90) * MINUTE;
    }
    total += dayTotal;
    day += r.int(3, 6);
  }
  const out = Math.min(day, cal.days - 1);
  p.add({ at: timeOn(ctx, out, 'personal'), from: endpoint, to: ext.newPerson({ otherProvince: true }), amountMinor: Math.floor((total * 0.96) / 100) * 100, channel: 'mobile', type: 'transfer', purpose: r.pick(['货款', '还款', '转账']) });
}

/**
 * A person receives the proceeds of a sale and moves them to one or two accounts in tranches just
 * under RMB 500,000; an organisation moves a large receipt on in tranches just under RMB 2,000,000.
 */
export function nearThresholdTransfers(ctx: DemoContext, i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext, pop } = ctx;
  const tranches = r.int(3, 4);
  const start = r.int(3, cal.days - 10);
  if (i % 2 === 1) {
    const org = pop.addOrg({ synthetic: true, accounts: 1, openedAt: isoDay(ctx, -r.int(400, 3000)), riskLevel: 'low' });
    const ep = mainEndpoint(org)!;
    const payee = ext.newOrg({ otherProvince: r.chance(0.5) });
    const p = ctx.ledger.pattern('structuring', {
      'zh-CN': `单位拆分转账：${org.customer.name} 收到一笔大额工程款后，分 ${tranches} 天向同一家公司 ${payee.party} 各转出略低于200万元`,
      en: `Organisation splitting transfers: ${org.customer.name} receives a large construction payment and sends ${payee.party} just under RMB 2,000,000 on each of ${tranches} days`,
    });
    const amounts = Array.from({ length: tranches }, () => roundYuan(r.int(1_820_000, 1_990_000), 1000));
    const total = amounts.reduce((a, b) => a + b, 0);
    p.add({ at: timeOn(ctx, counterDay(ctx, start), 'business'), from: ext.newOrg(), to: ep, amountMinor: total + roundYuan(r.int(50_000, 300_000), 1000), channel: 'internet', type: 'transfer', purpose: '工程款', deviceId: null, ip: null });
    let day = start;
    for (const amount of amounts) {
      day = Math.min(day + r.int(1, 2), cal.days - 1);
      p.add({ at: timeOn(ctx, day, 'business'), from: ep, to: payee, amountMinor: amount, channel: 'internet', type: 'transfer', purpose: r.pick(['往来款', '货款', '借款']) });
    }
    return;
  }
  const { holder, endpoint } = existingPerson(ctx, (h) => h.age >= 35 && h.age < 60, { age: r.int(38, 58) }, used);
  const surname = holder.customer.name.slice(0, 1);
  const payees = Array.from({ length: r.int(1, 2) }, () => ext.newPerson({ city: holder.city, name: surname + r.pick(['建国', '丽华', '志强', '秀英', '伟', '敏']) }));
  const amounts = Array.from({ length: tranches }, () => roundYuan(r.int(455_000, 499_000), 1000));
  const total = amounts.reduce((a, b) => a + b, 0);
  const p = ctx.ledger.pattern('structuring', {
    'zh-CN': `拆分转账：${holder.customer.name} 收到约 ${Math.round(total / 1_000_000)} 万元售房款后，数日内分 ${tranches} 笔、每笔略低于50万元转给亲属账户，规避大额转账报告`,
    en: `Split transfers: ${holder.customer.name} receives about RMB ${Math.round(total / 100_000_000 * 10) / 10} million from a property sale and within days sends it to relatives in ${tranches} transfers just under RMB 500,000 each, avoiding the large-transfer report`,
  });
  p.add({ at: timeOn(ctx, counterDay(ctx, start), 'counter'), from: ext.newPerson({ city: holder.city }), to: endpoint, amountMinor: total + roundYuan(r.int(10_000, 60_000), 1000), channel: 'counter', type: 'transfer', purpose: '购房款', deviceId: null, ip: null });
  let day = start;
  for (const amount of amounts) {
    day = Math.min(day + r.int(1, 2), cal.days - 1);
    p.add({ at: timeOn(ctx, day, 'personal'), from: endpoint, to: r.pick(payees), amountMinor: amount, channel: r.chance(0.7) ? 'mobile' : 'internet', type: 'transfer', purpose: r.pick(['转账', '借款', null]) });
  }
}
