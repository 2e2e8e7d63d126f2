/**
 * Cash and account-life typologies: structuring below the RMB 50,000 large-cash standard,
 * large-value transactions at the PBOC Order [2016] No. 3 thresholds, dormant-account
 * reactivation with test credits, and night-time bursts.
 */
import type { DemoContext } from '../context.ts';
import type { Holder } from '../population.ts';
import { fen, roundYuan, timeOn } from '../context.ts';
import { HOUR } from '../time.ts';
import { MINUTE, existingPerson, isoDay } from './common.ts';
import { mainEndpoint } from '../population.ts';

export function structuring(ctx: DemoContext, _i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext, pop } = ctx;
  const deposits = r.int(6, 10);
  const start = r.int(3, cal.days - 2 * deposits - 3);
  const { holder, endpoint } = existingPerson(ctx, (h) => h.age >= 25 && h.age < 60, { age: r.int(30, 50) }, used);
  const p = ctx.ledger.pattern('structuring', {
    'zh-CN': `拆分存现：${holder.customer.name} 连续多日在不同网点存入略低于5万元的现金，随后集中转出`,
    en: `Structuring: ${holder.customer.name} deposits cash just under RMB 50,000 on many days at different outlets, then moves it out`,
  });
  let day = start;
  let total = 0;
  for (let i = 0; i < deposits; i++) {
    const amount = roundYuan(r.int(45_000, 49_900), 100);
    total += amount;
    const outlet = pop.outletOf(holder.city);
    const atCounter = r.chance(0.8) && cal.weekday(day) !== 0;
    // Deposits are spread over the outlets of the city; the location says where.
    p.add({ at: timeOn(ctx, day, atCounter ? 'counter' : 'atm'), from: null, to: endpoint, amountMinor: amount, channel: atCounter ? 'counter' : 'atm', type: 'cash_deposit', purpose: atCounter ? '存现' : null, deviceId: null, ip: null, location: outlet.name });
    day += r.int(1, 2);
  }
  p.add({ at: timeOn(ctx, Math.min(day, cal.days - 1), 'personal'), from: endpoint, to: ext.newPerson({ otherProvince: true }), amountMinor: Math.floor(total * 0.95 / 100) * 100, channel: 'mobile', type: 'transfer', purpose: r.pick(['货款', '还款', '转账']) });
}

/** Four kinds in turn: large cash, large corporate transfer, large personal transfer, personal cross-border. */
export function largeValue(ctx: DemoContext, i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext, pop } = ctx;
  const day = r.int(2, cal.days - 2);
  const kind = i % 4;
  if (kind === 1) {
    const orgs = pop.orgs.filter((o) => !o.synthetic && !o.industry?.retail && (mainEndpoint(o)?.openDay ?? 0) < 0);
    const org = orgs.length > 0 ? r.pick(orgs) : pop.addOrg({ openedAt: isoDay(ctx, -r.int(300, 3000)) });
    const p = ctx.ledger.pattern('large_value', { 'zh-CN': `大额转账：${org.customer.name} 单笔转账不低于200万元`, en: `Large-value transfer: ${org.customer.name} makes a transfer of at least RMB 2,000,000` });
    p.add({ at: timeOn(ctx, day, 'business'), from: mainEndpoint(org)!, to: r.pick(ext.orgs), amountMinor: roundYuan(r.int(2_000_000, 6_000_000), 1000), channel: 'internet', type: 'transfer', purpose: r.pick(['工程款', '股权转让款', '设备采购款']) });
    return;
  }
  const { holder, endpoint } = existingPerson(ctx, (h) => h.age >= 30 && h.age < 65, { age: r.int(35, 55) }, used);
  if (kind === 0) {
    const p = ctx.ledger.pattern('large_value', { 'zh-CN': `大额现金：${holder.customer.name} 单日存入现金不低于5万元`, en: `Large cash: ${holder.customer.name} deposits at least RMB 50,000 in cash in one day` });
    p.add({ at: timeOn(ctx, cal.isWeekend(day) ? day - 2 : day, 'counter'), from: null, to: endpoint, amountMinor: roundYuan(r.int(50_000, 150_000), 1000), channel: 'counter', type: 'cash_deposit', purpose: '存现', deviceId: null, ip: null, location: endpoint.city });
  } else if (kind === 2) {
    const p = ctx.ledger.pattern('large_value', { 'zh-CN': `大额转账：${holder.customer.name} 境内转账不低于50万元`, en: `Large-value transfer: ${holder.customer.name} makes a domestic transfer of at least RMB 500,000` });
    p.add({ at: timeOn(ctx, day, 'counter'), from: endpoint, to: ext.newOrg({ name: `${holder.city.name.replace(/市$/, '')}置业有限公司` }), amountMinor: roundYuan(r.int(500_000, 1_800_000), 1000), channel: 'counter', type: 'transfer', purpose: '购房款', deviceId: null, ip: null });
  } else {
    const usd = pop.addAccount(holder, { type: 'savings', status: 'active', openedAt: isoDay(ctx, -r.int(100, 900)), currency: 'USD' });
    const ep = holder.endpoints[holder.accounts.indexOf(usd)];
    const p = ctx.ledger.pattern('large_value', { 'zh-CN': `跨境大额：${holder.customer.name} 单笔跨境汇款不低于1万美元`, en: `Large cross-border transfer: ${holder.customer.name} remits at least USD 10,000 abroad` });
    p.add({ at: timeOn(ctx, day, 'counter'), from: ep, to: ext.foreign('USD'), amountMinor: fen(r.int(10_000, 45_000)), currency: 'USD', channel: 'counter', type: 'transfer', purpose: '留学学费', crossBorder: true, deviceId: null, ip: null });
  }
}

