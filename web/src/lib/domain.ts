/** Code lists of the platform (src/domain/transaction.ts), for filters; labels come from the catalogues. */
export const CHANNELS = ['counter', 'atm', 'mobile', 'internet', 'pos', 'third_party'] as const;
export const TXN_TYPES = ['transfer', 'cash_deposit', 'cash_withdrawal', 'payment', 'salary', 'bill', 'fee', 'interest', 'refund'] as const;
export const DECISIONS = ['allow', 'review', 'block'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
