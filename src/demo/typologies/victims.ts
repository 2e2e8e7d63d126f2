/**
 * Typologies with victims among ordinary customers: elderly-victim scams (first large transfer to a
 * new payee elsewhere, or a first large cash withdrawal) and illegal fund-raising (many small,
 * mostly older investors pay a collection account that pays "interest" and then drains it).
 */
import type { DemoContext } from '../context.ts';
import type { Endpoint, Holder } from '../population.ts';
import { roundYuan, timeOn } from '../context.ts';
import { existingPerson, shellCompany, split } from './common.ts';
import { mainEndpoint } from '../population.ts';

export const ELDERLY_AGE = 65;

export function elderlyVictim(ctx: DemoContext, i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext } = ctx;
  const { holder, endpoint } = existingPerson(ctx, (h) => h.age >= ELDERLY_AGE, { age: r.int(66, 85) }, used);
  let day = r.int(30, cal.days - 3);
  while (cal.weekday(day) === 0) day--;
  const name = holder.customer.name;
  if (i % 2 === 0) {
    const payee = r.chance(0.5) ? ext.newPerson({ otherProvince: true }) : ext.newOrg({ otherProvince: true, name: `${r.pick(['康寿', '福瑞', '长青', '颐年'])}健康科技有限公司` });
    const p = ctx.ledger.pattern('elderly_victim', {
      'zh-CN': `老年客户受骗转账：${holder.age}岁的${name}首次向外地陌生账户 ${payee.account} 大额转账（称“保健品预付款/高息返还”），次日再次转账`,
      en: `Elderly scam victim: ${name}, aged ${holder.age}, makes a first large transfer to a new payee elsewhere (${payee.account}) for "health products / high returns", and again the next day`,
    });
    const purpose = r.pick(['保健品预付款', '投资款', '诚意金', '养老项目认购']);
    p.add({ at: timeOn(ctx, day, 'counter'), from: endpoint, to: payee, amountMinor: roundYuan(r.int(50_000, 150_000), 1000), channel: 'counter', type: 'transfer', purpose, deviceId: null, ip: null });
    const next = cal.weekday(day + 1) === 0 ? day + 2 : day + 1;
    if (next < cal.days) {
      p.add({ at: timeOn(ctx, next, 'counter'), from: endpoint, to: payee, amountMinor: roundYuan(r.int(20_000, 80_000), 1000), channel: 'counter', type: 'transfer', purpose, deviceId: null, ip: null });
    }
    return;
  }
  const p = ctx.ledger.pattern('elderly_victim', {
    'zh-CN': `老年客户大额取现：${holder.age}岁的${name}首次在柜面提取大额现金（疑被诱导购买保健品或“投资”）`,
    en: `Elderly scam victim: ${name}, aged ${holder.age}, withdraws a large amount of cash at the counter for the first time (suspected inducement)`,
  });
  const savings = holder.accounts.findIndex((a) => a.type === 'savings' && a.status === 'active');
  const amount = roundYuan(r.int(50_000, 120_000), 1000);
  let t = timeOn(ctx, day, 'counter');
  if (savings >= 0 && holder.endpoints[savings].openDay < day && r.chance(0.7)) {
    // Breaks a time deposit into the card first (EV-04), then withdraws.
    p.add({ at: t, from: holder.endpoints[savings], to: endpoint, amountMinor: amount, channel: 'counter', type: 'transfer', purpose: '定期提前支取', deviceId: null, ip: null });
    t += r.int(3, 15) * 60_000;
  }
  p.add({ at: cal.clamp(t), from: endpoint, to: null, amountMinor: amount, channel: 'counter', type: 'cash_withdrawal', purpose: r.pick(['家用', '取现', '购买保健品']), deviceId: null, ip: null, location: endpoint.city });
}

