import { CHANNELS, TXN_TYPES } from '../../domain/transaction.ts';
import { DIM, F } from '../state/flags.ts';
import { ageFromYmd, DAY, localHour, MINUTE } from '../time.ts';
import type { FeatureSpec, Unit, Entity, BuildEnv, FeatureFn } from './catalogue.ts';
import type { SideCtx } from './context.ts';
import type { AccountGraphFeatures } from '../profile.ts';

/** Features of the transaction itself and of the parties' profiles (no window). */
export const SCALARS = new Map<string, FeatureSpec>();

function def(
  name: string, entity: Entity, unit: Unit, build: (env: BuildEnv) => FeatureFn,
  extra: Partial<Pick<FeatureSpec, 'categories' | 'needs' | 'cost'>> = {},
): void {
  SCALARS.set(name, { name, entity, unit, window: null, needs: extra.needs ?? [], categories: extra.categories, cost: extra.cost, build });
}
const flag = (bit: number): ((env: BuildEnv) => FeatureFn) => () => (c) => ((c.flags & bit) !== 0 ? 1 : 0);

def('amount', 'account', 'CNY', () => (c) => c.amt / 100);
def('is_cash', 'account', 'bool', flag(F.CASH));
def('is_cross_border', 'account', 'bool', flag(F.XB));
def('is_fx', 'account', 'bool', flag(F.FX));
def('is_night', 'account', 'bool', flag(F.NIGHT));
def('is_round', 'account', 'bool', flag(F.ROUND));
def('is_near_threshold', 'account', 'bool', flag(F.NEAR));
def('is_large', 'account', 'bool', flag(F.LARGE));
def('is_small', 'account', 'bool', flag(F.SMALL));
const cpTrack = { needs: [{ store: 'account' as const, window: 'life' as const, track: DIM.CP_IN }, { store: 'account' as const, window: 'life' as const, track: DIM.CP_OUT }] };
def('is_new_counterparty', 'account', 'bool', flag(F.NEWCP), cpTrack);
def('is_new_payee', 'account', 'bool', () => (c) => (c.side === 0 && (c.flags & F.NEWCP) !== 0 ? 1 : 0), cpTrack);
def('is_new_payer', 'account', 'bool', () => (c) => (c.side === 1 && (c.flags & F.NEWCP) !== 0 ? 1 : 0), cpTrack);
def('is_new_device', 'account', 'bool', flag(F.NEWDEV), { needs: [{ store: 'account', window: 'life', track: DIM.DEV }] });
def('is_new_ip', 'account', 'bool', flag(F.NEWIP), { needs: [{ store: 'account', window: 'life', track: DIM.IP }] });
def('hour', 'account', 'hour', (env) => (c) => localHour(c.t, env.offsetMs));
def('channel', 'account', 'category', () => (c) => CHANNELS.indexOf(c.txn.channel), { categories: CHANNELS });
def('txn_type', 'account', 'category', () => (c) => TXN_TYPES.indexOf(c.txn.type), { categories: TXN_TYPES });
def('side', 'account', 'category', () => (c) => c.side, { categories: ['debit', 'credit'] });
const KINDS = ['person', 'organisation', 'unknown'] as const;
const RISKS = ['low', 'medium', 'high', 'unknown'] as const;
def('customer_kind', 'customer', 'category', () => (c) => (c.prof ? c.prof.kind : 2), { categories: KINDS });
def('risk_level', 'customer', 'category', () => (c) => (c.prof ? c.prof.risk : 3), { categories: RISKS });
def('cp_customer_kind', 'counterparty', 'category', () => (c) => (c.cpProf ? c.cpProf.kind : 2), { categories: KINDS });
def('cp_known', 'counterparty', 'bool', () => (c) => (c.cpProf && c.cpProf.own ? 1 : 0));
def('account_age_days', 'account', 'days', () => (c) => (c.prof ? (c.t - c.prof.openedAt) / DAY : NaN));
def('cp_account_age_days', 'counterparty', 'days', () => (c) => (c.cpProf ? (c.t - c.cpProf.openedAt) / DAY : NaN));
def('customer_age', 'customer', 'years', (env) => (c) => (c.prof ? ageFromYmd(c.prof.birthYmd, c.txn.occurredAt, env.offsetMs) : NaN));
def('cp_customer_age', 'counterparty', 'years', (env) => (c) => (c.cpProf ? ageFromYmd(c.cpProf.birthYmd, c.txn.occurredAt, env.offsetMs) : NaN));

