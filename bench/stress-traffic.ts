/**
 * The HTTP benchmark's stress stream over accounts A0..A{ACCOUNTS-1} of bank BANK: transaction i
 * pays an account chosen by a multiplicative hash, so a payee is new almost every time and about
 * 70% of transactions fire scenarios (with reasons and traces to store and answer).
 */
export const ACCOUNTS = 10_000;
export const BANK = '313100000001';

export function stressTxn(prefix: string, i: number) {
  const a = (i * 7919) % ACCOUNTS;
  const b = (i * 104729) % ACCOUNTS;
  return {
    id: `${prefix}${i}`, timestamp: new Date(Date.now() - 86_400_000 + i * 10).toISOString(), debitAccount: `A${a}`,
    creditAccount: a === b ? `X${b}` : `A${b}`, creditBank: a === b ? '102100099996' : BANK,
    amount: `${(i % 50_000) + 1}.00`, currency: 'CNY', channel: 'mobile', type: 'transfer', deviceId: `dev${a % 3000}`,
  };
}
