/**
 * Underground banking (地下钱庄): a mirror-swap (对敲) hub whose personal card takes customers' RMB
 * in and pays RMB out to the domestic payees of customers who paid abroad, fed by cross-border RMB
 * from a Hong Kong partner; and a collection card (收款卡) taking the money of hundreds of FX buyers
 * over the quarter and sweeping it up to the operator's accounts.
 */
import type { DemoContext } from '../context.ts';
import type { Endpoint } from '../population.ts';
import { mainEndpoint } from '../population.ts';
import { fen, timeOn } from '../context.ts';
import { MINUTE, counterDay, frontPerson, isoDay, shellCompany, split } from './common.ts';
import { INDUSTRIES } from '../data/names.ts';

/** CNY amount a customer pays for a round foreign-currency amount at the black-market rate. */
function swapAmount(ctx: DemoContext, median: number): number {
  const { rng: r } = ctx;
  const foreign = Math.max(1, Math.round(r.logNormal(median / 7.2, 0.6) / 500)) * 500;
  return fen(foreign * (7.16 + r.int(0, 12) / 100) + r.int(0, 99) / 100);
}

export function mirrorSwapHub(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const span = r.int(22, 25);
  const start = r.int(10, cal.days - span - 1);
  const { holder, endpoint: hub } = frontPerson(ctx, { age: r.int(30, 55), occupation: r.pick(['个体工商户', '自由职业']), activity: 0 });
  const partners = Array.from({ length: r.int(2, 3) }, () => ext.foreign('HKD'));
  const p = ctx.ledger.pattern('underground_banking', {
    'zh-CN': `地下钱庄对敲：${holder.customer.name} 的个人账户一个月内收取数十名客户的换汇人民币及香港方的跨境人民币，当天按等值分散付给境内数十个收款人，进出基本持平`,
    en: `Underground banking mirror swap: ${holder.customer.name}'s personal account takes the RMB of dozens of FX customers and cross-border RMB from a Hong Kong partner within a month and pays equivalent sums the same day to dozens of domestic payees, in and out nearly equal`,
  });
  let balance = 0;
  let nextPartner = start + r.int(0, 3);
  for (let day = start; day < start + span; day++) {
    const credits: { at: number; from: Endpoint; amount: number; xb: boolean }[] = [];
    if (day >= nextPartner) {
      credits.push({ at: timeOn(ctx, day, 'business'), from: r.pick(partners), amount: fen(r.int(150, 400) * 1000 + r.int(0, 999)), xb: true });
      nextPartner = day + r.int(3, 6);
    }
    for (let k = r.weighted([0, 1, 2, 3], [15, 35, 35, 15]); k > 0; k--) {
      credits.push({ at: timeOn(ctx, day, 'personal'), from: r.chance(0.8) ? ext.newPerson({ otherProvince: r.chance(0.4) }) : ext.newOrg(), amount: swapAmount(ctx, 60_000), xb: false });
    }
    credits.sort((a, b) => a.at - b.at);
    let last = credits.length > 0 ? credits[credits.length - 1].at : timeOn(ctx, day, 'personal');
    for (const c of credits) {
      balance += c.amount;
      p.add({
        at: c.at, from: c.from, to: hub, amountMinor: c.amount, channel: c.xb ? 'internet' : c.from.party.endsWith('公司') ? 'internet' : 'mobile', type: 'transfer',
        purpose: c.xb ? r.pick(['货款', '服务费', '往来款']) : r.pick(['货款', '往来款', '借款', null]), crossBorder: c.xb, deviceId: null, ip: null,
      });
    }
    // Pays out what came in, less a 0.3–1% spread, to payees named by the customers abroad.
    let payable = Math.floor((balance * (1 - r.int(3, 10) / 1000)) / 100) * 100;
    while (payable >= 500_000) {
      const amount = Math.min(payable, Math.max(500_000, swapAmount(ctx, 60_000)));
      last += r.int(4, 40) * MINUTE;
      if (last >= cal.dayStart(day + 1)) break;
      p.add({ at: cal.clamp(last), from: hub, to: ext.newPerson({ otherProvince: r.chance(0.5) }), amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['还款', '转账', '货款', null]) });
      payable -= amount;
      balance -= amount;
    }
  }
}

