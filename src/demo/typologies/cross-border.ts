/**
 * Cross-border splitting (跨境拆分, "蚂蚁搬家"): FX purchases spread over relatives and remitted just
 * under the USD 10,000 large-value standard to one overseas payee; foreign banknotes deposited in
 * amounts under the cash standard and then remitted abroad; a personal FX account used to collect
 * and pay trade money abroad instead of a company's account.
 */
import type { DemoContext } from '../context.ts';
import type { Holder } from '../population.ts';
import { fen, timeOn } from '../context.ts';
import { MINUTE, counterDay, frontPerson, fxAccount } from './common.ts';

/** Indicative CNY per USD the demo's customers pay when they buy foreign currency. */
const USD_CNY = 7.12;

export function fxSplitting(ctx: DemoContext): void {
  const { rng: r, cal, ext, pop } = ctx;
  const members = r.int(3, 5);
  const start = r.int(4, cal.days - 12);
  const city = pop.pickCity();
  const outlet = pop.outletOf(city);
  const beneficiary = ext.foreign('USD');
  const organiser = ext.newPerson({ city });
  const holders: Holder[] = [];
  const p = ctx.ledger.pattern('cross_border_splitting', {
    'zh-CN': `分拆购汇（蚂蚁搬家）：${organiser.party} 把人民币转给 ${members} 名亲友，他们在同一网点开立外汇账户，数日内各自多次向境外同一收款人 ${beneficiary.party} 汇出略低于1万美元的款项`,
    en: `FX splitting ("ant moving"): ${organiser.party} funds ${members} relatives who open FX accounts at one outlet and each remit several payments just under USD 10,000 to one overseas payee, ${beneficiary.party}, within days`,
  });
  const purpose = r.pick(['留学费用', '旅游', '探亲', '境外就医']);
  for (let k = 0; k < members; k++) {
    const { holder, endpoint } = frontPerson(ctx, { age: r.int(24, 68), city, branchId: outlet.id, activity: 0.4 });
    if (holders.length > 0 && r.chance(0.7)) holder.customer.address = holders[0].customer.address;
    holders.push(holder);
    const usd = fxAccount(ctx, holder, 'USD', start - r.int(1, 3));
    const remittances = r.int(2, 3);
    const amounts = Array.from({ length: remittances }, () => fen(r.int(9_050, 9_950) + r.int(0, 99) / 100));
    const cny = Math.ceil((amounts.reduce((a, b) => a + b, 0) * USD_CNY) / 10_000) * 10_000;
    p.add({ at: timeOn(ctx, start - 1, 'personal'), from: organiser, to: endpoint, amountMinor: cny, channel: 'mobile', type: 'transfer', purpose: r.pick(['购汇款', '转账', null]), deviceId: null, ip: null });
    let day = start + r.int(0, 1);
    for (const amount of amounts) {
      const d = counterDay(ctx, Math.min(day, cal.days - 1));
      p.add({ at: timeOn(ctx, d, 'counter'), from: usd, to: beneficiary, amountMinor: amount, currency: 'USD', channel: 'counter', type: 'transfer', purpose, crossBorder: true, deviceId: null, ip: null });
      day += r.int(1, 3);
    }
  }
}

export function cashAbroad(ctx: DemoContext): void {
  const { rng: r, cal, ext, pop } = ctx;
  const start = r.int(3, cal.days - 10);
  const { holder } = frontPerson(ctx, { age: r.int(30, 55), occupation: '个体工商户', activity: 0.6 });
  const usd = fxAccount(ctx, holder, 'USD', -r.int(60, 900));
  const payee = ext.foreign(r.chance(0.5) ? 'USD' : 'HKD');
  const deposits = r.int(2, 4);
  const p = ctx.ledger.pattern('cross_border_splitting', {
    'zh-CN': `外币现钞存入后汇出境外：${holder.customer.name} 一周内在不同网点 ${deposits} 次存入略低于1万美元的美元现钞，随即汇往境外 ${payee.party}`,
    en: `Foreign cash sent abroad: ${holder.customer.name} deposits US-dollar banknotes just under USD 10,000 at different outlets ${deposits} times in a week, then remits them to ${payee.party} abroad`,
  });
  let day = start;
  let total = 0;
  for (let k = 0; k < deposits; k++) {
    const d = counterDay(ctx, day);
    const amount = fen(r.int(60, 98) * 100);
    total += amount;
    p.add({ at: timeOn(ctx, d, 'counter'), from: null, to: usd, amountMinor: amount, currency: 'USD', channel: 'counter', type: 'cash_deposit', purpose: '外币现钞存入', deviceId: null, ip: null, location: pop.outletOf(holder.city).name });
    day += r.int(1, 2);
  }
  const out = Math.floor((total * r.int(88, 98)) / 10_000) * 100;
  const parts = out >= fen(10_000) && r.chance(0.5) ? [Math.floor(out / 200) * 100, out - Math.floor(out / 200) * 100] : [out];
  const d = counterDay(ctx, Math.min(day, cal.days - 1));
  let t = timeOn(ctx, d, 'counter');
  for (const amount of parts) {
    p.add({ at: cal.clamp(t), from: usd, to: payee, amountMinor: amount, currency: 'USD', channel: 'counter', type: 'transfer', purpose: r.pick(['货款', '服务费', '赡家款']), crossBorder: true, deviceId: null, ip: null });
    t += r.int(5, 40) * MINUTE;
  }
}

/** A trader collects buyers' payments abroad on a personal US-dollar account and pays suppliers from it. */
export function personalTradeAccount(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const start = r.int(3, cal.days - 40);
  const { holder } = frontPerson(ctx, { age: r.int(28, 50), occupation: '个体工商户', activity: 0.5 });
  const usd = fxAccount(ctx, holder, 'USD', -r.int(100, 1200));
  const buyers = Array.from({ length: r.int(4, 6) }, () => ext.foreign('USD'));
  const suppliers = Array.from({ length: r.int(1, 2) }, () => ext.foreign(r.chance(0.5) ? 'HKD' : 'USD'));
  const p = ctx.ledger.pattern('cross_border_splitting', {
    'zh-CN': `个人账户收付境外货款：${holder.customer.name} 用个人美元账户分多笔收取 ${buyers.length} 个境外买家的货款，再汇给境外供应商，一个月跨境收付数十万元`,
    en: `Personal account used for trade abroad: ${holder.customer.name} collects payments from ${buyers.length} overseas buyers in several parts on a personal US-dollar account and pays overseas suppliers from it, several hundred thousand yuan in a month`,
  });
  let balance = 0;
  for (let day = start; day < Math.min(cal.days, start + 34); day++) {
    if (r.chance(0.3)) {
      const amount = fen(r.int(5_000, 9_800) + r.int(0, 99) / 100);
      balance += amount;
      p.add({ at: timeOn(ctx, day, 'business'), from: r.pick(buyers), to: usd, amountMinor: amount, currency: 'USD', channel: 'internet', type: 'transfer', purpose: r.pick(['货款', 'Invoice payment', '样品款']), crossBorder: true, deviceId: null, ip: null });
    }
    if (balance >= fen(15_000) && r.chance(0.35)) {
      const amount = Math.floor((balance * r.int(55, 90)) / 10_000) * 100;
      balance -= amount;
      p.add({ at: timeOn(ctx, day, 'business'), from: usd, to: r.pick(suppliers), amountMinor: amount, currency: 'USD', channel: 'internet', type: 'transfer', purpose: r.pick(['货款', '采购款']), crossBorder: true });
    }
  }
}
