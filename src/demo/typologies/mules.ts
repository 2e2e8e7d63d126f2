/**
 * Mule-account typologies: rapid in-out (快进快出), fan-in (分散转入集中转出), fan-out (集中转入分散转出),
 * layering chains (多层转移) and telecom-fraud victim transfers into a first-level card.
 */
import type { DemoContext } from '../context.ts';
import type { Holder } from '../population.ts';
import { fen, roundYuan, timeOn } from '../context.ts';
import { MINUTE, muleCluster, existingPerson, split } from './common.ts';

export function rapidInOut(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const rounds = r.int(4, 8);
  const start = r.int(10, cal.days - 10);
  const { endpoints: [mule] } = muleCluster(ctx, r.int(2, 4), start);
  const p = ctx.ledger.pattern('rapid_in_out', {
    'zh-CN': `快进快出：账户 ${mule.account} 收到大额转入后数分钟内几乎全额转出，余额不留存`,
    en: `Rapid in-out: account ${mule.account} forwards almost every large credit within minutes, leaving no balance`,
  });
  let day = start;
  for (let i = 0; i < rounds && day < cal.days; i++) {
    let t = timeOn(ctx, day, 'personal');
    const amount = roundYuan(r.logNormal(80_000, 0.5), 1);
    p.add({ at: t, from: r.chance(0.5) ? ext.newPerson({ otherProvince: true }) : r.pick(ext.orgs), to: mule, amountMinor: amount, channel: 'internet', type: 'transfer', purpose: r.pick(['货款', '转账', null]), deviceId: null, ip: null });
    const parts = r.chance(0.5) ? 1 : 2;
    let left = amount - fen(r.int(5, 200));
    for (let k = 0; k < parts; k++) {
      t += r.int(2, 20) * MINUTE;
      const out = k === parts - 1 ? left : Math.floor(left * r.int(40, 60) / 100);
      left -= out;
      p.add({ at: cal.clamp(t), from: mule, to: ext.newPerson({ otherProvince: r.chance(0.5) }), amountMinor: out, channel: 'mobile', type: 'transfer', purpose: '转账' });
    }
    day += r.int(0, 1);
  }
}

export function fanIn(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const day = r.int(8, cal.days - 3);
  const { endpoints: [mule] } = muleCluster(ctx, r.int(2, 5), day);
  const payers = r.int(10, 25);
  const p = ctx.ledger.pattern('fan_in', {
    'zh-CN': `分散转入集中转出：${payers} 个不同付款人在一天内向 ${mule.account} 小额转入，随后集中转出`,
    en: `Fan-in: ${payers} distinct payers send small amounts to ${mule.account} within a day, then it is moved out in one go`,
  });
  let t = cal.at(day, r.int(8, 11), r);
  let total = 0;
  for (let i = 0; i < payers; i++) {
    const amount = fen(r.int(1_000, 4_999) + r.int(0, 99) / 100);
    total += amount;
    p.add({ at: t, from: ext.newPerson({ otherProvince: r.chance(0.6) }), to: mule, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', '货款', '还款', null]), deviceId: null, ip: null });
    t += r.int(5, 50) * MINUTE;
  }
  const target = ext.newPerson({ otherProvince: true });
  const outs = r.chance(0.5) ? [total] : split(ctx, total, 2);
  for (const amount of outs) {
    t += r.int(10, 60) * MINUTE;
    p.add({ at: cal.clamp(t), from: mule, to: target, amountMinor: Math.floor(amount * r.int(88, 98) / 100), channel: 'mobile', type: 'transfer', purpose: '转账' });
  }
}

export function fanOut(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const day = r.int(8, cal.days - 3);
  const { endpoints: [mule] } = muleCluster(ctx, r.int(2, 4), day);
  const payees = r.int(8, 15);
  const p = ctx.ledger.pattern('fan_out', {
    'zh-CN': `集中转入分散转出：${mule.account} 收到一笔大额资金后数小时内分散转给 ${payees} 个账户`,
    en: `Fan-out: ${mule.account} receives one large credit and spreads it to ${payees} accounts within hours`,
  });
  const total = roundYuan(r.logNormal(200_000, 0.4), 1);
  let t = cal.at(day, r.int(9, 15), r);
  p.add({ at: t, from: r.pick(ext.orgs), to: mule, amountMinor: total, channel: 'internet', type: 'transfer', purpose: r.pick(['货款', '往来款']), deviceId: null, ip: null });
  for (const amount of split(ctx, Math.floor(total * 0.98), payees)) {
    t += r.int(3, 20) * MINUTE;
    p.add({ at: cal.clamp(t), from: mule, to: ext.newPerson({ otherProvince: r.chance(0.7) }), amountMinor: amount, channel: r.chance(0.8) ? 'mobile' : 'internet', type: 'transfer', purpose: r.pick(['转账', '还款', null]) });
  }
}

export function layeringChain(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const hops = r.int(4, 6);
  const day = r.int(8, cal.days - 2);
  const { endpoints: chain } = muleCluster(ctx, hops, day);
  const p = ctx.ledger.pattern('layering_chain', {
    'zh-CN': `多层转移：资金经 ${hops} 个账户逐级转移，每级数十分钟内转出并截留少量`,
    en: `Layering chain: funds pass through ${hops} accounts, each forwarding within tens of minutes and keeping a small cut`,
  });
  let amount = roundYuan(r.logNormal(150_000, 0.5), 1);
  let t = cal.at(day, r.int(9, 20), r);
  p.add({ at: t, from: ext.newPerson({ otherProvince: true }), to: chain[0], amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: null, deviceId: null, ip: null });
  for (let i = 0; i < hops; i++) {
    t += r.int(5, 40) * MINUTE;
    amount = Math.floor(amount * (1 - r.int(2, 5) / 100));
    const to = i + 1 < hops ? chain[i + 1] : ext.newPerson({ otherProvince: true });
    p.add({ at: cal.clamp(t), from: chain[i], to, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', null]) });
  }
}

export function telecomFraud(ctx: DemoContext, _i: number, used: Set<Holder>): void {
  const { rng: r, cal, ext } = ctx;
  const day = r.int(5, cal.days - 2);
  const victim = existingPerson(ctx, (h) => h.age >= 25 && h.age < 65 && h.devices.length > 0, { age: r.int(25, 55) }, used);
  const { endpoints: [level1] } = muleCluster(ctx, r.int(2, 4), day);
  const p = ctx.ledger.pattern('telecom_fraud', {
    'zh-CN': `电信网络诈骗：客户 ${victim.holder.customer.name} 短时间内多笔转入陌生账户 ${level1.account}（“安全账户”），资金随即被拆分转至外地他行账户`,
    en: `Telecom fraud: ${victim.holder.customer.name} makes several transfers to a new payee ${level1.account} (a "safe account"), which splits them to other banks in other provinces within minutes`,
  });
  let t = cal.at(day, r.int(9, 20), r);
  let received = 0;
  for (let n = r.int(2, 5); n > 0; n--) {
    const amount = roundYuan(r.int(8_000, 49_000), 100);
    received += amount;
    p.add({ at: t, from: victim.endpoint, to: level1, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', '安全账户', '资金核查', null]) });
    t += r.int(3, 15) * MINUTE;
  }
  for (const amount of split(ctx, Math.floor(received * 0.99), r.int(3, 4))) {
    t += r.int(1, 8) * MINUTE;
    p.add({ at: cal.clamp(t), from: level1, to: ext.newPerson({ otherProvince: true }), amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: null });
  }
}