export function dormantReactivation(ctx: DemoContext): void {
  const { rng: r, cal, ext, pop } = ctx;
  const day = r.int(60, cal.days - 8);
  const holder = pop.addPerson({ age: r.int(30, 55), accounts: 1, synthetic: true, openedAt: isoDay(ctx, -r.int(3 * 365, 8 * 365)) });
  const ep = mainEndpoint(holder)!;
  const p = ctx.ledger.pattern('dormant_reactivation', {
    'zh-CN': `长期不动户突然启用：${ep.account} 开户多年无交易，先收到1元、5元测试款，随后大额资金快进快出`,
    en: `Dormant account reactivated: ${ep.account}, idle for years, receives RMB 1 and 5 test credits, then large funds pass straight through`,
  });
  let t = cal.at(day, r.int(10, 20), r);
  for (const yuan of [1, 5]) {
    p.add({ at: t, from: ext.newPerson({ otherProvince: true }), to: ep, amountMinor: yuan * 100, channel: 'mobile', type: 'transfer', purpose: null, deviceId: null, ip: null });
    t += r.int(2, 30) * MINUTE;
  }
  let d = day + r.int(1, 2);
  for (let n = r.int(6, 12); n > 0 && d < cal.days; n--) {
    let at = timeOn(ctx, d, 'personal');
    const amount = roundYuan(r.int(20_000, 90_000), 1);
    p.add({ at, from: ext.newPerson({ otherProvince: true }), to: ep, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: null, deviceId: null, ip: null });
    at += r.int(10, 60) * MINUTE;
    p.add({ at: cal.clamp(at), from: ep, to: ext.newPerson({ otherProvince: r.chance(0.5) }), amountMinor: amount - fen(r.int(10, 500)), channel: 'mobile', type: 'transfer', purpose: null });
    if (r.chance(0.6)) d++;
  }
}

export function nightBurst(ctx: DemoContext, _i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext } = ctx;
  const nights = r.int(3, 5);
  const start = r.int(5, cal.days - nights - 1);
  const { holder, endpoint } = existingPerson(ctx, (h) => h.age >= 18 && h.age < 36 && h.devices.length > 0, { age: r.int(20, 32) }, used);
  const platform = ext.newPerson({ otherProvince: true });
  const p = ctx.ledger.pattern('night_burst', {
    'zh-CN': `深夜密集交易：${holder.customer.name} 连续 ${nights} 个夜间（0–5时）频繁收付款，对手多为外地个人账户`,
    en: `Night-time burst: ${holder.customer.name} sends and receives many payments between 00:00 and 05:00 on ${nights} nights, mostly with individuals elsewhere`,
  });
  for (let n = 0; n < nights; n++) {
    let t = cal.dayStart(start + n) + r.int(0, 90) * MINUTE;
    for (let k = r.int(8, 15); k > 0; k--) {
      const incoming = r.chance(0.4);
      const amount = roundYuan(r.logNormal(2_000, 0.7), 10);
      if (incoming) {
        p.add({ at: t, from: ext.newPerson({ otherProvince: true }), to: endpoint, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: null, deviceId: null, ip: null });
      } else {
        p.add({ at: t, from: endpoint, to: r.chance(0.6) ? platform : r.pick(ext.platforms), amountMinor: amount, channel: r.chance(0.5) ? 'third_party' : 'mobile', type: r.chance(0.5) ? 'payment' : 'transfer', purpose: r.pick(['充值', '游戏充值', null]) });
      }
      t += r.int(3, 25) * MINUTE;
      if (t >= cal.dayStart(start + n) + 5 * HOUR) break;
    }
  }
}
