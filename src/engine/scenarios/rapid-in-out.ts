import { all, any, c, scenario, t } from './dsl.ts';

/** Rapid in-out / pass-through without retained balance (快进快出、不留余额). */
const s = { typology: 'rapid_in_out' };

export const RAPID_IN_OUT = [
  scenario({
    ...s, id: 'RIO-001', side: 'debit', severity: 'high', indicators: ['TF-12'],
    name: t('1小时内快进快出', 'In and out within one hour'),
    description: t('入账后60分钟内转出1小时入账的90%以上，入账≥5万元', 'At least 90% of the last hour\'s ≥ RMB 50,000 inflow leaves within 60 minutes of a credit'),
    when: all(c('mins_since_last_in', '<=', 60), c('in_sum_1h', '>=', 50000), c('out_in_ratio_1h', '>=', 0.9)),
    reason: t('入账后 {{mins_since_last_in|int}} 分钟内转出，1 小时进 {{in_sum_1h|money}} 元、出 {{out_sum_1h|money}} 元', 'Money left {{mins_since_last_in|int}} minutes after a credit: CNY {{in_sum_1h|money}} in, {{out_sum_1h|money}} out within 1 hour'),
  }),
  scenario({
    ...s, id: 'RIO-002', side: 'debit', severity: 'high', indicators: ['TF-09'],
    name: t('7日大额进出', 'Heavy in-and-out over 7 days'),
    description: t('7天内入账≥50万元且转出≥入账的90%；个人账户，或单位账户入账为自身平时3倍以上（贸易企业的正常周转除外）', 'At least RMB 500,000 in over 7 days with 90% or more moved out; on a personal account, or on an organisation\'s whose inflow is ≥ 3× its own usual level (a trading firm\'s normal turnover excluded)'),
    when: all(c('in_sum_7d', '>=', 500000), c('out_in_ratio_7d', '>=', 0.9), any(c('customer_kind', '==', 'person'), c('in_velocity_7d', '>=', 3))),
    reason: t('7 天内转入 {{in_sum_7d|money}} 元、转出 {{out_sum_7d|money}} 元', 'CNY {{in_sum_7d|money}} in and {{out_sum_7d|money}} out within 7 days'),
  }),
  scenario({
    ...s, id: 'RIO-003', side: 'debit', severity: 'high', indicators: ['UB-03'],
    name: t('个人账户当日进出平衡大额', 'Personal account with balanced large same-day flows'),
    description: t('个人账户当日入账≥10万元，进出差额≤5%，平均单笔转出≥2万元', 'Personal account: ≥ RMB 100,000 in today, in and out within 5%, average debit ≥ RMB 20,000'),
    when: all(c('customer_kind', '==', 'person'), c('in_sum_day', '>=', 100000), c('in_out_gap_day', '<=', 0.05), c('avg_out_amount_day', '>=', 20000)),
    reason: t('当日进 {{in_sum_day|money}} 元、出 {{out_sum_day|money}} 元，差额 {{in_out_gap_day|pct}}', 'Today CNY {{in_sum_day|money}} in and {{out_sum_day|money}} out, gap {{in_out_gap_day|pct}}'),
  }),
  scenario({
    ...s, id: 'RIO-004', side: 'debit', severity: 'high', indicators: ['TF-14'],
    name: t('多笔小额转入后集中转出', 'Many small credits then a consolidated debit'),
    description: t('24小时内5个以上付款人小额转入（均值≤5000元），2小时内集中转出80%以上', 'Five or more payers send small amounts (average ≤ RMB 5,000) in 24 hours; 80% leaves in one or two debits within 2 hours'),
    when: all(c('distinct_payers_24h', '>=', 5), c('avg_in_amount_24h', '<=', 5000), c('in_sum_24h', '>=', 10000), c('out_cnt_24h', '<=', 2), c('mins_since_last_in', '<=', 120), c('out_in_ratio_24h', '>=', 0.8)),
    reason: t('24 小时内 {{distinct_payers_24h}} 个付款人转入 {{in_sum_24h|money}} 元后集中转出 {{out_sum_24h|money}} 元', '{{distinct_payers_24h}} payers sent CNY {{in_sum_24h|money}} in 24 hours, then {{out_sum_24h|money}} left in a lump'),
  }),
  scenario({
    ...s, id: 'RIO-005', side: 'debit', severity: 'high', indicators: ['TF-09', 'UB-01'],
    name: t('单位账户资金过渡', 'Organisation account used as a conduit'),
    description: t('单位账户24小时内入账≥100万元，95%以上分散转给3个以上收款人', 'Organisation receives ≥ RMB 1,000,000 in 24 hours and passes ≥ 95% on to three or more payees'),
    when: all(c('customer_kind', '==', 'organisation'), c('in_sum_24h', '>=', 1000000), c('out_in_ratio_24h', '>=', 0.95), c('distinct_payees_24h', '>=', 3)),
    reason: t('24 小时内入账 {{in_sum_24h|money}} 元，转给 {{distinct_payees_24h}} 个收款人 {{out_sum_24h|money}} 元', 'CNY {{in_sum_24h|money}} in within 24 hours, {{out_sum_24h|money}} passed to {{distinct_payees_24h}} payees'),
  }),
];
