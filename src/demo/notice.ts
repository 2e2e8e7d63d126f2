import type { DemoBank } from './types.ts';

/** An account a police notice names (the shape KnownBadService.add takes). */
export interface NoticeEntry {
  accountId: string;
  source: 'police_notice';
  reference: string;
  note: string;
}

/**
 * The police notice of involved accounts (公安涉案账户通报) the demo bank has received by the end of
 * its window: the "safe account" each telecom-fraud victim paid, which the victim reported. Derived
 * from the generated patterns (the first transfer of each telecom-fraud pattern is the victim's
 * payment to it), so the same seed gives the same notice. Loaded after the window's transactions:
 * it takes effect for what comes next (the next mining run, new payments), as a notice received
 * today would.
 */
export function demoPoliceNotice(bank: DemoBank): NoticeEntry[] {
  const firstOf = new Map<string, string>();
  for (const l of bank.labels) if (l.typology === 'telecom_fraud' && !firstOf.has(l.patternId)) firstOf.set(l.patternId, l.txnId);
  const first = new Set(firstOf.values());
  const accounts = new Set<string>();
  for (const t of bank.transactions) if (first.has(t.id) && t.creditAccount) accounts.add(t.creditAccount);
  const year = new Date(bank.window.end).getUTCFullYear();
  return [...accounts].map((accountId) => ({
    accountId, source: 'police_notice', reference: `演示公(反诈)通字〔${year}〕1号`, note: '电信网络诈骗“安全账户”，受害人报案',
  }));
}
