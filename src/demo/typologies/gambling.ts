/**
 * Gambling collection (涉赌收款): a newly opened card rented to an online-gambling platform ("跑分"
 * 收款卡) that takes players' top-ups and pays out winnings, operated from a different city almost
 * every day and paying out in bursts at night; and an agent's card settling round sums with the
 * upper agent and a few sub-agents.
 */
import type { DemoContext } from '../context.ts';
import { fen, timeOn } from '../context.ts';
import { CITIES, OTHER_CNAPS } from '../data/places.ts';
import { HOUR } from '../time.ts';
import { MINUTE, frontPerson } from './common.ts';

const PLACES = [...CITIES.map((c) => c.name), ...OTHER_CNAPS.map(([, name]) => name)];

export function rentedCollectionCard(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const open = r.int(3, cal.days - 26);
  const { holder, endpoint: card } = frontPerson(ctx, { age: r.int(26, 40), occupation: r.pick(['无业', '自由职业', '工人']), activity: 0, openedDaysBefore: -open });
  const upper = ext.newPerson({ otherProvince: true });
  // The team runs the card on several phones in different cities; the same players top up again and again.
  const places = r.sample(PLACES, r.int(12, 16));
  const players = Array.from({ length: r.int(18, 26) }, () => ext.newPerson({ otherProvince: r.chance(0.7) }));
  const active = r.int(20, 23);
  const nights = new Set(r.sample(Array.from({ length: active - 6 }, (_, k) => open + 6 + k), 2));
  const p = ctx.ledger.pattern('gambling', {
    'zh-CN': `涉赌收款卡（跑分）：${holder.customer.name} 新开的借记卡出租给网络赌博平台，在多个城市登录，反复收取 ${players.length} 名玩家的充值、向中奖玩家付款并定期上交，个别深夜集中付款`,
    en: `Gambling collection card: ${holder.customer.name}'s newly opened debit card is rented to an online-gambling platform and logged into from many cities; it takes repeated top-ups from ${players.length} players, pays winners, hands the balance up regularly and some nights pays out in a burst`,
  });
  let balance = 0;
  for (let day = open + 2; day < Math.min(cal.days, open + 2 + active); day++) {
    for (let k = r.int(2, 4); k > 0; k--) {
      const amount = fen(r.pick([200, 300, 500, 800, 1000, 2000, 3000, 5000]) + (r.chance(0.4) ? r.int(1, 99) : 0));
      balance += amount;
      p.add({ at: timeOn(ctx, day, 'shopping'), from: r.pick(players), to: card, amountMinor: amount, channel: r.chance(0.8) ? 'mobile' : 'internet', type: 'transfer', purpose: r.pick([null, null, '充值', '转账']), deviceId: null, ip: null, location: r.pick(places) });
    }
    const burst = nights.has(day);
    for (let k = burst ? r.int(5, 7) : r.int(0, 1); k > 0; k--) {
      const amount = fen(burst ? r.int(4_200, 8_000) : r.int(300, 6_000));
      balance -= amount;
      const at = burst ? cal.dayStart(day) + HOUR + r.int(0, 50) * MINUTE + r.int(0, 59) * 1000 : timeOn(ctx, day, 'shopping');
      p.add({ at, from: card, to: r.pick(players), amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick([null, '提现', '转账']), location: r.pick(places) });
    }
    if (balance >= 2_000_000 && r.chance(0.5)) {
      const amount = Math.floor((balance * r.int(80, 95)) / 10_000) * 100;
      balance -= amount;
      p.add({ at: timeOn(ctx, day, 'personal'), from: card, to: upper, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: null, location: r.pick(places) });
    }
  }
}

export function agentSettlement(ctx: DemoContext): void {
  const { rng: r, cal, ext } = ctx;
  const start = r.int(2, cal.days - 45);
  const { holder, endpoint: card } = frontPerson(ctx, { age: r.int(30, 50), occupation: r.pick(['个体工商户', '自由职业']), activity: 0, openedDaysBefore: r.int(40, 150) });
  const upper = ext.newPerson({ otherProvince: true });
  // Losses come in from the sub-agents; winnings and rebates go to the main one (five counterparties at most).
  const subAgents = Array.from({ length: r.int(1, 2) }, () => ext.newPerson({ otherProvince: r.chance(0.5) }));
  const p = ctx.ledger.pattern('gambling', {
    'zh-CN': `赌博代理结算：${holder.customer.name} 的借记卡只与上级代理和 ${subAgents.length} 个下级代理往来，按期收付整千元的输赢款和返水`,
    en: `Gambling agent settlement: ${holder.customer.name}'s debit card deals only with the upper agent and ${subAgents.length} sub-agents, receiving and paying round thousands of winnings, losses and rebates on a schedule`,
  });
  for (let day = start; day < Math.min(cal.days, start + 42); day += r.int(1, 3)) {
    const sub = r.pick(subAgents);
    const k = r.int(0, 3);
    const amount = r.int(5, 60) * 100_000;
    const at = timeOn(ctx, day, 'personal');
    if (k === 0) p.add({ at, from: upper, to: card, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: null, deviceId: null, ip: null });
    else if (k === 1) p.add({ at, from: card, to: upper, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: null });
    else if (k === 2) p.add({ at, from: sub, to: card, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick([null, '还款']), deviceId: null, ip: null });
    else p.add({ at, from: card, to: subAgents[0], amountMinor: r.int(1, 8) * 100_000, channel: 'mobile', type: 'transfer', purpose: r.pick([null, '返水']) });
  }
}
