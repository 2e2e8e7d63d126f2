/**
 * Checks a generated demo bank against the domain rules the ingest path enforces and the
 * consistency a user of the demo relies on. Returns problems as text (empty = valid); used by the
 * demo's tests at small and full scale.
 */
import type { DemoBank } from '../types.ts';
import type { Account } from '../../domain/reference.ts';
import { CHANNELS, TXN_TYPES } from '../../domain/transaction.ts';
import { ISO_CURRENCIES } from '../../domain/money.ts';
import { DEMO_TYPOLOGIES } from '../types.ts';
import { isValidResidentId, isValidUscc } from '../identity.ts';
import { DAY, WINDOW_DAYS, shanghaiDate } from '../time.ts';

const BIC = /^[A-Z]{6}[A-Z0-9]{5}$/;
const CNAPS = /^\d{12}$/;

export function checkInvariants(bank: DemoBank, endDate: number): string[] {
  const problems: string[] = [];
  const fail = (msg: string) => {
    if (problems.length < 50) problems.push(msg);
  };
  const { institution: inst, window } = bank;
  if (window.end > endDate || window.end <= endDate - DAY) fail(`window end ${window.end} is not the start of endDate's day`);
  if (window.end - window.start !== WINDOW_DAYS * DAY) fail('window is not 90 days');

  // Branch tree.
  const branches = new Map(bank.branches.map((b) => [b.id, b]));
  const roots = bank.branches.filter((b) => b.parentId === null);
  if (roots.length !== 1 || roots[0].level !== 0) fail('branch tree needs exactly one head office');
  for (const b of bank.branches) {
    if (b.institutionId !== inst.id) fail(`branch ${b.id} has another institution`);
    if (b.parentId !== null && branches.get(b.parentId)?.level !== b.level - 1) fail(`branch ${b.id} has a bad parent`);
  }

  // Customers and accounts.
  const customers = new Map(bank.customers.map((c) => [c.id, c]));
  if (customers.size !== bank.customers.length) fail('customer ids are not unique');
  for (const c of bank.customers) {
    if (!branches.has(c.branchId)) fail(`customer ${c.id} has unknown branch`);
    if (c.kind === 'person') {
      if (!c.idNumber || !isValidResidentId(c.idNumber)) fail(`customer ${c.id} has invalid resident ID ${c.idNumber}`);
      else if (c.idNumber.slice(6, 14) !== c.birthDate?.replace(/-/g, '')) fail(`customer ${c.id} ID does not match birth date`);
    } else if (!c.idNumber || !isValidUscc(c.idNumber)) fail(`organisation ${c.id} has invalid credit code ${c.idNumber}`);
  }
  const accounts = new Map<string, Account>(bank.accounts.map((a) => [a.id, a]));
  if (accounts.size !== bank.accounts.length) fail('account ids are not unique');
  for (const a of bank.accounts) {
    if (!customers.has(a.customerId)) fail(`account ${a.id} has unknown customer`);
    if (!branches.has(a.branchId)) fail(`account ${a.id} has unknown branch`);
  }

  // Transactions.
  const ids = new Set<string>();
  let previous = -Infinity;
  for (const t of bank.transactions) {
    if (ids.has(t.id)) fail(`duplicate transaction id ${t.id}`);
    ids.add(t.id);
    if (!/^DEMO\d{9,}$/.test(t.id)) fail(`bad id ${t.id}`);
    if (t.occurredAt < previous) fail(`${t.id} is out of time order`);
    previous = t.occurredAt;
    if (t.institutionId !== inst.id) fail(`${t.id} has another institution`);
    if (!Number.isSafeInteger(t.amountMinor) || t.amountMinor <= 0) fail(`${t.id} amount ${t.amountMinor}`);
    if (!ISO_CURRENCIES.has(t.currency)) fail(`${t.id} currency ${t.currency}`);
    if (!(CHANNELS as readonly string[]).includes(t.channel)) fail(`${t.id} channel ${t.channel}`);
    if (!(TXN_TYPES as readonly string[]).includes(t.type)) fail(`${t.id} type ${t.type}`);
    if (!Number.isInteger(t.occurredAt) || t.occurredAt < window.start || t.occurredAt >= window.end || t.occurredAt >= endDate) fail(`${t.id} time ${t.occurredAt} outside window`);
    if (t.type === 'cash_deposit' && (t.debitAccount !== null || t.creditAccount === null)) fail(`${t.id} cash deposit sides`);
    if (t.type === 'cash_withdrawal' && (t.creditAccount !== null || t.debitAccount === null)) fail(`${t.id} cash withdrawal sides`);
    if (t.type !== 'cash_deposit' && t.type !== 'cash_withdrawal' && (t.debitAccount === null || t.creditAccount === null)) fail(`${t.id} ${t.type} needs both accounts`);
    if (t.debitAccount !== null && t.debitAccount === t.creditAccount) fail(`${t.id} debit and credit account are the same`);
    const sides = [[t.debitAccount, t.debitBank], [t.creditAccount, t.creditBank]] as const;
    let own: Account | undefined;
    for (const [account, bankCode] of sides) {
      if (account === null) continue;
      if (bankCode === inst.bankCode) {
        const a = accounts.get(account);
        if (!a) {
          fail(`${t.id} own account ${account} is not in the accounts list`);
          continue;
        }
        own ??= a;
        if (a.openedAt > shanghaiDate(t.occurredAt)) fail(`${t.id} uses account ${a.id} before it was opened (${a.openedAt})`);
        if (a.status === 'closed') fail(`${t.id} uses closed account ${a.id}`);
        if ((a.status === 'dormant' || a.status === 'frozen') && t.type !== 'interest') fail(`${t.id} is customer activity on ${a.status} account ${a.id}`);
        if (a.currency !== t.currency) fail(`${t.id} currency differs from account ${a.id}`);
      } else {
        if (accounts.has(account)) fail(`${t.id} external account ${account} is in the accounts list`);
        if (!(t.crossBorder ? BIC : CNAPS).test(bankCode ?? '')) fail(`${t.id} counterparty bank code ${bankCode}`);
      }
    }
    if (t.channel === 'mobile' && t.debitBank === inst.bankCode && (t.deviceId === null || t.ip === null)) fail(`${t.id} mobile debit without a session device and IP`);
    if ((t.channel === 'counter' || t.channel === 'atm' || t.channel === 'pos') && t.deviceId !== null) fail(`${t.id} ${t.channel} transaction carries a customer device`);
    if (!own) fail(`${t.id} touches none of the institution's accounts`);
    else if (t.branchId !== own.branchId) fail(`${t.id} branch ${t.branchId} is not its account's branch`);
  }

  // Labels, patterns, identifiers.
  const patterns = new Map(bank.patterns.map((p) => [p.id, p]));
  const labelled = new Set<string>();
  for (const l of bank.labels) {
    if (!ids.has(l.txnId)) fail(`label points to missing transaction ${l.txnId}`);
    if (patterns.get(l.patternId)?.typology !== l.typology) fail(`label ${l.txnId} has unknown pattern ${l.patternId}`);
    if (!(DEMO_TYPOLOGIES as readonly string[]).includes(l.typology)) fail(`unknown typology ${l.typology}`);
    labelled.add(l.patternId);
  }
  for (const p of bank.patterns) {
    if (!labelled.has(p.id)) fail(`pattern ${p.id} labels no transaction`);
    for (const a of p.accountIds) if (!accounts.has(a)) fail(`pattern ${p.id} lists unknown account ${a}`);
  }
  for (const i of bank.identifiers) if (!accounts.has(i.accountId)) fail(`identifier for unknown account ${i.accountId}`);
  return problems;
}
