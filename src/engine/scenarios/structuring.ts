import { all, c, scenario, t } from './dsl.ts';

/** Structuring / smurfing below the PBOC large-value thresholds (拆分交易、规避大额报告). */
const s = { typology: 'structuring' };

export const STRUCTURING = [
  scenario({
    ...s, id: 'STR-001', side: 'credit', severity: 'high', indicators: ['INT-01', 'STR-02'],
    name: t('多次现金存入接近大额标准', 'Repeated cash deposits just below the cash threshold'),
    description: t('7天内3笔以上现金存入金额在大额现金标准的90%–100%之间', 'Three or more cash deposits in 7 days each at 90–100% of the large-cash standard'),
    when: all(c('is_cash', '==', true), c('is_near_threshold', '==', true), c('near_cash_in_cnt_7d', '>=', 3)),
    reason: t('7 天内 {{near_cash_in_cnt_7d}} 笔现金存入金额略低于 5 万元大额标准', '{{near_cash_in_cnt_7d}} cash deposits just below the RMB 50,000 standard within 7 days'),
  }),
  scenario({
    ...s, id: 'STR-002', side: 'debit', severity: 'high', indicators: ['INT-01', 'STR-16'],
    name: t('多次现金支取接近大额标准', 'Repeated cash withdrawals just below the cash threshold'),
    description: t('7天内3笔以上现金支取金额在大额现金标准的90%–100%之间', 'Three or more cash withdrawals in 7 days each at 90–100% of the large-cash standard'),
    when: all(c('is_cash', '==', true), c('is_near_threshold', '==', true), c('near_cash_out_cnt_7d', '>=', 3)),
    reason: t('7 天内 {{near_cash_out_cnt_7d}} 笔现金支取金额略低于大额标准', '{{near_cash_out_cnt_7d}} cash withdrawals just below the large-cash standard within 7 days'),
  }),
  scenario({
    ...s, id: 'STR-003', side: 'credit', severity: 'high', indicators: ['LV-01', 'INT-17'],
    name: t('当日拆分现金存入', 'Same-day split cash deposits'),
    description: t('客户当日3笔以上现金存入、单笔均低于5万元但合计达到5万元', 'Three or more cash deposits in a day, each below RMB 50,000, together reaching it'),
    when: all(c('is_cash', '==', true), c('cust_cash_in_cnt_day', '>=', 3), c('cust_cash_in_sum_day', '>=', 50000), c('cust_large_cash_in_cnt_day', '==', 0)),
    reason: t('当日 {{cust_cash_in_cnt_day}} 笔现金存入合计 {{cust_cash_in_sum_day|money}} 元，单笔均低于大额标准', '{{cust_cash_in_cnt_day}} cash deposits today total CNY {{cust_cash_in_sum_day|money}}, each below the standard'),
  }),
  scenario({
    ...s, id: 'STR-004', side: 'credit', severity: 'high', indicators: ['INT-06'],
    name: t('多地点拆分现金存入', 'Split cash deposits at several locations'),
    description: t('账户当日在3个以上地点交易，客户当日存现单笔均低于大额标准、合计达到标准', 'The account is used at three or more locations in a day; the customer\'s cash deposits that day are each below the standard and together above it'),
    when: all(c('is_cash', '==', true), c('distinct_locations_day', '>=', 3), c('cust_cash_in_sum_day', '>=', 50000), c('cust_large_cash_in_cnt_day', '==', 0)),
    reason: t('当日在 {{distinct_locations_day}} 个地点存现，客户合计 {{cust_cash_in_sum_day|money}} 元', 'Cash deposited at {{distinct_locations_day}} locations today, customer total CNY {{cust_cash_in_sum_day|money}}'),
  }),
  scenario({
    ...s, id: 'STR-005', side: 'debit', severity: 'medium', indicators: ['STR-02'],
    name: t('个人转账接近大额标准', 'Personal transfers just below the transfer threshold'),
    description: t('自然人7天内2笔以上转账金额在大额转账标准的90%–100%之间', 'A person makes two or more transfers in 7 days at 90–100% of the transfer standard'),
    when: all(c('customer_kind', '==', 'person'), c('is_cash', '==', false), c('is_near_threshold', '==', true), c('near_out_cnt_7d', '>=', 2)),
    reason: t('7 天内 {{near_out_cnt_7d}} 笔转账金额略低于大额转账标准', '{{near_out_cnt_7d}} transfers just below the large-transfer standard within 7 days'),
  }),
  scenario({
    ...s, id: 'STR-006', side: 'debit', severity: 'high', indicators: ['STR-02'],
    name: t('向固定对手频繁接近标准转账', 'Near-threshold transfers to the same few payees'),
    description: t('7天内3笔以上接近大额标准的转出，收款人不超过2个', 'Three or more near-threshold debits in 7 days to at most two payees'),
    when: all(c('is_near_threshold', '==', true), c('near_out_cnt_7d', '>=', 3), c('distinct_payees_7d', '<=', 2)),
    reason: t('7 天内向 {{distinct_payees_7d}} 个收款人 {{near_out_cnt_7d}} 笔接近大额标准转账', '{{near_out_cnt_7d}} near-threshold transfers to {{distinct_payees_7d}} payees within 7 days'),
  }),
];
