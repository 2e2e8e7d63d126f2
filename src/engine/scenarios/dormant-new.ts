import { ACQUIRING, all, any, c, NOT_MERCHANT, scenario, t } from './dsl.ts';

/** Dormant-account reactivation (长期闲置账户突然启用) and new accounts with immediate volume. */
export const DORMANT_NEW = [
  scenario({
    typology: 'dormant_reactivation', id: 'DOR-001', side: 'both', severity: 'medium', indicators: ['STR-04', 'TF-04'],
    name: t('休眠账户突发大额', 'Large movement on a dormant account'),
    description: t('账户180天以上无交易后出现≥5万元交易（开户后首笔交易见DOR-003）', 'A movement of ≥ RMB 50,000 after 180 or more days without activity (an account\'s first movement ever is DOR-003)'),
    when: all(c('dormant_days', '>=', 180), c('amount', '>=', 50000), c('cnt_life', '>=', 2)),
    reason: t('账户休眠 {{dormant_days|days}} 天后发生 {{amount|money}} 元交易', 'CNY {{amount|money}} after {{dormant_days|days}} days of dormancy'),
  }),
  scenario({
    typology: 'dormant_reactivation', id: 'DOR-002', side: 'both', severity: 'high', indicators: ['STR-04'],
    name: t('休眠激活后30天流水激增', 'Turnover surge within 30 days of reactivation'),
    description: t('休眠180天以上激活后30天内流水≥50万元', 'Turnover ≥ RMB 500,000 within 30 days of reactivation after ≥ 180 days idle'),
    when: all(c('reactivation_gap_days', '>=', 180), c('days_since_reactivation', '<=', 30), c('sum_30d', '>=', 500000)),
    reason: t('休眠 {{reactivation_gap_days|days}} 天后激活，30 天流水 {{sum_30d|money}} 元', 'Idle {{reactivation_gap_days|days}} days, then CNY {{sum_30d|money}} turnover within 30 days'),
  }),
  scenario({
    typology: 'dormant_reactivation', id: 'DOR-003', side: 'both', severity: 'medium', indicators: ['TF-04'],
    name: t('开户半年未用后首笔大额', 'First movement ever, half a year after opening'),
    description: t('开户180天以上从未交易，首笔交易≥1万元', 'An account unused for ≥ 180 days since opening makes its first movement of ≥ RMB 10,000'),
    when: all(c('cnt_life', '==', 1), c('account_age_days', '>=', 180), c('amount', '>=', 10000)),
    reason: t('开户 {{account_age_days|days}} 天后首笔交易 {{amount|money}} 元', 'First movement ({{amount|money}} CNY) {{account_age_days|days}} days after opening'),
  }),
  scenario({
    typology: 'new_account', id: 'NEW-001', side: 'both', severity: 'high', indicators: ['TF-11'],
    name: t('新开户即大额', 'New account with immediate high turnover'),
    description: t('开户30天内流水≥20万元，本笔为转账或现金（收单结算、缴费除外），账户收款不以POS/扫码收单为主；单位账户还须转出≥转入90%（过渡性质）', 'Turnover ≥ RMB 200,000 within 30 days of opening; this movement is a transfer or cash (card/QR-code settlement and bills excluded) and the account is not mainly paid through acquiring; for an organisation, ≥ 90% of the inflow is also moved out (pass-through)'),
    when: all(
      c('account_age_days', '<=', 30), c('sum_30d', '>=', 200000),
      c('txn_type', 'in', ['transfer', 'cash_deposit', 'cash_withdrawal']), c('channel', 'not_in', ACQUIRING), NOT_MERCHANT,
      any(c('customer_kind', '==', 'person'), c('out_in_ratio_30d', '>=', 0.9)),
    ),
    reason: t('开户 {{account_age_days|days}} 天，流水已达 {{sum_30d|money}} 元', 'Opened {{account_age_days|days}} days ago, turnover already CNY {{sum_30d|money}}'),
  }),
  scenario({
    typology: 'new_account', id: 'NEW-002', side: 'both', severity: 'medium', indicators: ['TF-11'],
    name: t('新开户即高频', 'New account with immediate high frequency'),
    description: t('开户30天内交易50笔以上，账户收付不以POS/扫码收单为主（新开商户的营业收款除外）', 'Fifty or more movements within 30 days of opening, the account not mainly paid through POS or QR-code settlement (a new merchant\'s takings excluded)'),
    when: all(c('account_age_days', '<=', 30), c('cnt_30d', '>=', 50), NOT_MERCHANT),
    reason: t('开户 {{account_age_days|days}} 天内交易 {{cnt_30d}} 笔', '{{cnt_30d}} movements within {{account_age_days|days}} days of opening'),
  }),
  scenario({
    typology: 'new_account', id: 'NEW-003', side: 'debit', severity: 'high', indicators: ['INT-18'],
    name: t('新户资金全部转走', 'New account emptied'),
    description: t('开户7天内入账≥5万元且95%以上已转出', 'Within 7 days of opening, ≥ RMB 50,000 credited and ≥ 95% moved out'),
    when: all(c('account_age_days', '<=', 7), c('in_sum_7d', '>=', 50000), c('out_in_ratio_7d', '>=', 0.95)),
    reason: t('开户 {{account_age_days|days}} 天，入账 {{in_sum_7d|money}} 元已转出 {{out_in_ratio_7d|pct}}', 'Opened {{account_age_days|days}} days ago; {{out_in_ratio_7d|pct}} of CNY {{in_sum_7d|money}} moved out'),
  }),
];
