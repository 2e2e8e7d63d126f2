/**
 * Graph typologies after IBM AMLSim / AMLworld: cycle, scatter-gather, gather-scatter and stack
 * (layered bipartite). Accounts are mules and shell companies of one ring sharing identifiers.
 */
import type { DemoContext } from '../context.ts';
import type { Endpoint } from '../population.ts';
import { roundYuan } from '../context.ts';
import { HOUR } from '../time.ts';
import { MINUTE, muleCluster, shellCompany, split } from './common.ts';

export function cycle(ctx: DemoContext): void {
  const { rng: r, cal } = ctx;
  const length = r.int(3, 6);
  const day = r.int(10, cal.days - 8);
  const members: Endpoint[] = [shellCompany(ctx, day).endpoint, ...muleCluster(ctx, length - 1, day).endpoints];
  const p = ctx.ledger.pattern('cycle', {
    'zh-CN': `循环转账：资金在 ${length} 个账户间依次转移后回到起点，金额逐级略减`,
    en: `Cycle: money passes through ${length} accounts in turn and returns to the first, slightly less at each hop`,
  });
  let t = cal.at(day, r.int(9, 16), r);
  const loops = r.int(1, 2);
  let amount = roundYuan(r.logNormal(300_000, 0.5), 1);
  for (let loop = 0; loop < loops; loop++) {
    for (let i = 0; i < length; i++) {
      const from = members[i];
      const to = members[(i + 1) % length];
      p.add({ at: cal.clamp(t), from, to, amountMinor: amount, channel: from.holder?.customer.kind === 'organisation' ? 'internet' : 'mobile', type: 'transfer', purpose: r.pick(['货款', '往来款', '借款', '还款']) });
      amount = Math.floor(amount * (1 - r.int(5, 30) / 1000));
      t += r.int(1, 6) * HOUR + r.int(0, 59) * MINUTE;
    }
    t += r.int(12, 36) * HOUR;
  }
}

export function scatterGather(ctx: DemoContext): void {
  const { rng: r, cal } = ctx;
  const width = r.int(4, 6);
  const day = r.int(8, cal.days - 4);
  const source = shellCompany(ctx, day).endpoint;
  const { endpoints } = muleCluster(ctx, width + 1, day);
  const target = endpoints[width];
  const p = ctx.ledger.pattern('scatter_gather', {
    'zh-CN': `先散后聚：${source.party} 将资金分散转给 ${width} 个账户，这些账户随后汇集到同一账户 ${target.account}`,
    en: `Scatter-gather: ${source.party} spreads funds over ${width} accounts, which all pass them on to one account ${target.account}`,
  });
  const total = roundYuan(r.logNormal(400_000, 0.4), 1);
  let t = cal.at(day, r.int(9, 14), r);
  const parts = split(ctx, total, width);
  parts.forEach((amount, i) => {
    t += r.int(2, 15) * MINUTE;
    p.add({ at: t, from: source, to: endpoints[i], amountMinor: amount, channel: 'internet', type: 'transfer', purpose: r.pick(['劳务费', '服务费', '报销款']) });
  });
  parts.forEach((amount, i) => {
    const at = cal.clamp(t + r.int(1, 30) * HOUR + r.int(0, 59) * MINUTE);
    p.add({ at, from: endpoints[i], to: target, amountMinor: Math.floor(amount * (1 - r.int(5, 20) / 1000)), channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', '还款', null]) });
  });
}

export function gatherScatter(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const fanIn = r.int(5, 8);
  const fanOut = r.int(5, 8);
  const day = r.int(8, cal.days - 3);
  const { endpoints: [hub] } = muleCluster(ctx, r.int(2, 3), day);
  const p = ctx.ledger.pattern('gather_scatter', {
    'zh-CN': `先聚后散：${fanIn} 个账户向 ${hub.account} 汇集资金，该账户随即分散转给 ${fanOut} 个账户`,
    en: `Gather-scatter: ${fanIn} accounts pay into ${hub.account}, which spreads the money to ${fanOut} other accounts`,
  });
  let t = cal.at(day, r.int(8, 12), r);
  let total = 0;
  for (let i = 0; i < fanIn; i++) {
    const amount = roundYuan(r.logNormal(30_000, 0.4), 1);
    total += amount;
    p.add({ at: t, from: ext.newPerson({ otherProvince: r.chance(0.5) }), to: hub, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', '投注', '充值', null]), deviceId: null, ip: null });
    t += r.int(10, 90) * MINUTE;
  }
  for (const amount of split(ctx, Math.floor(total * 0.97), fanOut)) {
    t += r.int(3, 25) * MINUTE;
    p.add({ at: cal.clamp(t), from: hub, to: ext.newPerson({ otherProvince: r.chance(0.6) }), amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', '返还', null]) });
  }
}

export function stack(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const size = r.int(3, 4);
  const day = r.int(8, cal.days - 4);
  const originators = Array.from({ length: size }, () => r.chance(0.5) ? r.pick(ext.orgs) : ext.newPerson({ otherProvince: true }));
  const { endpoints: middle } = muleCluster(ctx, size, day);
  const beneficiaries = Array.from({ length: size }, () => ext.newPerson({ otherProvince: r.chance(0.5) }));
  const p = ctx.ledger.pattern('stack', {
    'zh-CN': `多层二部图：${size} 个付款方向 ${size} 个中间账户交叉转入，中间账户再交叉转给 ${size} 个收款方`,
    en: `Stack: ${size} originators pay ${size} intermediate accounts many-to-many, which in turn pay ${size} beneficiaries many-to-many`,
  });
  let t = cal.at(day, r.int(9, 14), r);
  const received = new Map<Endpoint, number>();
  for (const o of originators) {
    for (const m of r.sample(middle, r.int(2, size))) {
      const amount = roundYuan(r.logNormal(40_000, 0.4), 1);
      received.set(m, (received.get(m) ?? 0) + amount);
      p.add({ at: t, from: o, to: m, amountMinor: amount, channel: o.party.endsWith('公司') ? 'internet' : 'mobile', type: 'transfer', purpose: r.pick(['货款', '转账', null]), deviceId: null, ip: null });
      t += r.int(5, 40) * MINUTE;
    }
  }
  t += r.int(1, 6) * HOUR;
  for (const m of middle) {
    const total = received.get(m) ?? 0;
    if (total === 0) continue;
    const targets = r.sample(beneficiaries, r.int(2, size));
    split(ctx, Math.floor(total * 0.97), targets.length).forEach((amount, i) => {
      p.add({ at: cal.clamp(t), from: m, to: targets[i], amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', null]) });
      t += r.int(5, 30) * MINUTE;
    });
  }
}
