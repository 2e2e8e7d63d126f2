import { all, c, scenario, t } from './dsl.ts';

/**
 * The night activity is new for the account: at least half of its night-time movements of the
 * last 90 days fall in the last 7 days (a night-shift worker's regular habit does not qualify).
 */
export const NIGHT_IS_NEW = c('night_cnt_7d', '>=', { feature: 'night_cnt_90d', factor: 0.5 });

/** Night-time activity (深夜/凌晨交易), always combined with velocity or counterparties (S-FP). */
const s = { typology: 'night_activity' };

export const NIGHT = [
  scenario({
    ...s, id: 'NGT-001', side: 'both', severity: 'high', indicators: ['TF-15', 'STR-04'],
    name: t('夜间交易占比高且对手多', 'Mostly night-time movements with many counterparties'),
    description: t('7天内10笔以上、半数以上在0–5点、对手5个以上，且近90天的夜间交易半数以上发生在这7天（夜间活动为新出现）', 'Ten or more movements in 7 days, half or more between 00:00 and 05:00, five or more counterparties, and at least half of the 90-day night-time movements fall in these 7 days (the night activity is new)'),
    when: all(c('cnt_7d', '>=', 10), c('night_share_7d', '>=', 0.5), c('distinct_counterparties_7d', '>=', 5), NIGHT_IS_NEW),
    reason: t('7 天内 {{cnt_7d}} 笔交易中 {{night_share_7d|pct}} 发生在凌晨，对手 {{distinct_counterparties_7d}} 个', '{{night_share_7d|pct}} of {{cnt_7d}} movements in 7 days at night, {{distinct_counterparties_7d}} counterparties'),
  }),
  scenario({
    ...s, id: 'NGT-002', side: 'debit', severity: 'high', indicators: ['TF-15', 'TF-11'],
    name: t('凌晨集中转出', 'Night-time burst of debits'),
    description: t('凌晨1小时内5笔以上转出、合计≥2万元', 'Five or more debits totalling ≥ RMB 20,000 within one hour at night'),
    when: all(c('is_night', '==', true), c('out_cnt_1h', '>=', 5), c('out_sum_1h', '>=', 20000)),
    reason: t('凌晨 {{hour}} 点 1 小时内转出 {{out_cnt_1h}} 笔共 {{out_sum_1h|money}} 元', '{{out_cnt_1h}} debits totalling CNY {{out_sum_1h|money}} within an hour at {{hour}}:00'),
  }),
  scenario({
    ...s, id: 'NGT-003', side: 'debit', severity: 'high', indicators: ['TF-15', 'TF-17'],
    name: t('凌晨新设备向新收款人大额转账', 'Large night transfer to a new payee from a new device'),
    description: t('凌晨通过首次使用的设备向新收款人转账≥5万元', 'At night, ≥ RMB 50,000 to a new payee from a device never used before'),
    when: all(c('is_night', '==', true), c('is_new_payee', '==', true), c('is_new_device', '==', true), c('amount', '>=', 50000)),
    reason: t('凌晨 {{hour}} 点用新设备向新收款人转账 {{amount|money}} 元', 'CNY {{amount|money}} to a new payee from a new device at {{hour}}:00'),
  }),
];
