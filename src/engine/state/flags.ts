/**
 * Bit flags describing one side of a transaction as seen by one entity (an "event"), and the
 * aggregates kept per window. An aggregate is a (mask, kind) pair: it counts, or sums the CNY
 * amount of, the events whose flags contain every bit of the mask. New aggregates are data.
 */
export const F = {
  IN: 1 << 0, // money arrives at the entity (credit side)
  OUT: 1 << 1, // money leaves the entity (debit side)
  CASH: 1 << 2, // cash deposit or withdrawal
  TR: 1 << 3, // non-cash transfer-like movement (not cash, fee or interest)
  XB: 1 << 4, // cross-border
  DOM: 1 << 5, // domestic
  CNY: 1 << 6, // denominated in RMB
  FX: 1 << 7, // denominated in a foreign currency
  NIGHT: 1 << 8, // local time 00:00–04:59
  ROUND: 1 << 9, // a whole multiple of 1,000 currency units
  UNIT500: 1 << 10, // a whole multiple of 500 currency units
  NEAR: 1 << 11, // in [90%, 100%) of the applicable large-value threshold
  LARGE: 1 << 12, // at or above the applicable large-value threshold
  SMALL: 1 << 13, // ≤ RMB 10 ("test" transfers)
  NEWCP: 1 << 14, // first ever movement with this counterparty in this direction
  CPORG: 1 << 15, // counterparty is a known organisation customer
  CPELDER: 1 << 16, // counterparty is a known person aged ≥ 55
  ELDER: 1 << 17, // the subject customer is a person aged ≥ 60
  KWINV: 1 << 18, // purpose text contains investment/return words (复投, 理财, 利息, 分红, 返利 ...)
  CH_COUNTER: 1 << 19,
  CH_ATM: 1 << 20,
  CH_MOBILE: 1 << 21,
  CH_INTERNET: 1 << 22,
  CH_POS: 1 << 23,
  CH_THIRD_PARTY: 1 << 24,
  NEWDEV: 1 << 25, // first use of this device by the entity
  LOWAMT: 1 << 26, // ≤ RMB 2,000
  GE10K: 1 << 27, // ≥ RMB 10,000
  NEWIP: 1 << 28, // first use of this IP address by the entity
} as const;

export const CHANNEL_FLAGS: Record<string, number> = {
  counter: F.CH_COUNTER,
  atm: F.CH_ATM,
  mobile: F.CH_MOBILE,
  internet: F.CH_INTERNET,
  pos: F.CH_POS,
  third_party: F.CH_THIRD_PARTY,
};

export interface AggDef {
  name: string;
  mask: number;
  sum: boolean;
  /** One-line meaning for docs/features.md. */
  doc: string;
}

const a = (name: string, mask: number, sum: boolean, doc: string): AggDef => ({ name, mask, sum, doc });

