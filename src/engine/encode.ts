import { currencyExponent } from '../domain/money.ts';
import type { Transaction } from '../domain/transaction.ts';
import { AppError } from '../shared/errors.ts';
import type { ProfileInfo } from './features/context.ts';
import { toCnyMinor, type FxTable } from './fx.ts';
import type { AccountProfile } from './profile.ts';
import { CHANNEL_FLAGS, F } from './state/flags.ts';
import type { ResolvedThresholds } from './thresholds.ts';
import { anniversaryMs, isoYmd, localHour } from './time.ts';

/** Words in a payment purpose that point at promised returns (illegal fund-raising, IF-05). */
export const INVEST_WORDS = /复投|理财|利息|分红|返利|收益|本金|高息|投资回报/;

const RISK: Record<string, number> = { low: 0, medium: 1, high: 2 };

/** Turns transactions and profiles into the numbers and flags the stores keep. */
export class TxnEncoder {
  constructor(private readonly fx: FxTable, private readonly th: ResolvedThresholds, private readonly offsetMs: number) {}

  /** Amount in CNY minor units; throws when the FX table has no rate (nothing is updated then). */
  amount(txn: Transaction): number {
    const v = toCnyMinor(this.fx, txn.amountMinor, txn.currency);
    if (!(v >= 0)) throw new AppError('validation', `no reference FX rate for ${txn.currency}`, [{ path: 'currency', message: `no reference FX rate for ${txn.currency}` }]);
    return v;
  }

  baseFlags(txn: Transaction, amt: number): number {
    const type = txn.type;
    const cash = type === 'cash_deposit' || type === 'cash_withdrawal';
    let f = cash ? F.CASH : type !== 'fee' && type !== 'interest' ? F.TR : 0;
    f |= txn.crossBorder ? F.XB : F.DOM;
    f |= txn.currency === 'CNY' ? F.CNY : F.FX;
    if (localHour(txn.occurredAt, this.offsetMs) < 5) f |= F.NIGHT;
    const unit = 10 ** currencyExponent(txn.currency);
    if (txn.amountMinor >= 1000 * unit && txn.amountMinor % (1000 * unit) === 0) f |= F.ROUND;
    if (txn.amountMinor >= 500 * unit && txn.amountMinor % (500 * unit) === 0) f |= F.UNIT500;
    if (amt <= 1000) f |= F.SMALL;
    if (amt <= 200_000) f |= F.LOWAMT;
    if (amt >= 1_000_000) f |= F.GE10K;
    f |= CHANNEL_FLAGS[txn.channel] ?? 0;
    if (txn.purpose && INVEST_WORDS.test(txn.purpose)) f |= F.KWINV;
    return f;
  }

  /** Direction, threshold position and party attributes for one side. */
  sideFlags(txn: Transaction, amt: number, side: number, prof: ProfileInfo | null, cpProf: ProfileInfo | null): number {
    const t = txn.occurredAt;
    let f = side === 0 ? F.OUT : F.IN;
    const type = txn.type;
    const th = this.th;
    const pair = type === 'cash_deposit' || type === 'cash_withdrawal'
      ? th.cash
      : prof && prof.kind === 1 ? th.org : txn.crossBorder ? th.personXb : th.personDom;
    const limit = txn.currency === 'CNY' ? pair[0] : pair[1];
    if (amt >= limit) f |= F.LARGE;
    else if (amt >= limit * th.nearBand) f |= F.NEAR;
    if (prof && t >= prof.age60At) f |= F.ELDER;
    if (cpProf) {
      if (cpProf.kind === 1) f |= F.CPORG;
      else if (t >= cpProf.age55At) f |= F.CPELDER;
    }
    return f;
  }

  profileInfo(p: AccountProfile, customer: number, branch: number): ProfileInfo {
    const person = p.customerKind === 'person';
    return {
      own: p.own,
      kind: person ? 0 : 1,
      birthDate: person ? p.birthDate : null,
      birthYmd: person && p.birthDate ? isoYmd(p.birthDate) : NaN,
      openedAt: p.openedAt,
      risk: RISK[p.riskLevel] ?? 0,
      age55At: person && p.birthDate ? anniversaryMs(p.birthDate, 55, this.offsetMs) : NaN,
      age60At: person && p.birthDate ? anniversaryMs(p.birthDate, 60, this.offsetMs) : NaN,
      customer,
      branch,
      src: p,
    };
  }
}
