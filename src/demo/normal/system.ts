/**
 * Postings the bank itself originates: quarterly interest on the 21st of March, June, September
 * and December (Chinese banks settle current-deposit interest on the 20th), and the monthly SMS
 * notification fee.
 */
import type { DemoContext } from '../context.ts';
import { fen } from '../context.ts';
import { HOUR } from '../time.ts';

export function simulateSystemPostings(ctx: DemoContext): void {
  const { rng: r, cal, pop } = ctx;
  const interestFrom = pop.bank.endpoints[0];
  const feeTo = pop.bank.endpoints[1];
  const interestDays: number[] = [];
  const feeDays = cal.daysOfMonth(25);
  for (let d = 0; d < cal.days; d++) {
    if (cal.dayOfMonth(d) === 21 && cal.month(d) % 3 === 0) interestDays.push(d);
  }
  for (const h of pop.holders) {
    h.accounts.forEach((a, i) => {
      if (a.status === 'closed' || a.currency !== 'CNY') return;
      const ep = h.endpoints[i];
      const median = a.type === 'savings' ? 25 : a.type === 'card' ? 3 : 150;
      for (const day of interestDays) {
        if (day <= ep.openDay) continue;
        ctx.ledger.add({ at: cal.at(day, 0, r, 180), from: interestFrom, to: ep, amountMinor: fen(r.logNormal(median, 1.2)), channel: 'internet', type: 'interest', purpose: '结息', deviceId: null, ip: null, location: null });
      }
      if (a.type === 'card' && a.status === 'active' && !h.synthetic && r.chance(0.5)) {
        for (const day of feeDays) {
          if (day <= ep.openDay) continue;
          ctx.ledger.add({ at: cal.dayStart(day) + 4 * HOUR + r.int(0, 3_599_999), from: ep, to: feeTo, amountMinor: 200, channel: 'internet', type: 'fee', purpose: '短信通知服务费', deviceId: null, ip: null, location: null });
        }
      }
    });
  }
}