export function illegalFundraising(ctx: DemoContext, _i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext, pop } = ctx;
  const start = r.int(3, 15);
  const words = r.pick(['鑫盛财富', '恒泰普惠', '瑞丰养老', '金诚互助', '汇众投资']);
  const collector = shellCompany(ctx, start, `${r.pick(['上海', '杭州', '南京'])}${words}咨询服务有限公司`);
  const investorCount = Math.max(12, Math.round(r.int(30, 50) * Math.min(1, ctx.scale * 4)));
  const older = pop.persons.filter((h) => !h.synthetic && !used.has(h) && h.age >= 50 && (mainEndpoint(h)?.openDay ?? 0) < 0);
  const investors: { ep: Endpoint; elderly: boolean }[] = [];
  for (let k = 0; k < investorCount; k++) {
    if (older.length > 0 && r.chance(0.6)) {
      const h = older.splice(r.int(0, older.length - 1), 1)[0];
      used.add(h);
      investors.push({ ep: mainEndpoint(h)!, elderly: h.age >= 60 });
    } else {
      investors.push({ ep: ext.newPerson({ city: collector.holder.city }), elderly: false });
    }
  }
  const ep = collector.endpoint;
  const monthly = r.pick([0.01, 0.0125, 0.015]);
  const p = ctx.ledger.pattern('illegal_fundraising', {
    'zh-CN': `非法集资：${ep.party} 向 ${investorCount} 名以中老年人为主的个人吸收“理财认购款”（固定份额整数倍），按月${(monthly * 100).toFixed(2)}%付息，并大额取现、集中转出`,
    en: `Illegal fund-raising: ${ep.party} collects fixed-unit "subscriptions" from ${investorCount} mostly older individuals, pays ${(monthly * 100).toFixed(2)}% monthly "interest", withdraws large cash and moves the pool out`,
  });
  const unit = r.pick([10_000, 5_000]);
  let collected = 0;
  const payDom = r.int(18, 25);
  for (const inv of investors) {
    let day = r.int(start, Math.min(cal.days - 20, start + 50));
    if (cal.weekday(day) === 0) day--;
    const principal = unit * r.int(2, 20) * 100;
    collected += principal;
    const offline = inv.ep.holder !== null && inv.ep.holder.devices.length === 0;
    const counter = inv.elderly || offline;
    p.add({ at: timeOn(ctx, day, counter ? 'counter' : 'personal'), from: inv.ep, to: ep, amountMinor: principal, channel: counter ? 'counter' : inv.ep.holder ? 'mobile' : 'internet', type: 'transfer', purpose: r.pick(['理财认购', '投资款', '认购款', '复投']), ...(counter || !inv.ep.holder ? { deviceId: null, ip: null } : {}) });
    for (let d = day + 20; d < cal.days; d++) {
      if (cal.dayOfMonth(d) !== payDom) continue;
      p.add({ at: timeOn(ctx, d, 'business'), from: ep, to: inv.ep, amountMinor: Math.round(principal * monthly), channel: 'internet', type: 'transfer', purpose: r.pick(['利息', '月息', '收益']) });
    }
  }
  const cashDays = r.sample(Array.from({ length: cal.days - start - 10 }, (_, k) => start + 10 + k).filter((d) => cal.weekday(d) !== 0), r.int(3, 5));
  let cashOut = 0;
  for (const d of cashDays) {
    const amount = roundYuan(Math.min((collected / 100) * 0.08, r.int(50_000, 200_000)), 1000);
    cashOut += amount;
    p.add({ at: timeOn(ctx, d, 'counter'), from: ep, to: null, amountMinor: amount, channel: 'counter', type: 'cash_withdrawal', purpose: '备用金', deviceId: null, ip: null, location: ep.city });
  }
  const drainDay = r.int(cal.days - 8, cal.days - 1);
  const target = ext.newOrg({ otherProvince: true });
  for (const amount of split(ctx, Math.floor((collected - cashOut) * 0.6), r.int(1, 2))) {
    p.add({ at: timeOn(ctx, drainDay, 'business'), from: ep, to: target, amountMinor: amount, channel: 'internet', type: 'transfer', purpose: r.pick(['项目投资款', '往来款']) });
  }
}
