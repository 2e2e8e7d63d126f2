/**
 * Everyday behaviour of corporate customers: payments to and from suppliers and buyers, taxes,
 * social insurance, utilities, retail takings (cash and acquiring settlements) and, for traders
 * with a foreign-currency account, cross-border payments. Salaries are paid from the person side.
 */
import type { DemoContext } from '../context.ts';
import { timeOn, fen, roundYuan, workdaysOfMonth } from '../context.ts';
import { mainEndpoint, type Holder } from '../population.ts';

const OUT_PURPOSES = ['货款', '服务费', '工程款', '运费', '采购款', '咨询费', '租金', '材料款'];
const IN_PURPOSES = ['货款', '服务费', '销售回款', '工程款', '技术服务费'];

export function simulateOrg(ctx: DemoContext, h: Holder): void {
  const ep = mainEndpoint(h);
  if (!ep) return;
  const { rng: r, cal, ext } = ctx;
  const firstDay = Math.max(0, ep.openDay + 1);
  const ci = ext.cityIndex(h.city.name);
  const fxIndex = h.accounts.findIndex((a) => a.currency !== 'CNY' && a.status === 'active');
  const fx = fxIndex >= 0 ? h.endpoints[fxIndex] : null;
  const internalPeers = ctx.pop.orgs;

  for (const [dom, to, median, purpose, type] of [
    [15, ext.treasury[ci], 15_000 * h.activity, '增值税', 'payment'],
    [10, ext.socialSecurity[ci], 9_000 * h.activity, '社会保险费', 'payment'],
    [r.int(1, 28), ext.billers[ci][0], 3_000 * h.activity, '电费', 'bill'],
  ] as const) {
    for (const day of workdaysOfMonth(ctx, dom)) {
      if (day < firstDay) continue;
      ctx.ledger.add({ at: timeOn(ctx, day, 'business'), from: ep, to, amountMinor: fen(Math.min(1_500_000, r.logNormal(median, 0.4))), channel: 'internet', type, purpose });
    }
  }

  const rate = 0.3 * h.activity;
  for (let day = firstDay; day < cal.days; day++) {
    if (cal.isWeekend(day)) continue;
    for (let n = r.poisson(rate); n > 0; n--) {
      const peer = r.chance(0.3) ? mainEndpoint(r.pick(internalPeers)) : null;
      const to = peer && peer !== ep && peer.openDay < day ? peer : r.pick(ext.orgs);
      const purpose = r.pick(OUT_PURPOSES);
      const yuan = Math.min(1_500_000, r.logNormal(20_000, 1.1));
      ctx.ledger.add({ at: timeOn(ctx, day, 'business'), from: ep, to, amountMinor: r.chance(0.7) ? roundYuan(yuan, 1) : fen(yuan), channel: 'internet', type: purpose === '货款' || purpose === '采购款' ? 'payment' : 'transfer', purpose });
    }
    for (let n = r.poisson(rate * 0.8); n > 0; n--) {
      const yuan = Math.min(1_500_000, r.logNormal(22_000, 1.1));
      ctx.ledger.add({ at: timeOn(ctx, day, 'business'), from: r.pick(ext.orgs), to: ep, amountMinor: roundYuan(yuan, 1), channel: 'internet', type: 'transfer', purpose: r.pick(IN_PURPOSES), deviceId: null, ip: null });
    }
    if (h.industry?.retail) {
      if (r.chance(0.35)) {
        ctx.ledger.add({ at: timeOn(ctx, day, 'counter'), from: null, to: ep, amountMinor: roundYuan(Math.min(40_000, r.logNormal(8_000, 0.6)), 100), channel: 'counter', type: 'cash_deposit', purpose: '营业款存入', deviceId: null, ip: null, location: ep.city });
      }
      if (r.chance(0.8)) {
        ctx.ledger.add({ at: timeOn(ctx, day, 'settlement'), from: r.pick(ext.platforms), to: ep, amountMinor: fen(r.logNormal(6_000 * h.activity, 0.8)), channel: 'third_party', type: 'transfer', purpose: '收单结算', deviceId: null, ip: null });
      }
    }
    if (fx && fx.openDay < day) {
      const currency = h.accounts[fxIndex].currency;
      if (r.chance(0.06)) {
        ctx.ledger.add({ at: timeOn(ctx, day, 'business'), from: fx, to: ext.foreign(currency), amountMinor: fen(Math.min(150_000, r.logNormal(30_000, 0.9))), currency, channel: 'internet', type: 'payment', purpose: '进口货款', crossBorder: true });
      }
      if (r.chance(0.06)) {
        ctx.ledger.add({ at: timeOn(ctx, day, 'business'), from: ext.foreign(currency), to: fx, amountMinor: fen(Math.min(150_000, r.logNormal(35_000, 0.9))), currency, channel: 'internet', type: 'transfer', purpose: '出口收汇', crossBorder: true, deviceId: null, ip: null });
      }
    }
  }
}
