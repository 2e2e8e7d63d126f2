import { ACQUIRING, all, any, c, DIRECT_TRANSFER, NOT_MERCHANT, scenario, t } from './dsl.ts';

/** Fan-in (分散转入集中转出) and fan-out (集中转入分散转出). */
export const FAN = [
  scenario({
    typology: 'fan_in', id: 'FIN-001', side: 'debit', severity: 'high', indicators: ['STR-01', 'GR-02'],
    name: t('分散转入集中转出', 'Scattered in, concentrated out'),
    description: t('7天内10个以上付款人转入，转出收款人不超过2个且转出≥转入80%；收款不以POS/扫码收单为主', 'Ten or more payers in 7 days; at most two payees receive ≥ 80% of it; the account is not mainly paid through POS or QR-code settlement'),
    when: all(c('distinct_payers_7d', '>=', 10), c('distinct_payees_7d', '<=', 2), c('out_in_ratio_7d', '>=', 0.8), NOT_MERCHANT),
    reason: t('7 天内 {{distinct_payers_7d}} 个付款人转入，集中转给 {{distinct_payees_7d}} 个收款人 {{out_sum_7d|money}} 元', '{{distinct_payers_7d}} payers in 7 days, CNY {{out_sum_7d|money}} concentrated to {{distinct_payees_7d}} payees'),
  }),
  scenario({
    typology: 'fan_in', id: 'FIN-002', side: 'credit', severity: 'medium', indicators: ['GR-02', 'GB-02'],
    name: t('24小时大量付款人转入', 'Burst of payers within 24 hours'),
    description: t('24小时内20个以上不同付款人转入，本笔非POS/扫码收单结算，且账户收款不以收单为主', 'Twenty or more distinct payers within 24 hours; this credit is not card or QR-code settlement and the account is not mainly paid that way'),
    when: all(c('distinct_payers_24h', '>=', 20), c('channel', 'not_in', ACQUIRING), NOT_MERCHANT),
    reason: t('24 小时内 {{distinct_payers_24h}} 个付款人转入 {{in_sum_24h|money}} 元', '{{distinct_payers_24h}} payers sent CNY {{in_sum_24h|money}} within 24 hours'),
  }),
  scenario({
    typology: 'fan_in', id: 'FIN-003', side: 'credit', severity: 'medium', indicators: ['STR-03b'],
    name: t('自然人频繁收取对公汇款', 'Person frequently paid by organisations'),
    description: t('自然人30天内收到单位账户转入10笔以上、来自5个以上付款人', 'A person receives ten or more credits from organisations, from five or more payers, in 30 days'),
    when: all(c('customer_kind', '==', 'person'), c('cp_customer_kind', '==', 'organisation'), c('org_payer_cnt_30d', '>=', 10), c('distinct_payers_30d', '>=', 5)),
    reason: t('30 天内收到单位转入 {{org_payer_cnt_30d}} 笔', '{{org_payer_cnt_30d}} credits from organisations in 30 days'),
  }),
  scenario({
    typology: 'fan_out', id: 'FOU-001', side: 'debit', severity: 'high', indicators: ['STR-01', 'GR-01'],
    name: t('集中转入分散转出', 'Concentrated in, scattered out'),
    description: t('7天内资金来自不超过2个付款人，转给10个以上收款人且转出≥转入80%；本笔为转给新收款人的直接转账（消费、缴费、代发工资除外），且7天转出为自身平时的3倍以上或账户开立不足90天', 'Money from at most two payers goes to ten or more payees in 7 days (≥ 80% out); this debit is a direct transfer to a new payee (purchases, bills and payroll excluded), and 7-day debits are ≥ 3× the own usual level or the account is less than 90 days old'),
    when: all(
      c('distinct_payees_7d', '>=', 10), c('distinct_payers_7d', '<=', 2), c('out_in_ratio_7d', '>=', 0.8),
      c('is_new_payee', '==', true), DIRECT_TRANSFER, any(c('out_velocity_7d', '>=', 3), c('account_age_days', '<=', 90)),
    ),
    reason: t('7 天内 {{distinct_payers_7d}} 个付款人转入后分散转给 {{distinct_payees_7d}} 个收款人', 'Money from {{distinct_payers_7d}} payers scattered to {{distinct_payees_7d}} payees in 7 days'),
  }),
  scenario({
    typology: 'fan_out', id: 'FOU-002', side: 'debit', severity: 'high', indicators: ['GR-01', 'TF-13'],
    name: t('24小时转给大量新收款人', 'Many new payees within 24 hours'),
    description: t('24小时内向10个以上新收款人转账（代发工资除外）', 'Ten or more never-before-paid payees within 24 hours (payroll excluded)'),
    when: all(c('new_payees_24h', '>=', 10), c('txn_type', '!=', 'salary')),
    reason: t('24 小时内向 {{new_payees_24h}} 个新收款人转出 {{new_payee_sum_24h|money}} 元', '{{new_payees_24h}} new payees received CNY {{new_payee_sum_24h|money}} within 24 hours'),
  }),
  scenario({
    typology: 'fan_out', id: 'FOU-003', side: 'debit', severity: 'high', indicators: ['UB-01'],
    name: t('单位网银公转私拆分', 'Organisation splitting funds online to many accounts'),
    description: t('单位账户7天内通过网银/手机银行向10个以上收款人转出≥50万元，本笔为转给本行个人客户的直接转账（公转私；代发工资、货款支付除外）', 'Organisation pays ≥ RMB 500,000 to ten or more payees online in 7 days; this debit is a direct transfer to a personal customer of the bank (corporate-to-personal; payroll and trade payments excluded)'),
    when: all(
      c('customer_kind', '==', 'organisation'), c('distinct_payees_7d', '>=', 10), c('online_share_7d', '>=', 0.8), c('out_sum_7d', '>=', 500000),
      DIRECT_TRANSFER, c('cp_customer_kind', '==', 'person'),
    ),
    reason: t('7 天内经线上渠道向 {{distinct_payees_7d}} 个收款人转出 {{out_sum_7d|money}} 元', 'CNY {{out_sum_7d|money}} to {{distinct_payees_7d}} payees online in 7 days'),
  }),
];
