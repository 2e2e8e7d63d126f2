import { all, c, scenario, t, usd } from './dsl.ts';

/** Cross-border splitting and cash-to-abroad patterns (跨境拆分). */
const s = { typology: 'cross_border' };

export const CROSS_BORDER = [
  scenario({
    ...s, id: 'XBS-001', side: 'debit', severity: 'high', indicators: ['LV-04', 'INT-17'],
    name: t('个人跨境汇款接近大额标准', 'Personal cross-border payments just below the threshold'),
    description: t('自然人7天内2笔以上跨境汇出金额在跨境大额标准90%–100%之间', 'A person sends two or more cross-border payments in 7 days at 90–100% of the cross-border standard'),
    when: all(c('customer_kind', '==', 'person'), c('is_cross_border', '==', true), c('is_near_threshold', '==', true), c('near_xb_out_cnt_7d', '>=', 2)),
    reason: t('7 天内 {{near_xb_out_cnt_7d}} 笔跨境汇出略低于大额标准', '{{near_xb_out_cnt_7d}} cross-border payments just below the standard in 7 days'),
  }),
  scenario({
    ...s, id: 'XBS-002', side: 'debit', severity: 'high', indicators: ['LV-04', 'UB-09'],
    name: t('跨境汇款拆分', 'Cross-border payments split'),
    description: t('7天内3笔以上跨境汇出、单笔均未达大额标准、合计≥2万美元等值', 'Three or more cross-border payments in 7 days, none at the standard, together ≥ USD 20,000 equivalent'),
    when: all(c('is_cross_border', '==', true), c('xb_out_cnt_7d', '>=', 3), c('large_xb_out_cnt_7d', '==', 0), c('xb_out_sum_7d', '>=', usd(20000))),
    reason: t('7 天内 {{xb_out_cnt_7d}} 笔跨境汇出共 {{xb_out_sum_7d|money}} 元，单笔均低于标准', '{{xb_out_cnt_7d}} cross-border payments in 7 days total CNY {{xb_out_sum_7d|money}}, each below the standard'),
  }),
  scenario({
    ...s, id: 'XBS-003', side: 'debit', severity: 'high', indicators: ['STR-18', 'UB-06'],
    name: t('境外来款后境内分散转出', 'Money from abroad scattered domestically'),
    description: t('7天内跨境入账≥10万元，随后转给5个以上境内收款人、转出≥80%', '≥ RMB 100,000 received from abroad in 7 days, ≥ 80% passed to five or more domestic payees'),
    when: all(c('is_cross_border', '==', false), c('xb_in_sum_7d', '>=', 100000), c('distinct_payees_7d', '>=', 5), c('out_in_ratio_7d', '>=', 0.8)),
    reason: t('境外来款 {{xb_in_sum_7d|money}} 元后转给 {{distinct_payees_7d}} 个收款人', 'CNY {{xb_in_sum_7d|money}} from abroad passed to {{distinct_payees_7d}} payees'),
  }),
  scenario({
    ...s, id: 'XBS-004', side: 'both', severity: 'medium', indicators: ['STR-05', 'INT-04'],
    name: t('个人跨境交易占比高', 'Personal account mostly cross-border'),
    description: t('自然人30天内跨境金额占比≥50%且合计≥50万元', 'A person\'s cross-border share of 30-day turnover ≥ 50% and ≥ RMB 500,000'),
    when: all(c('customer_kind', '==', 'person'), c('is_cross_border', '==', true), c('xb_share_30d', '>=', 0.5), c('xb_sum_30d', '>=', 500000)),
    reason: t('30 天跨境金额 {{xb_sum_30d|money}} 元，占流水 {{xb_share_30d|pct}}', 'CNY {{xb_sum_30d|money}} cross-border in 30 days, {{xb_share_30d|pct}} of turnover'),
  }),
  scenario({
    ...s, id: 'XBS-005', side: 'debit', severity: 'high', indicators: ['INT-02', 'INT-11', 'STR-08'],
    name: t('现金存入后跨境汇出', 'Cash in, then sent abroad'),
    description: t('7天内现金存入≥5万元，跨境汇出≥存现的80%', '≥ RMB 50,000 cash deposited in 7 days and ≥ 80% of it sent abroad'),
    when: all(c('is_cross_border', '==', true), c('cash_in_sum_7d', '>=', 50000), c('xb_out_sum_7d', '>=', { feature: 'cash_in_sum_7d', factor: 0.8 })),
    reason: t('7 天内存现 {{cash_in_sum_7d|money}} 元后跨境汇出 {{xb_out_sum_7d|money}} 元', 'CNY {{cash_in_sum_7d|money}} cash in, then {{xb_out_sum_7d|money}} sent abroad within 7 days'),
  }),
];
