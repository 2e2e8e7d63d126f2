import { all, c, DIRECT_TRANSFER, NOT_MERCHANT, scenario, t } from './dsl.ts';

/** Pass-through mule accounts and rented cards (涉诈“两卡”、过渡账户). */
const s = { typology: 'mule' };

export const MULE = [
  scenario({
    ...s, id: 'MUL-001', side: 'debit', severity: 'high', indicators: ['INT-19'],
    name: t('年轻客户过渡资金', 'Young customer passing funds through'),
    description: t('16–25岁客户7天内收到3个以上付款人资金≥2万元并转出90%以上', 'Customer aged 16–25 receives ≥ RMB 20,000 from three or more payers in 7 days and forwards ≥ 90%'),
    when: all(c('customer_age', 'between', [16, 25]), c('distinct_payers_7d', '>=', 3), c('in_sum_7d', '>=', 20000), c('out_in_ratio_7d', '>=', 0.9)),
    reason: t('{{customer_age}} 岁客户 7 天内收到 {{distinct_payers_7d}} 个付款人 {{in_sum_7d|money}} 元并转出 {{out_in_ratio_7d|pct}}', 'Customer aged {{customer_age}} received CNY {{in_sum_7d|money}} from {{distinct_payers_7d}} payers in 7 days and forwarded {{out_in_ratio_7d|pct}}'),
  }),
  scenario({
    ...s, id: 'MUL-002', side: 'debit', severity: 'critical', indicators: ['TF-13'],
    name: t('入账后分层转给多个新收款人', 'Credit split to several new payees'),
    description: t('入账后2小时内1小时内转给3个以上新收款人，转出达24小时入账80%', 'Within 2 hours of a credit, three or more new payees in one hour receive 80% of the day\'s inflow'),
    when: all(c('mins_since_last_in', '<=', 120), c('new_payees_1h', '>=', 3), c('in_sum_24h', '>=', 10000), c('out_in_ratio_24h', '>=', 0.8)),
    reason: t('入账后 1 小时内转给 {{new_payees_1h}} 个新收款人，转出 {{out_sum_1h|money}} 元', '{{new_payees_1h}} new payees received CNY {{out_sum_1h|money}} within an hour of a credit'),
  }),
  scenario({
    ...s, id: 'MUL-003', side: 'both', severity: 'high', indicators: ['TF-16', 'UB-02'],
    name: t('小额测试后放量', 'Test transfers followed by volume'),
    description: t('7天内2笔以上≤10元测试交易，随后24小时流水≥5万元；本笔为直接转账，且账户不以POS/扫码收单为主（商户小额收款除外）', 'Two or more movements of RMB 10 or less in 7 days, then ≥ RMB 50,000 turnover in 24 hours; this movement is a direct transfer and the account is not mainly paid through POS or QR-code settlement (small merchant takings excluded)'),
    when: all(c('amount', '>=', 10000), c('small_cnt_7d', '>=', 2), c('sum_24h', '>=', 50000), DIRECT_TRANSFER, NOT_MERCHANT),
    reason: t('7 天内 {{small_cnt_7d}} 笔小额测试交易后，24 小时流水 {{sum_24h|money}} 元', '{{small_cnt_7d}} test transfers in 7 days, then CNY {{sum_24h|money}} turnover in 24 hours'),
  }),
  scenario({
    ...s, id: 'MUL-004', side: 'debit', severity: 'high', indicators: ['TF-20'],
    name: t('入账后多地取现', 'Cash taken out at scattered locations after credits'),
    description: t('24小时内入账≥1万元后在3个以上地点取现3笔以上', 'After ≥ RMB 10,000 credited, three or more cash withdrawals at three or more locations in 24 hours'),
    when: all(c('is_cash', '==', true), c('cash_out_cnt_24h', '>=', 3), c('distinct_locations_24h', '>=', 3), c('in_sum_24h', '>=', 10000)),
    reason: t('24 小时内在 {{distinct_locations_24h}} 个地点取现 {{cash_out_cnt_24h}} 笔共 {{cash_out_sum_24h|money}} 元', '{{cash_out_cnt_24h}} cash withdrawals totalling CNY {{cash_out_sum_24h|money}} at {{distinct_locations_24h}} locations in 24 hours'),
  }),
  scenario({
    ...s, id: 'MUL-005', side: 'debit', severity: 'critical', indicators: ['CX-01', 'STR-04'],
    name: t('休眠卡激活后过渡资金', 'Reactivated dormant card passing funds'),
    description: t('休眠180天以上后14天内收到3个以上付款人资金并转出80%以上', 'Within 14 days of reactivation after ≥ 180 days idle, funds from three or more payers are forwarded (≥ 80%)'),
    when: all(c('reactivation_gap_days', '>=', 180), c('days_since_reactivation', '<=', 14), c('distinct_payers_7d', '>=', 3), c('out_in_ratio_7d', '>=', 0.8)),
    reason: t('休眠 {{reactivation_gap_days|days}} 天后激活，7 天内 {{distinct_payers_7d}} 个付款人转入并转出 {{out_in_ratio_7d|pct}}', 'Idle {{reactivation_gap_days|days}} days, then {{distinct_payers_7d}} payers in 7 days with {{out_in_ratio_7d|pct}} forwarded'),
  }),
];
