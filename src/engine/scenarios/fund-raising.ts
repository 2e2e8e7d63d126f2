import { all, any, c, DIRECT_TRANSFER, NOT_MERCHANT, scenario, t } from './dsl.ts';

/** Illegal fund-raising (非法集资): many-to-one collection from the public. */
const s = { typology: 'illegal_fundraising' };

export const FUND_RAISING = [
  scenario({
    ...s, id: 'IFR-001', side: 'credit', severity: 'high', indicators: ['IF-01'],
    name: t('大量陌生个人分散转入', 'Many unrelated payers'),
    description: t('30天内30个以上付款人直接转账转入（非收单结算），新付款人占比≥80%，且为新开账户（90天内）或入账为自身此前月均3倍以上', 'Thirty or more payers in 30 days by direct transfer (not card or QR-code settlement), at least 80% of credits from payers new to the account, on an account opened within 90 days or whose inflow is at least 3× its own previous monthly average'),
    when: all(
      c('distinct_payers_30d', '>=', 30), c('new_payer_share_30d', '>=', 0.8), DIRECT_TRANSFER, NOT_MERCHANT,
      any(c('account_age_days', '<=', 90), c('in_velocity_30d', '>=', 3)),
    ),
    reason: t('30 天内 {{distinct_payers_30d}} 个付款人转入 {{in_sum_30d|money}} 元，新付款人占 {{new_payer_share_30d|pct}}', '{{distinct_payers_30d}} payers sent CNY {{in_sum_30d|money}} in 30 days; {{new_payer_share_30d|pct}} new'),
  }),
  scenario({
    ...s, id: 'IFR-002', side: 'credit', severity: 'high', indicators: ['IF-02'],
    name: t('入账为固定份额整数倍', 'Credits in multiples of a subscription unit'),
    description: t('30天内20笔以上入账，80%以上为500元整数倍，付款人10个以上', 'Twenty or more credits in 30 days, ≥ 80% whole multiples of 500, from ten or more payers'),
    when: all(c('in_cnt_30d', '>=', 20), c('unit500_in_share_30d', '>=', 0.8), c('distinct_payers_30d', '>=', 10)),
    reason: t('30 天内 {{in_cnt_30d}} 笔入账中 {{unit500_in_share_30d|pct}} 为 500 元整数倍', '{{unit500_in_share_30d|pct}} of {{in_cnt_30d}} credits in 30 days are multiples of 500'),
  }),
  scenario({
    ...s, id: 'IFR-003', side: 'credit', severity: 'high', indicators: ['IF-04', 'IF-13'],
    name: t('资金多来自中老年人', 'Payers mostly middle-aged or elderly'),
    description: t('30天内10个以上付款人，55岁以上付款人的入账占比≥50%', 'Ten or more payers in 30 days; at least half of credits from persons aged 55 or more'),
    when: all(c('distinct_payers_30d', '>=', 10), c('elder_payer_share_30d', '>=', 0.5)),
    reason: t('30 天内入账中 {{elder_payer_share_30d|pct}} 来自 55 岁以上客户', '{{elder_payer_share_30d|pct}} of credits in 30 days came from customers aged 55+'),
  }),
  scenario({
    ...s, id: 'IFR-004', side: 'debit', severity: 'high', indicators: ['IF-06'],
    name: t('集资账户大额提现', 'Cash-out from a collecting account'),
    description: t('90天内30个以上付款人转入，现金支取≥入账20%', 'Thirty or more payers in 90 days and cash withdrawals ≥ 20% of inflow'),
    when: all(c('is_cash', '==', true), c('distinct_payers_90d', '>=', 30), c('cash_out_in_ratio_90d', '>=', 0.2)),
    reason: t('90 天内 {{distinct_payers_90d}} 个付款人转入，已取现 {{cash_out_sum_90d|money}} 元', '{{distinct_payers_90d}} payers in 90 days; CNY {{cash_out_sum_90d|money}} withdrawn in cash'),
  }),
  scenario({
    ...s, id: 'IFR-005', side: 'debit', severity: 'critical', indicators: ['IF-07'],
    name: t('归集后大额转出', 'Pooled money moved out in one large debit'),
    description: t('30天内20个以上付款人转入后，单笔转出≥100万元且≥90天入账的一半', 'After twenty or more payers in 30 days, one debit ≥ RMB 1,000,000 and ≥ half of 90-day inflow'),
    when: all(c('amount', '>=', 1000000), c('distinct_payers_30d', '>=', 20), c('amount', '>=', { feature: 'in_sum_90d', factor: 0.5 })),
    reason: t('{{distinct_payers_30d}} 个付款人资金归集后单笔转出 {{amount|money}} 元', 'CNY {{amount|money}} moved out in one debit after pooling from {{distinct_payers_30d}} payers'),
  }),
  scenario({
    ...s, id: 'IFR-006', side: 'credit', severity: 'high', indicators: ['IF-08', 'STR-03a'],
    name: t('单位账户收取大量个人资金', 'Organisation collecting from many individuals'),
    description: t('单位账户30天内30个以上付款人、单位付款占比≤20%，本笔为个人直接转账，且收款不以POS/扫码收单结算为主（商户营业收入除外），且为新开账户（90天内）或入账为自身此前月均3倍以上', 'Organisation receives from thirty or more payers in 30 days, at most 20% from organisations; this credit is a direct transfer from a non-organisation and the account is not mainly paid through POS or QR-code settlement (merchant takings excluded), on an account opened within 90 days or whose inflow is at least 3× its own previous monthly average'),
    when: all(
      c('customer_kind', '==', 'organisation'), c('distinct_payers_30d', '>=', 30), c('org_payer_share_30d', '<=', 0.2),
      c('cp_customer_kind', '!=', 'organisation'), DIRECT_TRANSFER, NOT_MERCHANT,
      any(c('account_age_days', '<=', 90), c('in_velocity_30d', '>=', 3)),
    ),
    reason: t('单位账户 30 天内收到 {{distinct_payers_30d}} 个付款人转入 {{in_sum_30d|money}} 元', 'Organisation received CNY {{in_sum_30d|money}} from {{distinct_payers_30d}} payers in 30 days'),
  }),
  scenario({
    ...s, id: 'IFR-007', side: 'credit', severity: 'medium', indicators: ['IF-05'],
    name: t('附言含投资返利字样', 'Purpose mentions returns or reinvestment'),
    description: t('30天内3笔以上附言含“复投、理财、利息、分红、返利”等字样', 'Three or more movements in 30 days whose purpose mentions reinvestment, interest, dividends or rebates'),
    when: all(c('kw_invest_cnt_30d', '>=', 3), c('distinct_payers_30d', '>=', 3)),
    reason: t('30 天内 {{kw_invest_cnt_30d}} 笔交易附言含投资返利字样', '{{kw_invest_cnt_30d}} movements in 30 days mention investment returns'),
  }),
];
