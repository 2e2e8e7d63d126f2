import { all, any, c, scenario, t, usd } from './dsl.ts';

/**
 * Large-value transaction reporting triggers (大额交易报告), PBOC Order [2016] No. 3 Art. 5, at the
 * exact thresholds, per customer and local calendar day (single or same-day cumulative, each side
 * on its own). RMB-denominated amounts are compared with the RMB standard and foreign-currency
 * amounts (converted through the FX table) with the USD standard. Weight 0: they feed the LVTR
 * report, not the risk score.
 */
const lv = { typology: 'large_value_report', severity: 'medium' as const, weight: 0, indicators: [] as string[] };
const notFee = c('txn_type', 'not_in', ['fee', 'interest']);

export const LARGE_VALUE = [
  scenario({
    ...lv, id: 'LVR-001', side: 'credit', indicators: ['LV-01'],
    name: t('大额现金存入（当日累计）', 'Large cash deposit (same-day cumulative)'),
    description: t('客户当日现金存入累计达人民币5万元或外币等值1万美元以上', 'Customer cash deposits in one day reach RMB 50,000 or USD 10,000 equivalent'),
    when: all(c('is_cash', '==', true), any(c('cust_cash_in_cny_sum_day', '>=', 50000), c('cust_cash_in_fx_sum_day', '>=', usd(10000)))),
    reason: t('客户当日现金存入人民币 {{cust_cash_in_cny_sum_day|money}} 元、外币折合 {{cust_cash_in_fx_sum_day|money}} 元，达到大额交易报告标准', 'Cash deposited today: RMB {{cust_cash_in_cny_sum_day|money}}, foreign currency equivalent CNY {{cust_cash_in_fx_sum_day|money}}; large-value reporting standard met'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(1).',
  }),
  scenario({
    ...lv, id: 'LVR-002', side: 'debit', indicators: ['LV-01'],
    name: t('大额现金支取（当日累计）', 'Large cash withdrawal (same-day cumulative)'),
    description: t('客户当日现金支取累计达人民币5万元或外币等值1万美元以上', 'Customer cash withdrawals in one day reach RMB 50,000 or USD 10,000 equivalent'),
    when: all(c('is_cash', '==', true), any(c('cust_cash_out_cny_sum_day', '>=', 50000), c('cust_cash_out_fx_sum_day', '>=', usd(10000)))),
    reason: t('客户当日现金支取人民币 {{cust_cash_out_cny_sum_day|money}} 元、外币折合 {{cust_cash_out_fx_sum_day|money}} 元，达到大额交易报告标准', 'Cash withdrawn today: RMB {{cust_cash_out_cny_sum_day|money}}, foreign currency equivalent CNY {{cust_cash_out_fx_sum_day|money}}; large-value reporting standard met'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(1).',
  }),
  scenario({
    ...lv, id: 'LVR-003', side: 'debit', indicators: ['LV-02'],
    name: t('非自然人大额转出', 'Organisation large transfer out'),
    description: t('非自然人客户当日转出累计达人民币200万元或外币等值20万美元以上', 'Organisation customer transfers out RMB 2,000,000 or USD 200,000 equivalent in one day'),
    when: all(c('customer_kind', '==', 'organisation'), c('is_cash', '==', false), notFee, any(c('cust_tr_out_cny_sum_day', '>=', 2000000), c('cust_tr_out_fx_sum_day', '>=', usd(200000)))),
    reason: t('单位客户当日转出人民币 {{cust_tr_out_cny_sum_day|money}} 元、外币折合 {{cust_tr_out_fx_sum_day|money}} 元', 'Organisation transferred out RMB {{cust_tr_out_cny_sum_day|money}} and foreign currency worth CNY {{cust_tr_out_fx_sum_day|money}} today'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(2); domestic and cross-border.',
  }),
  scenario({
    ...lv, id: 'LVR-004', side: 'credit', indicators: ['LV-02'],
    name: t('非自然人大额转入', 'Organisation large transfer in'),
    description: t('非自然人客户当日转入累计达人民币200万元或外币等值20万美元以上', 'Organisation customer receives RMB 2,000,000 or USD 200,000 equivalent in one day'),
    when: all(c('customer_kind', '==', 'organisation'), c('is_cash', '==', false), notFee, any(c('cust_tr_in_cny_sum_day', '>=', 2000000), c('cust_tr_in_fx_sum_day', '>=', usd(200000)))),
    reason: t('单位客户当日转入人民币 {{cust_tr_in_cny_sum_day|money}} 元、外币折合 {{cust_tr_in_fx_sum_day|money}} 元', 'Organisation received RMB {{cust_tr_in_cny_sum_day|money}} and foreign currency worth CNY {{cust_tr_in_fx_sum_day|money}} today'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(2).',
  }),
  scenario({
    ...lv, id: 'LVR-005', side: 'debit', indicators: ['LV-03'],
    name: t('自然人境内大额转出', 'Natural person large domestic transfer out'),
    description: t('自然人客户当日境内转出累计达人民币50万元或外币等值10万美元以上', 'Person transfers out domestically RMB 500,000 or USD 100,000 equivalent in one day'),
    when: all(c('customer_kind', '==', 'person'), c('is_cash', '==', false), c('is_cross_border', '==', false), notFee, any(c('cust_tr_dom_out_cny_sum_day', '>=', 500000), c('cust_tr_dom_out_fx_sum_day', '>=', usd(100000)))),
    reason: t('个人客户当日境内转出人民币 {{cust_tr_dom_out_cny_sum_day|money}} 元、外币折合 {{cust_tr_dom_out_fx_sum_day|money}} 元', 'Person transferred out domestically RMB {{cust_tr_dom_out_cny_sum_day|money}} and foreign currency worth CNY {{cust_tr_dom_out_fx_sum_day|money}} today'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(3).',
  }),
  scenario({
    ...lv, id: 'LVR-006', side: 'credit', indicators: ['LV-03'],
    name: t('自然人境内大额转入', 'Natural person large domestic transfer in'),
    description: t('自然人客户当日境内转入累计达人民币50万元或外币等值10万美元以上', 'Person receives domestically RMB 500,000 or USD 100,000 equivalent in one day'),
    when: all(c('customer_kind', '==', 'person'), c('is_cash', '==', false), c('is_cross_border', '==', false), notFee, any(c('cust_tr_dom_in_cny_sum_day', '>=', 500000), c('cust_tr_dom_in_fx_sum_day', '>=', usd(100000)))),
    reason: t('个人客户当日境内转入人民币 {{cust_tr_dom_in_cny_sum_day|money}} 元、外币折合 {{cust_tr_dom_in_fx_sum_day|money}} 元', 'Person received domestically RMB {{cust_tr_dom_in_cny_sum_day|money}} and foreign currency worth CNY {{cust_tr_dom_in_fx_sum_day|money}} today'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(3).',
  }),
  scenario({
    ...lv, id: 'LVR-007', side: 'debit', indicators: ['LV-04'],
    name: t('自然人跨境大额转出', 'Natural person large cross-border transfer out'),
    description: t('自然人客户当日跨境转出累计达人民币20万元或外币等值1万美元以上', 'Person sends cross-border RMB 200,000 or USD 10,000 equivalent in one day'),
    when: all(c('customer_kind', '==', 'person'), c('is_cash', '==', false), c('is_cross_border', '==', true), notFee, any(c('cust_tr_xb_out_cny_sum_day', '>=', 200000), c('cust_tr_xb_out_fx_sum_day', '>=', usd(10000)))),
    reason: t('个人客户当日跨境转出人民币 {{cust_tr_xb_out_cny_sum_day|money}} 元、外币折合 {{cust_tr_xb_out_fx_sum_day|money}} 元', 'Person sent cross-border RMB {{cust_tr_xb_out_cny_sum_day|money}} and foreign currency worth CNY {{cust_tr_xb_out_fx_sum_day|money}} today'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(4).',
  }),
  scenario({
    ...lv, id: 'LVR-008', side: 'credit', indicators: ['LV-04'],
    name: t('自然人跨境大额转入', 'Natural person large cross-border transfer in'),
    description: t('自然人客户当日跨境转入累计达人民币20万元或外币等值1万美元以上', 'Person receives cross-border RMB 200,000 or USD 10,000 equivalent in one day'),
    when: all(c('customer_kind', '==', 'person'), c('is_cash', '==', false), c('is_cross_border', '==', true), notFee, any(c('cust_tr_xb_in_cny_sum_day', '>=', 200000), c('cust_tr_xb_in_fx_sum_day', '>=', usd(10000)))),
    reason: t('个人客户当日跨境转入人民币 {{cust_tr_xb_in_cny_sum_day|money}} 元、外币折合 {{cust_tr_xb_in_fx_sum_day|money}} 元', 'Person received cross-border RMB {{cust_tr_xb_in_cny_sum_day|money}} and foreign currency worth CNY {{cust_tr_xb_in_fx_sum_day|money}} today'),
    doc: 'PBOC Order [2016] No. 3 Art. 5(4).',
  }),
];