// The account's (or counterparty's) place in the transaction graph from the latest ring-mining run
// and the institution's known-bad list; an account the lookup does not hold reads `absent` (0, or
// NaN for the distance: unknown, so no comparison holds).
const GRAPH: ReadonlyArray<[string, Unit, (g: AccountGraphFeatures) => number, number?]> = [
  ['ring_score', 'score', (g) => g.ringScore],
  ['ring_findings', 'count', (g) => g.findings],
  ['cycle_count', 'count', (g) => g.cycles],
  ['fan_out_max', 'count', (g) => g.fanOutMax],
  ['fan_in_max', 'count', (g) => g.fanInMax],
  ['two_hop_paths', 'count', (g) => g.twoHopPaths],
  ['known_bad', 'bool', (g) => g.knownBad],
  ['bad_distance', 'count', (g) => g.badDistance, NaN],
];
for (const [name, unit, read, absent = 0] of GRAPH) {
  const of = (env: BuildEnv, slot: number) => { const g = slot >= 0 ? env.graph(slot) : undefined; return g ? read(g) : absent; };
  // A lookup by account id, not a stored number: tested after the cheaper conditions of a rule.
  def(`graph_${name}`, 'account', unit, (env) => (c) => of(env, c.acct), { cost: 4 });
  def(`cp_graph_${name}`, 'counterparty', unit, (env) => (c) => of(env, c.cp), { cost: 4 });
}

/** Days since the entity's previous movement; for a first movement, days since the account opened. */
def('dormant_days', 'account', 'days', (env) => {
  const st = env.store('account');
  return (c) => {
    const p = st.prevLast(c.acct);
    if (p === p) return (c.t - p) / DAY;
    return c.prof ? (c.t - c.prof.openedAt) / DAY : NaN;
  };
});
def('cust_dormant_days', 'customer', 'days', (env) => {
  const st = env.store('customer');
  return (c) => {
    if (c.cust < 0) return NaN;
    const p = st.prevLast(c.cust);
    return p === p ? (c.t - p) / DAY : NaN;
  };
}, { needs: [{ store: 'customer', window: 'life', header: true }] });
def('mins_since_last_in', 'account', 'minutes', (env) => {
  const st = env.store('account');
  return (c) => { const p = st.prevLastIn(c.acct); return p === p ? (c.t - p) / MINUTE : NaN; };
});
def('reactivation_gap_days', 'account', 'days', (env) => {
  const st = env.store('account');
  return (c) => st.gapMs(c.acct) / DAY;
});
def('days_since_reactivation', 'account', 'days', (env) => {
  const st = env.store('account');
  return (c) => { const r = st.reactivatedAt(c.acct); return r === r ? (c.t - r) / DAY : NaN; };
});
/** Days since the counterparty last paid the subject (reciprocal flows); NaN if not within the store's retention (≥ 30 days). */
def('payee_paid_me_days', 'account', 'days', (env) => {
  const st = env.store('account');
  return (c) => {
    if (c.cp < 0 || c.side !== 0) return NaN;
    const e = st.latest(c.acct, DIM.CP_IN, c.cp);
    if (e < 0) return NaN;
    // Only within the store's retention, so arena compaction timing never changes the value.
    const age = c.t - st.evTime(e);
    return age <= st.retentionMs ? age / DAY : NaN;
  };
}, { needs: [{ store: 'account', window: 'life', track: DIM.CP_IN }, { store: 'account', window: '30d' }] });


/** This amount divided by the largest earlier movement matching mask in the last 90 days (∞ if none). */
function vsMax(mask: number) {
  return (env: BuildEnv): FeatureFn => {
    const st = env.store('account');
    const w = env.win('account', '90d');
    return (c: SideCtx) => {
      let best = 0, e = st.tailOf(c.acct, w);
      while (e !== -1) {
        const a = st.evAmt(e);
        if (e !== c.acctEv && (st.evFlags(e) & mask) === mask && a > best) best = a;
        e = st.evNext(e);
      }
      return best > 0 ? c.amt / best : Infinity;
    };
  };
}
def('amount_vs_max_out_90d', 'account', 'ratio', vsMax(F.OUT), { needs: [{ store: 'account', window: '90d' }] });
def('amount_vs_max_cash_out_90d', 'account', 'ratio', vsMax(F.CASH | F.OUT), { needs: [{ store: 'account', window: '90d' }] });
def('amount_vs_max_in_90d', 'account', 'ratio', vsMax(F.IN), { needs: [{ store: 'account', window: '90d' }] });
