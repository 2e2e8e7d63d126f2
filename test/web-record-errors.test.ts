import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RecordValidator, type RecordError } from '../src/ingest/validator.ts';
import { DEFAULT_DQ_RULES, DqRulesSchema } from '../src/ingest/dq-rules.ts';
import { AccountDirectory } from '../src/reference/account-directory.ts';
import { fieldLabel, reasonText, recordErrorText } from '../web/src/lib/record-errors.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const dir = new AccountDirectory('inst', '313100000001');
dir.putAccount({ accountId: 'A1', branchId: 'br_1', customerId: 'c1', customerKind: 'person', birthDate: null, openedAt: 0, riskLevel: 'low', status: 'active', own: true });
const v = new RecordValidator(DqRulesSchema.parse({ ...DEFAULT_DQ_RULES, maxAmountMinor: 100_000_000 }), 'inst', dir);
const base = { id: 'T-1', timestamp: '2026-11-20T09:30:00+08:00', debitAccount: 'A1', creditAccount: 'X9', creditBank: '102100099996', amount: '100.50', currency: 'CNY', channel: 'mobile', type: 'transfer' };

/** One record for every text the validator has (each error's params are what the message names). */
const BAD: Array<Record<string, unknown>> = [
  { __parseError: 'line 3: unterminated quote' },
  { id: undefined }, { id: 'a b' }, { purpose: 'rent\u0000' }, { purpose: 'x'.repeat(5_000) }, { location: 7 as unknown as string, deviceId: { a: 1 } },
  { amount: '1.234' }, { amount: '425.00元' }, { amount: true }, { amount: '0' }, { amount: '99999999.00' }, { currency: 'RMB' }, { channel: 'fax' }, { type: 'barter' },
  { timestamp: '20/11/2026' }, { timestamp: '2026-11-20T25:30:00+08:00' }, { timestamp: '2026-11-20T09:30:00' },
  { timestamp: '2026-11-21T09:30:00Z' }, { timestamp: '2001-01-01T00:00:00Z' }, { ip: '999.1.1' }, { crossBorder: 'maybe' },
  { type: 'cash_deposit', creditAccount: undefined, creditBank: undefined }, { type: 'cash_withdrawal', debitAccount: undefined },
  { debitAccount: undefined }, { creditAccount: 'A1', creditBank: undefined }, { debitAccount: 'NOPE' }, { branch: 'B9' },
];

async function translator(lang: string) {
  const resources = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../web/src/locales/${lang}.json`), 'utf8')) as Record<string, unknown>;
  const i = i18next.createInstance();
  await i.init({ lng: lang, resources: { [lang]: { translation: resources } } });
  return i.t.bind(i);
}

describe('web: ingest errors in the reader\'s language', () => {
  const errors: RecordError[] = BAD.flatMap((patch) => {
    const r = v.validate({ ...base, ...patch }, NOW);
    expect(r.ok, JSON.stringify(patch)).toBe(false);
    return r.ok ? [] : r.errors;
  });

  it('has a zh-CN text for every error the validator gives, naming the same values', async () => {
    const t = await translator('zh-CN');
    const kinds = new Set(errors.map((e) => `${e.field}:${e.code}:${e.params?.rule ?? ''}`));
    expect(kinds.size).toBeGreaterThanOrEqual(22);
    for (const e of errors) {
      const text = recordErrorText(e, t);
      expect(text, e.message).not.toBe(e.message);
      expect(text, e.message).toMatch(/[\u4e00-\u9fff]/);
      expect(text, e.message).not.toContain('{{');
      // (a transaction type is named in words: 转账)
      for (const k of ['value', 'max', 'bank'] as const) if (e.params?.[k] !== undefined && e.params.rule !== 'both_sides') expect(text, `${e.message}: ${k}`).toContain(String(e.params[k]));
    }
    expect(fieldLabel('currency', t)).toBe('币种');
    expect(recordErrorText(errors.find((e) => e.params?.rule === 'both_sides')!, t)).toBe('转账交易需要同时填写付款账号和收款账号');
    // an amount's fault in words, not the parser's English
    const amountText = (value: string) => recordErrorText(errors.find((e) => e.field === 'amount' && e.params?.value === value)!, t);
    expect(amountText('425.00元')).toBe('金额“425.00元”不是十进制数字（只写数字和小数点，不带货币符号或单位）');
    expect(amountText('1.234')).toBe('金额“1.234”的小数超过 CNY 的 2 位');
    expect(amountText('true')).toBe('金额必须是数字或数字字符串（实际为 true）');
    const currency = errors.find((e) => e.code === 'currency')!;
    expect(recordErrorText(currency, t)).toBe('币种“RMB”不是可接受的 ISO 4217 代码');
    expect(reasonText([currency, errors.find((e) => e.code === 'not_positive')!], 'x', t)).toBe('币种“RMB”不是可接受的 ISO 4217 代码；金额必须大于零（实际为 0）');
  });

  it('reads in English too, and falls back to the API\'s text for a code it does not know', async () => {
    const t = await translator('en');
    for (const e of errors) expect(recordErrorText(e, t), e.message).not.toContain('{{');
    expect(recordErrorText({ field: 'amount', code: 'new_code', message: 'server text' }, t)).toBe('server text');
    // a record quarantined before errors carried params: its stored text, not a sentence with a hole
    expect(recordErrorText({ field: 'currency', code: 'currency', message: 'currency "RMB" is not an accepted ISO 4217 code' }, t))
      .toBe('currency "RMB" is not an accepted ISO 4217 code');
    expect(recordErrorText({ field: 'amount', code: 'required', message: 'amount is required' }, t)).toBe('Amount is required');
    expect(reasonText([], 'stored reason', t)).toBe('stored reason');
  });
});
