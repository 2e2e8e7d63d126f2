import { all, c, DIRECT_TRANSFER, scenario, t } from './dsl.ts';

/**
 * RNG-001/002: money moving through accounts that ring mining (src/graph, src/rings) placed in a suspected ring:
 * the graph features of the latest mining run (`graph_*`, `cp_graph_*`) joined to the real-time
 * decision. Both are `medium` (weight 25, below the review threshold alone): a finding is a lead,
 * and a run keeps ~100 per 10,000 accounts, so on the demo bank RNG-001 alone would have sent 2.1% of
 * a month's transactions to review; with any other typology's hit the combined score reaches review.
 */
const s = { typology: 'ring' };

export const RING = [
  scenario({
    ...s, id: 'RNG-001', side: 'debit', severity: 'medium', indicators: ['GR-01', 'GR-03', 'GR-07', 'GR-08', 'GR-09'],
    name: t('团伙线索账户转出', 'Transfer out of an account in a mined ring'),
    description: t('账户属于团伙挖掘评分≥60的团伙线索，本笔直接转出≥1万元', 'The account is held by a ring finding scored ≥ 60 by ring mining, and this direct transfer out is ≥ RMB 10,000'),
    when: all(c('graph_ring_score', '>=', 60), c('amount', '>=', 10000), DIRECT_TRANSFER),
    reason: t('账户属于评分 {{graph_ring_score}} 的团伙线索（涉及 {{graph_ring_findings}} 条线索），转出 {{amount|money}} 元', 'Account held by a ring finding scored {{graph_ring_score}} ({{graph_ring_findings}} findings) sends CNY {{amount|money}}'),
  }),
  scenario({
    ...s, id: 'RNG-002', side: 'debit', severity: 'medium', indicators: ['GR-02', 'GR-07', 'CX-02'],
    name: t('向团伙线索账户付款', 'Payment to an account in a mined ring'),
    description: t('收款账户属于团伙挖掘评分≥60的团伙线索，本笔付款≥5千元（受害人或共谋资金）', 'The payee is held by a ring finding scored ≥ 60 by ring mining, and this payment is ≥ RMB 5,000 (a victim or a colluding payer)'),
    when: all(c('cp_graph_ring_score', '>=', 60), c('amount', '>=', 5000), DIRECT_TRANSFER),
    reason: t('收款账户属于评分 {{cp_graph_ring_score}} 的团伙线索，付款 {{amount|money}} 元', 'Payee held by a ring finding scored {{cp_graph_ring_score}} receives CNY {{amount|money}}'),
  }),
  // The known-bad list (src/rings/known-bad.service.ts: police notices of involved accounts, earlier
  // reports, confirmed cases, member banks' shares). A listing is checked from the moment it is
  // committed, not at the next mining run. Both hold the movement for review (the law permits delay
  // or suspension of a payment to a reported fraud account); a bank that stops them outright sets
  // its own version's minimum decision to block.
  scenario({
    ...s, id: 'RNG-003', side: 'debit', severity: 'critical', indicators: ['TF-22'], minDecision: 'review',
    name: t('向已知涉案账户付款', 'Payment to a known bad account'),
    description: t('收款账户在本行已知涉案账户名单上（公安涉案通报、已报送可疑报告、已确认案件或同业共享），付款前暂停复核', 'The payee is on the institution\'s known-bad list (police notice, earlier suspicious-transaction report, confirmed case or a member bank\'s share): the payment is held for review before money leaves'),
    when: all(c('cp_graph_known_bad', '==', true), c('txn_type', 'in', ['transfer', 'payment'])),
    reason: t('收款账户在已知涉案账户名单上，付款 {{amount|money}} 元', 'Payee is on the known-bad list; payment of CNY {{amount|money}}'),
  }),
  scenario({
    ...s, id: 'RNG-004', side: 'both', severity: 'critical', indicators: ['TF-07'], minDecision: 'review',
    name: t('已知涉案账户资金变动', 'Movement on a known bad account'),
    description: t('本行账户在已知涉案账户名单上仍有资金转入或转出，暂停复核（名单账户应停止业务）', 'An account of the bank on the known-bad list still moves money in or out: held for review (business on a listed account should stop)'),
    when: c('graph_known_bad', '==', true),
    reason: t('本账户在已知涉案账户名单上，资金变动 {{amount|money}} 元', 'Account on the known-bad list moves CNY {{amount|money}}'),
  }),
];
