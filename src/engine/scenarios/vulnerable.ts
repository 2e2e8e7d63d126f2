import { all, c, scenario, t } from './dsl.ts';

/**
 * Vulnerable and elderly customer protection (老年客户保护): the response is an intervention —
 * a counter conversation or call-back (预防性劝阻) — so every scenario forces at least "review".
 */
const s = { typology: 'vulnerable_customer', minDecision: 'review' as const };
const elderly = c('customer_age', '>=', 60);

export const VULNERABLE = [
  scenario({
    ...s, id: 'ELD-001', side: 'debit', severity: 'high', indicators: ['EV-06', 'EV-01'],
    name: t('老年客户首次大额取现', 'Elderly customer\'s first large cash withdrawal'),
    description: t('60岁以上客户取现≥5万元，且为近90天最大取现的3倍以上', 'Customer aged 60+ withdraws ≥ RMB 50,000 cash, ≥ 3× the largest withdrawal in 90 days'),
    when: all(elderly, c('is_cash', '==', true), c('amount', '>=', 50000), c('amount_vs_max_cash_out_90d', '>=', 3)),
    reason: t('{{customer_age}} 岁客户取现 {{amount|money}} 元，远超以往，请柜面劝阻核实', 'Customer aged {{customer_age}} withdraws CNY {{amount|money}} in cash, far above usual; dissuade and verify at the counter'),
  }),
  scenario({
    ...s, id: 'ELD-002', side: 'debit', severity: 'high', indicators: ['EV-07', 'EV-03'],
    name: t('老年客户向新收款人转账', 'Elderly customer pays a new payee'),
    description: t('60岁以上客户向从未转过账的收款人转账≥1万元', 'Customer aged 60+ sends ≥ RMB 10,000 to a payee never paid before'),
    when: all(elderly, c('is_cash', '==', false), c('is_new_payee', '==', true), c('amount', '>=', 10000)),
    reason: t('{{customer_age}} 岁客户首次向该收款人转账 {{amount|money}} 元', 'Customer aged {{customer_age}} pays CNY {{amount|money}} to a new payee'),
  }),
  scenario({
    ...s, id: 'ELD-003', side: 'debit', severity: 'high', indicators: ['EV-13'],
    name: t('老年客户资金快速流出', 'Elderly customer\'s money drained quickly'),
    description: t('60岁以上客户7天转出≥10万元，为自身历史水平5倍以上（在转账、取现时判断，不含缴费、消费）', 'Customer aged 60+ sends ≥ RMB 100,000 in 7 days, ≥ 5× the own 90-day baseline; evaluated on transfers and cash withdrawals (not on bills or purchases in the same week)'),
    when: all(elderly, c('out_sum_7d', '>=', 100000), c('out_velocity_7d', '>=', 5), c('txn_type', 'in', ['transfer', 'cash_withdrawal'])),
    reason: t('{{customer_age}} 岁客户 7 天转出 {{out_sum_7d|money}} 元，为平时的 {{out_velocity_7d}} 倍', 'Customer aged {{customer_age}} sent CNY {{out_sum_7d|money}} in 7 days, {{out_velocity_7d}}× usual'),
  }),
  scenario({
    ...s, id: 'ELD-004', side: 'debit', severity: 'medium', indicators: ['EV-09'],
    name: t('网点老年客户集中取现', 'Several elderly customers withdrawing cash at one branch'),
    description: t('同一网点当日3笔以上60岁以上客户取现≥1万元', 'Three or more cash withdrawals ≥ RMB 10,000 by customers aged 60+ at one branch on one day'),
    when: all(elderly, c('is_cash', '==', true), c('amount', '>=', 10000), c('branch_elder_cash_out_10k_cnt_day', '>=', 3)),
    reason: t('本网点今日已有 {{branch_elder_cash_out_10k_cnt_day}} 笔老年客户大额取现', '{{branch_elder_cash_out_10k_cnt_day}} large cash withdrawals by elderly customers at this branch today'),
  }),
  scenario({
    ...s, id: 'ELD-005', side: 'debit', severity: 'high', indicators: ['EV-08', 'TF-17'],
    name: t('老年客户新设备线上转账给新收款人', 'Elderly customer pays a new payee online from a new device'),
    description: t('60岁以上客户在首次使用的设备上向新收款人线上转账≥5000元', 'Customer aged 60+ sends ≥ RMB 5,000 online to a new payee from a new device'),
    when: all(elderly, c('channel', 'in', ['mobile', 'internet', 'third_party']), c('is_new_device', '==', true), c('is_new_payee', '==', true), c('amount', '>=', 5000)),
    reason: t('{{customer_age}} 岁客户用新设备向新收款人转账 {{amount|money}} 元', 'Customer aged {{customer_age}} pays CNY {{amount|money}} to a new payee from a new device'),
  }),
  scenario({
    ...s, id: 'ELD-006', side: 'debit', severity: 'medium', indicators: ['EV-13'],
    name: t('老年客户长期不动账户突然转出', 'Elderly customer\'s long-idle account suddenly used'),
    description: t('60岁以上客户的账户180天以上无交易后转出≥2万元', 'Account of a customer aged 60+ idle ≥ 180 days sends ≥ RMB 20,000'),
    when: all(elderly, c('dormant_days', '>=', 180), c('amount', '>=', 20000)),
    reason: t('{{customer_age}} 岁客户账户休眠 {{dormant_days|days}} 天后转出 {{amount|money}} 元', 'Customer aged {{customer_age}}: CNY {{amount|money}} out after {{dormant_days|days}} idle days'),
  }),
];
