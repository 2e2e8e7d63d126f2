import { all, c, DIRECT_TRANSFER, scenario, t } from './dsl.ts';

/** Victim-side scenarios protect natural persons; payroll batches are not victim transfers. */
const PERSON = c('customer_kind', '==', 'person');

/** Telecom and online fraud, victim side (电信网络诈骗受害人特征): intervene before money leaves. */
const s = { typology: 'telecom_fraud' };

export const TELECOM_FRAUD = [
  scenario({
    ...s, id: 'TEL-001', side: 'debit', severity: 'high', indicators: ['TF-17'],
    name: t('新设备向新收款人大额转账', 'New device, new payee, large amount'),
    description: t('个人客户通过首次使用的设备向新收款人转账≥2万元', 'A personal customer sends ≥ RMB 20,000 to a new payee from a device never used before'),
    when: all(c('is_new_device', '==', true), c('is_new_payee', '==', true), c('amount', '>=', 20000), PERSON),
    reason: t('首次使用的设备向新收款人转账 {{amount|money}} 元', 'CNY {{amount|money}} to a new payee from a new device'),
  }),
  scenario({
    ...s, id: 'TEL-002', side: 'debit', severity: 'high', indicators: ['EV-03'],
    name: t('异常大额转给新收款人', 'Out-of-character large transfer to a new payee'),
    description: t('个人客户向新收款人转账≥5万元，且为近90天最大转出的5倍以上', 'A personal customer sends ≥ RMB 50,000 to a new payee, at least 5× the largest debit of the last 90 days'),
    when: all(c('is_new_payee', '==', true), c('amount', '>=', 50000), c('amount_vs_max_out_90d', '>=', 5), PERSON),
    reason: t('向新收款人转账 {{amount|money}} 元，为近 90 天最大转出的 {{amount_vs_max_out_90d}} 倍', 'CNY {{amount|money}} to a new payee, {{amount_vs_max_out_90d}}× the largest debit in 90 days'),
  }),
  scenario({
    ...s, id: 'TEL-003', side: 'debit', severity: 'high', indicators: ['TF-22', 'GR-02'],
    name: t('收款账户正在大量归集', 'Payee is collecting from many payers'),
    description: t('个人客户向新收款人转账≥1万元，该收款账户24小时内已有5个以上付款人，且不是本行单位客户；本笔为直接转账（税费、社保、缴费、货款支付除外）', 'A personal customer sends ≥ RMB 10,000 by direct transfer (taxes, social insurance, bills and trade payments excluded) to a new payee that received from five or more payers in 24 hours and is not an organisation customer of the bank'),
    when: all(c('is_new_payee', '==', true), c('amount', '>=', 10000), c('cp_distinct_payers_24h', '>=', 5), c('cp_customer_kind', '!=', 'organisation'), DIRECT_TRANSFER, PERSON),
    reason: t('收款账户 24 小时内已收到 {{cp_distinct_payers_24h}} 个付款人转账', 'The payee received from {{cp_distinct_payers_24h}} payers in the last 24 hours'),
  }),
  scenario({
    ...s, id: 'TEL-004', side: 'debit', severity: 'high', indicators: ['EV-08', 'TF-17'],
    name: t('1小时内多笔转给新收款人', 'Several new payees within an hour'),
    description: t('个人客户1小时内向3个以上新收款人转出≥3万元（代发工资除外）', 'A personal customer pays three or more new payees ≥ RMB 30,000 within one hour (payroll excluded)'),
    when: all(c('new_payees_1h', '>=', 3), c('out_sum_1h', '>=', 30000), c('txn_type', '!=', 'salary'), PERSON),
    reason: t('1 小时内向 {{new_payees_1h}} 个新收款人转出 {{out_sum_1h|money}} 元', '{{new_payees_1h}} new payees received CNY {{out_sum_1h|money}} within 1 hour'),
  }),
  scenario({
    ...s, id: 'TEL-005', side: 'debit', severity: 'medium', indicators: ['TF-11', 'TF-22'],
    name: t('转给刚开立的本行账户', 'Transfer to a just-opened account'),
    description: t('向开户不足7天的本行账户转账≥1万元', '≥ RMB 10,000 to an own-bank account opened less than 7 days ago'),
    when: all(c('amount', '>=', 10000), c('cp_known', '==', true), c('cp_account_age_days', '<=', 7)),
    reason: t('收款账户开户仅 {{cp_account_age_days|days}} 天，转账 {{amount|money}} 元', 'CNY {{amount|money}} to an account opened {{cp_account_age_days|days}} days ago'),
  }),
];
