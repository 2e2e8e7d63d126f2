/**
 * Telecom-fraud cash-out (电诈"车手"取现): victims' money lands on a freshly opened mule card and a
 * runner takes it out at ATMs of several outlets within hours, under the per-withdrawal ATM limit.
 */
import type { DemoContext } from '../context.ts';
import { fen } from '../context.ts';
import { MINUTE, muleCluster } from './common.ts';
import { CITIES } from '../data/places.ts';

export function atmCashOut(ctx: DemoContext): void {
  const { rng: r, cal, ext, pop } = ctx;
  const day = r.int(5, cal.days - 2);
  const { holders: [mule], endpoints: [card] } = muleCluster(ctx, r.int(2, 3), day);
  const p = ctx.ledger.pattern('telecom_fraud', {
    'zh-CN': `电诈车手取现：多名外地被害人向新开卡 ${card.account} 转账后，数小时内有人在多个网点的ATM分笔取现`,
    en: `Telecom-fraud cash-out: several victims elsewhere pay the new card ${card.account}; within hours a runner withdraws the money at ATMs of several outlets in small amounts`,
  });
  let t = cal.at(day, r.int(9, 14), r);
  let received = 0;
  for (let k = r.int(2, 3); k > 0; k--) {
    const amount = fen(r.int(11_000, 18_000));
    received += amount;
    p.add({ at: t, from: ext.newPerson({ otherProvince: true }), to: card, amountMinor: amount, channel: 'mobile', type: 'transfer', purpose: r.pick(['转账', '安全账户', null]), deviceId: null, ip: null });
    t += r.int(5, 30) * MINUTE;
  }
  const atms = r.sample(pop.outlets[CITIES.indexOf(mule.city)], 4);
  // A debit card may take out at most RMB 20,000 a day at ATMs; the rest is passed on by transfer.
  const total = Math.floor(received * 0.98);
  const atAtm = Math.floor(Math.min(total, 2_000_000) / 10_000) * 10_000;
  let left = atAtm;
  for (let k = 0; left > 0; k++) {
    const amount = Math.min(left, fen(r.pick([2_000, 2_500, 3_000, 4_000, 5_000])));
    left -= amount;
    t += r.int(8, 35) * MINUTE;
    p.add({ at: cal.clamp(t), from: card, to: null, amountMinor: amount, channel: 'atm', type: 'cash_withdrawal', purpose: null, deviceId: null, ip: null, location: `${atms[Math.floor(k / 2) % atms.length].name}自助银行` });
  }
  const rest = total - atAtm;
  if (rest > 0) p.add({ at: cal.clamp(t + r.int(5, 30) * MINUTE), from: card, to: ext.newPerson({ otherProvince: true }), amountMinor: rest, channel: 'mobile', type: 'transfer', purpose: null });
}