export function collectionCard(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const { holder, endpoint: card } = frontPerson(ctx, { age: r.int(28, 52), occupation: r.pick(['自由职业', '个体工商户', '无业']), activity: 0 });
  const uplinks = Array.from({ length: 2 }, () => ext.newPerson({ otherProvince: true }));
  const p = ctx.ledger.pattern('underground_banking', {
    'zh-CN': `地下钱庄收款卡：${holder.customer.name} 的个人借记卡整季度每天收取数名陌生客户的换汇款（金额随汇率零散），每一两天归集转给上线账户，三个月交易对手数百个`,
    en: `Underground-banking collection card: ${holder.customer.name}'s personal debit card takes the FX money of several unrelated customers every day for a quarter (odd amounts following the rate) and sweeps it to the operator's accounts every day or two, several hundred counterparties in three months`,
  });
  let balance = 0;
  for (let day = 3; day < cal.days; day++) {
    for (let k = r.int(5, 7); k > 0; k--) {
      const amount = swapAmount(ctx, 9_000);
      balance += amount;
      p.add({ at: timeOn(ctx, day, 'personal'), from: ext.newPerson({ otherProvince: r.chance(0.6) }), to: card, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['货款', '转账', '还款', null, null]), deviceId: null, ip: null });
    }
    if (balance >= 12_000_000 && (r.chance(0.5) || day === cal.days - 1)) {
      const amount = Math.floor((balance * r.int(92, 99)) / 10_000) * 100;
      balance -= amount;
      p.add({ at: cal.clamp(cal.dayStart(day) + r.int(21, 22) * 3_600_000 + r.int(0, 59) * MINUTE), from: card, to: r.pick(uplinks), amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', '还款', null]) });
    }
  }
}

/**
 * Small companies registered at one address (one controller) take trade receipts and pay a
 * person's card again and again (公转私) to turn company money into cash.
 */
export function corporateToPersonal(ctx: DemoContext): void {
  const { rng: r, cal, ext, pop } = ctx;
  const start = r.int(2, cal.days - 32);
  const { holder, endpoint: card } = frontPerson(ctx, { age: r.int(30, 55), occupation: r.pick(['个体工商户', '自由职业']), activity: 0.2 });
  const companies = Array.from({ length: r.int(5, 6) }, () => pop.addOrg({
    city: holder.city, synthetic: true, accounts: 1, openedAt: isoDay(ctx, -r.int(150, 900)), riskLevel: r.weighted(['low', 'medium'] as const, [60, 40]),
    industry: r.pick(INDUSTRIES.filter((x) => !x.retail)),
  }));
  for (const o of companies.slice(1)) {
    o.customer.address = companies[0].customer.address;
    if (r.chance(0.6)) o.customer.phone = companies[0].customer.phone;
  }
  const payers = r.sample(companies, companies.length).map((o) => mainEndpoint(o)!);
  const p = ctx.ledger.pattern('underground_banking', {
    'zh-CN': `公转私套现：注册在同一地址的 ${payers.length} 家小公司收到货款后，一个月内以“劳务费、咨询费”名义多次转入 ${holder.customer.name} 的个人卡，资金随即取现或转给地下钱庄`,
    en: `Company money turned into cash: ${payers.length} small companies registered at one address take trade receipts and pay ${holder.customer.name}'s personal card again and again within a month as "labour" or "consulting fees"; the money is withdrawn in cash or passed to an underground bank at once`,
  });
  const outlet = pop.outletOf(holder.city);
  const sink = ext.newPerson({ otherProvince: true });
  const receipts = new Map(payers.map((ep) => [ep, 0]));
  let day = start;
  for (let k = 0; day < Math.min(cal.days - 1, start + 28); k++) {
    // Each company pays in turn, in a shuffled order, so that all of them appear.
    const from = payers[k % payers.length];
    const amount = fen(r.int(18, 90) * 1000 + r.pick([0, 0, r.int(1, 999)]));
    if ((receipts.get(from) ?? 0) < amount) {
      const income = fen(r.int(60, 300) * 1000);
      receipts.set(from, (receipts.get(from) ?? 0) + income);
      p.add({ at: timeOn(ctx, Math.max(0, day - r.int(1, 3)), 'business'), from: ext.newOrg(), to: from, amountMinor: income, channel: 'internet', type: 'transfer', purpose: '货款', deviceId: null, ip: null });
    }
    receipts.set(from, (receipts.get(from) ?? 0) - amount);
    p.add({ at: timeOn(ctx, day, 'business'), from, to: card, amountMinor: amount, channel: 'internet', type: 'transfer', purpose: r.pick(['劳务费', '咨询费', '报销款', '服务费']) });
    if (r.chance(0.5)) {
      p.add({ at: timeOn(ctx, counterDay(ctx, day + 1 < cal.days ? day + 1 : day), 'counter'), from: card, to: null, amountMinor: Math.max(1_000_000, Math.floor((amount * 0.98) / 10_000) * 10_000), channel: 'counter', type: 'cash_withdrawal', purpose: '取现', deviceId: null, ip: null, location: outlet.name });
    } else {
      p.add({ at: timeOn(ctx, day, 'personal'), from: card, to: sink, amountMinor: Math.floor(amount * 0.99), channel: 'mobile', type: 'transfer', purpose: null });
    }
    day += r.int(1, 2);
  }
}

/** A shell company takes a large sum and passes it within hours to several accounts (过桥). */
export function orgPassThrough(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const day = r.int(10, cal.days - 3);
  const { holder, endpoint: shell } = shellCompany(ctx, day);
  const rounds = r.int(1, 2);
  const p = ctx.ledger.pattern('underground_banking', {
    'zh-CN': `对公账户过桥：${holder.customer.name} 收到一笔上百万元的“货款”后数小时内几乎全部分转给多个单位和个人，账户不留余额`,
    en: `Corporate bridge account: ${holder.customer.name} receives more than a million yuan as "payment for goods" and passes nearly all of it to several companies and persons within hours, keeping no balance`,
  });
  for (let k = 0; k < rounds; k++) {
    const d = Math.min(day + k * r.int(2, 5), cal.days - 1);
    let t = cal.at(d, r.int(9, 11), r);
    const amount = fen(r.int(1_100, 3_000) * 1000);
    p.add({ at: t, from: ext.newOrg(), to: shell, amountMinor: amount, channel: 'internet', type: 'transfer', purpose: r.pick(['货款', '往来款']), deviceId: null, ip: null });
    for (const part of split(ctx, Math.floor(amount * (1 - r.int(1, 4) / 1000)), r.int(3, 5))) {
      t += r.int(10, 60) * MINUTE;
      p.add({ at: cal.clamp(t), from: shell, to: r.chance(0.6) ? ext.newOrg({ otherProvince: r.chance(0.5) }) : ext.newPerson({ otherProvince: true }), amountMinor: part, channel: 'internet', type: 'transfer', purpose: r.pick(['货款', '往来款', '借款']) });
    }
  }
}