/** The aggregate catalogue. Index in this array is the aggregate id. */
export const AGGS: readonly AggDef[] = [
  a('cnt', 0, false, 'number of movements, both directions'),
  a('sum', 0, true, 'turnover, both directions'),
  a('in_cnt', F.IN, false, 'number of credits'),
  a('in_sum', F.IN, true, 'amount credited'),
  a('out_cnt', F.OUT, false, 'number of debits'),
  a('out_sum', F.OUT, true, 'amount debited'),
  a('cash_cnt', F.CASH, false, 'number of cash movements'),
  a('cash_sum', F.CASH, true, 'cash amount, both directions'),
  a('cash_in_cnt', F.CASH | F.IN, false, 'number of cash deposits'),
  a('cash_in_sum', F.CASH | F.IN, true, 'cash deposited'),
  a('cash_out_cnt', F.CASH | F.OUT, false, 'number of cash withdrawals'),
  a('cash_out_sum', F.CASH | F.OUT, true, 'cash withdrawn'),
  a('xb_cnt', F.XB, false, 'number of cross-border movements'),
  a('xb_sum', F.XB, true, 'cross-border amount, both directions'),
  a('xb_in_sum', F.XB | F.IN, true, 'cross-border amount received'),
  a('xb_out_sum', F.XB | F.OUT, true, 'cross-border amount sent'),
  a('xb_out_cnt', F.XB | F.OUT, false, 'number of cross-border debits'),
  a('night_cnt', F.NIGHT, false, 'movements between 00:00 and 05:00 local time'),
  a('round_cnt', F.ROUND, false, 'movements of a whole multiple of 1,000'),
  a('round_in_cnt', F.ROUND | F.IN, false, 'credits of a whole multiple of 1,000'),
  a('unit500_in_cnt', F.UNIT500 | F.IN, false, 'credits of a whole multiple of 500'),
  a('near_cnt', F.NEAR, false, 'movements just below (90–100%) the applicable large-value threshold'),
  a('near_cash_in_cnt', F.NEAR | F.CASH | F.IN, false, 'cash deposits just below the cash threshold'),
  a('near_cash_out_cnt', F.NEAR | F.CASH | F.OUT, false, 'cash withdrawals just below the cash threshold'),
  a('near_out_cnt', F.NEAR | F.TR | F.OUT, false, 'transfers out just below the transfer threshold'),
  a('near_xb_out_cnt', F.NEAR | F.XB | F.OUT, false, 'cross-border debits just below the threshold'),
  a('large_cnt', F.LARGE, false, 'movements at or above the applicable large-value threshold'),
  a('large_cash_in_cnt', F.LARGE | F.CASH | F.IN, false, 'single cash deposits at/above the cash threshold'),
  a('large_cash_out_cnt', F.LARGE | F.CASH | F.OUT, false, 'single cash withdrawals at/above the cash threshold'),
  a('large_xb_out_cnt', F.LARGE | F.XB | F.OUT, false, 'single cross-border debits at/above the threshold'),
  a('small_cnt', F.SMALL, false, 'movements of RMB 10 or less (test transfers)'),
  a('low_cnt', F.LOWAMT, false, 'movements of RMB 2,000 or less'),
  a('night_low_cnt', F.LOWAMT | F.NIGHT, false, 'night movements of RMB 2,000 or less'),
  a('new_payees', F.NEWCP | F.OUT, false, 'debits to a payee never paid before'),
  a('new_payee_sum', F.NEWCP | F.OUT, true, 'amount debited to never-before-paid payees'),
  a('new_payers', F.NEWCP | F.IN, false, 'credits from a payer never seen before'),
  a('org_payer_cnt', F.CPORG | F.IN, false, 'credits from known organisation customers'),
  a('elder_payer_cnt', F.CPELDER | F.IN, false, 'credits from known persons aged 55 or more'),
  a('elder_cash_out_10k_cnt', F.ELDER | F.CASH | F.OUT | F.GE10K, false, 'cash withdrawals ≥ RMB 10,000 by customers aged 60+'),
  a('kw_invest_cnt', F.KWINV, false, 'movements whose purpose mentions returns or investment'),
  a('new_device_cnt', F.NEWDEV, false, 'movements from a device not used before by the entity'),
  a('ch_counter_cnt', F.CH_COUNTER, false, 'movements at the counter'),
  a('ch_atm_cnt', F.CH_ATM, false, 'movements at ATMs'),
  a('ch_mobile_cnt', F.CH_MOBILE, false, 'movements in mobile banking'),
  a('ch_internet_cnt', F.CH_INTERNET, false, 'movements in internet banking'),
  a('ch_pos_cnt', F.CH_POS, false, 'movements at POS'),
  a('ch_third_party_cnt', F.CH_THIRD_PARTY, false, 'movements through third-party payment'),
  a('cash_in_cny_sum', F.CASH | F.IN | F.CNY, true, 'RMB cash deposited'),
  a('cash_in_fx_sum', F.CASH | F.IN | F.FX, true, 'foreign-currency cash deposited (CNY equivalent)'),
  a('cash_out_cny_sum', F.CASH | F.OUT | F.CNY, true, 'RMB cash withdrawn'),
  a('cash_out_fx_sum', F.CASH | F.OUT | F.FX, true, 'foreign-currency cash withdrawn (CNY equivalent)'),
  a('tr_in_cny_sum', F.TR | F.IN | F.CNY, true, 'RMB transfers received'),
  a('tr_in_fx_sum', F.TR | F.IN | F.FX, true, 'foreign-currency transfers received (CNY equivalent)'),
  a('tr_out_cny_sum', F.TR | F.OUT | F.CNY, true, 'RMB transfers sent'),
  a('tr_out_fx_sum', F.TR | F.OUT | F.FX, true, 'foreign-currency transfers sent (CNY equivalent)'),
  a('tr_dom_in_cny_sum', F.TR | F.DOM | F.IN | F.CNY, true, 'domestic RMB transfers received'),
  a('tr_dom_in_fx_sum', F.TR | F.DOM | F.IN | F.FX, true, 'domestic foreign-currency transfers received'),
  a('tr_dom_out_cny_sum', F.TR | F.DOM | F.OUT | F.CNY, true, 'domestic RMB transfers sent'),
  a('tr_dom_out_fx_sum', F.TR | F.DOM | F.OUT | F.FX, true, 'domestic foreign-currency transfers sent'),
  a('tr_xb_in_cny_sum', F.TR | F.XB | F.IN | F.CNY, true, 'cross-border RMB transfers received'),
  a('tr_xb_in_fx_sum', F.TR | F.XB | F.IN | F.FX, true, 'cross-border foreign-currency transfers received'),
  a('tr_xb_out_cny_sum', F.TR | F.XB | F.OUT | F.CNY, true, 'cross-border RMB transfers sent'),
  a('tr_xb_out_fx_sum', F.TR | F.XB | F.OUT | F.FX, true, 'cross-border foreign-currency transfers sent'),
];

export const AGG_ID: ReadonlyMap<string, number> = new Map(AGGS.map((x, i) => [x.name, i]));

/**
 * Distinct-value dimensions tracked per entity. Each keeps, per (entity, value), the index of the
 * entity's latest event with that value, which gives exact distinct counts per window and the
 * lifetime "first time seen" flags.
 */
export const DIM = { CP_IN: 0, CP_OUT: 1, CP: 2, LOC: 3, DEV: 4, IP: 5, ACCT: 6 } as const;
export const NDIMS = 7;
export const DIM_NAMES = ['payers', 'payees', 'counterparties', 'locations', 'devices', 'ips', 'accounts'] as const;

export type WindowId = '1h' | '24h' | '7d' | '30d' | '90d' | 'day' | 'life';
export const WINDOW_IDS: readonly WindowId[] = ['1h', '24h', '7d', '30d', '90d', 'day', 'life'];
export const WINDOW_MS: Record<WindowId, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
  day: 86_400_000,
  life: Infinity,
};
