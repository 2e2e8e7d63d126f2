import { all, c, scenario, t } from './dsl.ts';
import { NIGHT_IS_NEW } from './night.ts';

/** Gambling-like collection and settlement (涉赌收款、跑分). */
const s = { typology: 'gambling' };

export const GAMBLING = [
  scenario({
    ...s, id: 'GMB-001', side: 'credit', severity: 'high', indicators: ['GB-02'],
    name: t('跑分式收款', 'Score-running style collection'),
    description: t('24小时内20个以上付款人转入、金额多为非整数、合计≥2万元', 'Twenty or more payers in 24 hours, mostly non-round amounts, ≥ RMB 20,000 in total'),
    when: all(c('distinct_payers_24h', '>=', 20), c('round_in_share_24h', '<=', 0.3), c('in_sum_24h', '>=', 20000)),
    reason: t('24 小时内 {{distinct_payers_24h}} 个付款人转入 {{in_sum_24h|money}} 元，金额零散', '{{distinct_payers_24h}} payers sent CNY {{in_sum_24h|money}} in odd amounts within 24 hours'),
  }),
  scenario({
    ...s, id: 'GMB-002', side: 'both', severity: 'medium', indicators: ['GB-07', 'TF-15'],
    name: t('夜间高频小额', 'High-frequency small amounts at night'),
    description: t('7天内30笔以上、80%以上≤2000元、半数以上在凌晨，对手10个以上，且夜间活动为新出现（近90天夜间交易半数以上在这7天）', 'Thirty or more movements in 7 days, ≥ 80% of RMB 2,000 or less, half or more at night, with ten or more counterparties, and the night activity is new (at least half of the 90-day night-time movements fall in these 7 days)'),
    when: all(c('cnt_7d', '>=', 30), c('low_share_7d', '>=', 0.8), c('night_share_7d', '>=', 0.5), c('distinct_counterparties_7d', '>=', 10), NIGHT_IS_NEW),
    reason: t('7 天内 {{cnt_7d}} 笔交易，小额占 {{low_share_7d|pct}}，凌晨占 {{night_share_7d|pct}}', '{{cnt_7d}} movements in 7 days: {{low_share_7d|pct}} small, {{night_share_7d|pct}} at night'),
  }),
  scenario({
    ...s, id: 'GMB-003', side: 'both', severity: 'medium', indicators: ['GB-05', 'TF-19'],
    name: t('交易地点遍布多地', 'Activity spread over many places'),
    description: t('30天内交易地点10个以上且对手20个以上', 'Ten or more locations and twenty or more counterparties in 30 days'),
    when: all(c('distinct_locations_30d', '>=', 10), c('distinct_counterparties_30d', '>=', 20)),
    reason: t('30 天内交易地点 {{distinct_locations_30d}} 个、对手 {{distinct_counterparties_30d}} 个', '{{distinct_locations_30d}} locations and {{distinct_counterparties_30d}} counterparties in 30 days'),
  }),
  scenario({
    ...s, id: 'GMB-004', side: 'both', severity: 'medium', indicators: ['GB-10'],
    name: t('整数金额双向结算', 'Two-way round-amount settlement'),
    description: t('30天内收付各5笔以上、80%以上为千元整数、对手不超过5个', 'Five or more credits and debits in 30 days, ≥ 80% whole thousands, at most five counterparties'),
    when: all(c('in_cnt_30d', '>=', 5), c('out_cnt_30d', '>=', 5), c('round_share_30d', '>=', 0.8), c('distinct_counterparties_30d', '<=', 5)),
    reason: t('30 天内与 {{distinct_counterparties_30d}} 个对手双向整数收付，整数占 {{round_share_30d|pct}}', 'Two-way round amounts with {{distinct_counterparties_30d}} counterparties in 30 days ({{round_share_30d|pct}} round)'),
  }),
];
