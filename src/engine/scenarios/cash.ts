import { all, c, scenario, t } from './dsl.ts';

/** Large and frequent cash anomalies (大额/频繁现金). */
const s = { typology: 'cash_anomaly' };

export const CASH = [
  scenario({
    ...s, id: 'CSH-001', side: 'debit', severity: 'high', indicators: ['STR-16'],
    name: t('个人一次性大额取现异常', 'Out-of-pattern large personal cash withdrawal'),
    description: t('个人取现≥5万元且为近90天最大取现的5倍以上', 'Person withdraws ≥ RMB 50,000, ≥ 5× the largest cash withdrawal in 90 days'),
    when: all(c('customer_kind', '==', 'person'), c('is_cash', '==', true), c('amount', '>=', 50000), c('amount_vs_max_cash_out_90d', '>=', 5)),
    reason: t('取现 {{amount|money}} 元，为近 90 天最大取现的 {{amount_vs_max_cash_out_90d}} 倍', 'CNY {{amount|money}} cash, {{amount_vs_max_cash_out_90d}}× the largest in 90 days'),
  }),
  scenario({
    ...s, id: 'CSH-002', side: 'both', severity: 'medium', indicators: ['STR-16'],
    name: t('频繁现金收付', 'Frequent cash activity'),
    description: t('30天内现金10笔以上、现金占比≥70%、现金合计≥10万元', 'Ten or more cash movements in 30 days, ≥ 70% of turnover in cash, ≥ RMB 100,000'),
    when: all(c('is_cash', '==', true), c('cash_cnt_30d', '>=', 10), c('cash_share_30d', '>=', 0.7), c('cash_sum_30d', '>=', 100000)),
    reason: t('30 天内现金 {{cash_cnt_30d}} 笔共 {{cash_sum_30d|money}} 元，占流水 {{cash_share_30d|pct}}', '{{cash_cnt_30d}} cash movements worth CNY {{cash_sum_30d|money}} in 30 days ({{cash_share_30d|pct}} of turnover)'),
  }),
  scenario({
    ...s, id: 'CSH-003', side: 'debit', severity: 'medium', indicators: ['STR-16', 'IF-06'],
    name: t('单位频繁大额取现', 'Organisation repeatedly withdrawing large cash'),
    description: t('单位账户取现≥20万元且30天内第3笔以上', 'Organisation withdraws ≥ RMB 200,000 in cash, the third or more withdrawal in 30 days'),
    when: all(c('customer_kind', '==', 'organisation'), c('is_cash', '==', true), c('amount', '>=', 200000), c('cash_out_cnt_30d', '>=', 3)),
    reason: t('单位 30 天内取现 {{cash_out_cnt_30d}} 笔共 {{cash_out_sum_30d|money}} 元', 'Organisation withdrew CNY {{cash_out_sum_30d|money}} in {{cash_out_cnt_30d}} cash withdrawals in 30 days'),
  }),
  scenario({
    ...s, id: 'CSH-004', side: 'debit', severity: 'medium', indicators: ['TF-20', 'EV-01'],
    name: t('当日多地ATM取现', 'ATM withdrawals at several places in one day'),
    description: t('当日在2个以上地点ATM取现合计≥2万元', 'ATM withdrawals at two or more locations in one day totalling ≥ RMB 20,000'),
    when: all(c('is_cash', '==', true), c('channel', '==', 'atm'), c('distinct_locations_day', '>=', 2), c('cash_out_sum_day', '>=', 20000)),
    reason: t('当日在 {{distinct_locations_day}} 个地点取现 {{cash_out_sum_day|money}} 元', 'CNY {{cash_out_sum_day|money}} withdrawn at {{distinct_locations_day}} locations today'),
  }),
  scenario({
    ...s, id: 'CSH-005', side: 'debit', severity: 'high', indicators: ['TF-20', 'TF-12'],
    name: t('新付款人资金到账即取现', 'Cash-out right after money from a new payer'),
    description: t('收到新付款人资金后60分钟内取现≥2万元', 'Cash withdrawal ≥ RMB 20,000 within 60 minutes of a credit, with a new payer in 24 hours'),
    when: all(c('is_cash', '==', true), c('amount', '>=', 20000), c('mins_since_last_in', '<=', 60), c('new_payers_24h', '>=', 1)),
    reason: t('入账 {{mins_since_last_in|int}} 分钟后取现 {{amount|money}} 元', 'CNY {{amount|money}} withdrawn {{mins_since_last_in|int}} minutes after a credit'),
  }),
];
