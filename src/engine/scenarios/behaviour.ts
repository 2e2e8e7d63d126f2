import { all, c, DIRECT_TRANSFER, NOT_MERCHANT, scenario, t } from './dsl.ts';

/** Device/IP clustering, velocity against the own baseline, underground banking and round-tripping. */
export const BEHAVIOUR = [
  scenario({
    typology: 'device_cluster', id: 'DEV-001', side: 'debit', severity: 'high', indicators: ['TF-18'],
    name: t('同一设备操作多个账户', 'One device operating several accounts'),
    description: t('设备30天内操作3个以上账户，本笔≥5000元', 'The device was used by three or more accounts in 30 days; this debit ≥ RMB 5,000'),
    when: all(c('amount', '>=', 5000), c('dev_distinct_accounts_30d', '>=', 3)),
    reason: t('该设备 30 天内操作 {{dev_distinct_accounts_30d}} 个账户', 'This device operated {{dev_distinct_accounts_30d}} accounts in 30 days'),
  }),
  scenario({
    typology: 'device_cluster', id: 'DEV-002', side: 'debit', severity: 'high', indicators: ['UB-10', 'INT-16'],
    name: t('同一IP操作大量账户', 'One IP address operating many accounts'),
    description: t('同一IP地址24小时内操作5个以上账户', 'Five or more accounts used from one IP address in 24 hours'),
    when: all(c('ip_distinct_accounts_24h', '>=', 5)),
    reason: t('该 IP 24 小时内操作 {{ip_distinct_accounts_24h}} 个账户', 'This IP address operated {{ip_distinct_accounts_24h}} accounts in 24 hours'),
  }),
  scenario({
    typology: 'velocity', id: 'VEL-001', side: 'debit', severity: 'medium', indicators: ['STR-04', 'EV-01'],
    name: t('转出金额远超自身历史', 'Debits far above the own baseline'),
    description: t('24小时转出≥5万元且为近90天日均的10倍以上，本笔为转账或取现（代发工资、缴费、货款支付除外）', '24-hour debits ≥ RMB 50,000 and ≥ 10× the own 90-day daily average; this debit is a transfer or cash withdrawal (payroll, bills and trade payments excluded)'),
    when: all(c('out_sum_24h', '>=', 50000), c('out_velocity_24h', '>=', 10), c('txn_type', 'in', ['transfer', 'cash_withdrawal'])),
    reason: t('24 小时转出 {{out_sum_24h|money}} 元，为平时的 {{out_velocity_24h}} 倍', 'CNY {{out_sum_24h|money}} out in 24 hours, {{out_velocity_24h}}× usual'),
  }),
  scenario({
    typology: 'velocity', id: 'VEL-002', side: 'both', severity: 'medium', indicators: ['STR-04'],
    name: t('交易笔数远超自身历史', 'Transaction count far above the own baseline'),
    description: t('24小时20笔以上且为近90天日均笔数的5倍以上', 'Twenty or more movements in 24 hours and ≥ 5× the own daily average'),
    when: all(c('cnt_24h', '>=', 20), c('cnt_velocity_24h', '>=', 5)),
    reason: t('24 小时 {{cnt_24h}} 笔，为平时的 {{cnt_velocity_24h}} 倍', '{{cnt_24h}} movements in 24 hours, {{cnt_velocity_24h}}× usual'),
  }),
  scenario({
    typology: 'velocity', id: 'VEL-003', side: 'both', severity: 'medium', indicators: ['EM-09', 'STR-04'],
    name: t('30天流水突增', 'Thirty-day turnover surge'),
    description: t('30天流水≥20万元且为此前月均的5倍以上', '30-day turnover ≥ RMB 200,000 and ≥ 5× the previous monthly average'),
    when: all(c('sum_30d', '>=', 200000), c('velocity_30d', '>=', 5)),
    reason: t('30 天流水 {{sum_30d|money}} 元，为此前月均的 {{velocity_30d}} 倍', 'CNY {{sum_30d|money}} in 30 days, {{velocity_30d}}× the previous monthly average'),
  }),
  scenario({
    typology: 'underground_banking', id: 'UBK-001', side: 'both', severity: 'high', indicators: ['UB-06'],
    name: t('对敲式双向大量对手', 'Mirror-swap pattern'),
    description: t('个人账户30天内付款人、收款人各20个以上，进出差额≤10%；本笔为直接转账，账户收付不以POS/扫码收单为主', 'A personal account with twenty or more payers and twenty or more payees in 30 days, in and out within 10%; this movement is a direct transfer and the account is not mainly paid through POS or QR-code settlement'),
    when: all(c('customer_kind', '==', 'person'), c('distinct_payers_30d', '>=', 20), c('distinct_payees_30d', '>=', 20), c('in_out_gap_30d', '<=', 0.1), DIRECT_TRANSFER, NOT_MERCHANT),
    reason: t('30 天内 {{distinct_payers_30d}} 个付款人、{{distinct_payees_30d}} 个收款人，进出差额 {{in_out_gap_30d|pct}}', '{{distinct_payers_30d}} payers and {{distinct_payees_30d}} payees in 30 days, in/out gap {{in_out_gap_30d|pct}}'),
  }),
  scenario({
    typology: 'underground_banking', id: 'UBK-002', side: 'both', severity: 'critical', indicators: ['UB-11'],
    name: t('交易对手数量极多', 'Extremely many counterparties'),
    description: t('90天内交易对手500个以上，本笔为直接转账，账户收付不以POS/扫码收单为主', 'Five hundred or more counterparties in 90 days; this movement is a direct transfer and the account is not mainly paid through POS or QR-code settlement'),
    when: all(c('distinct_counterparties_90d', '>=', 500), DIRECT_TRANSFER, NOT_MERCHANT),
    reason: t('90 天内交易对手 {{distinct_counterparties_90d}} 个', '{{distinct_counterparties_90d}} counterparties in 90 days'),
  }),
  scenario({
    typology: 'underground_banking', id: 'UBK-003', side: 'credit', severity: 'medium', indicators: ['INT-08'],
    name: t('个人账户用于经营收款', 'Personal account used like a merchant'),
    description: t('个人账户30天内100个以上付款人', 'A personal account with one hundred or more payers in 30 days'),
    when: all(c('customer_kind', '==', 'person'), c('distinct_payers_30d', '>=', 100)),
    reason: t('个人账户 30 天内 {{distinct_payers_30d}} 个付款人', 'Personal account with {{distinct_payers_30d}} payers in 30 days'),
  }),
  scenario({
    typology: 'round_tripping', id: 'CYC-001', side: 'debit', severity: 'medium', indicators: ['GR-10', 'INT-05'],
    name: t('资金回流对倒', 'Money sent back to a recent payer'),
    description: t('向7天内曾转入本账户的对手转出≥5万元', '≥ RMB 50,000 sent to a counterparty that paid this account within 7 days'),
    when: all(c('amount', '>=', 50000), c('payee_paid_me_days', '<=', 7)),
    reason: t('收款人 {{payee_paid_me_days|days}} 天前曾转入本账户，本次回转 {{amount|money}} 元', 'The payee paid this account {{payee_paid_me_days|days}} days ago; CNY {{amount|money}} sent back'),
  }),
];
