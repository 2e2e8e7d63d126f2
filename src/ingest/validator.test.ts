import { describe, expect, it } from 'vitest';
import { RecordValidator } from './validator.ts';
import { DEFAULT_DQ_RULES, DqRulesSchema, FIELD_BIT } from './dq-rules.ts';
import { AccountDirectory } from '../reference/account-directory.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const dir = new AccountDirectory('inst', '313100000001');
dir.putAccount({ accountId: 'A1', branchId: 'br_1', customerId: 'c1', customerKind: 'person', birthDate: null, openedAt: 0, riskLevel: 'low', status: 'active', own: true });
dir.putAccount({ accountId: 'A2', branchId: 'br_2', customerId: 'c2', customerKind: 'person', birthDate: null, openedAt: 0, riskLevel: 'low', status: 'active', own: true });
dir.setBranches([{ code: 'B2', id: 'br_2' }]);
const v = new RecordValidator(DEFAULT_DQ_RULES, 'inst', dir);
const base = { id: 'T-1', timestamp: '2026-11-20T09:30:00+08:00', debitAccount: 'A1', creditAccount: 'X9', creditBank: '102100099996', amount: '100.50', currency: 'CNY', channel: 'mobile', type: 'transfer' };
const codes = (raw: Record<string, unknown>) => {
  const r = v.validate(raw, NOW);
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
};

describe('record validation', () => {
  it('builds a transaction in minor units and UTC, taking the branch of the own side', () => {
    const r = v.validate(base, NOW);
    expect(r.ok && r.txn).toMatchObject({ amountMinor: 10_050, occurredAt: Date.parse('2026-11-20T01:30:00Z'), branchId: 'br_1', debitBank: '313100000001', crossBorder: false });
    expect(r.present & FIELD_BIT.deviceId).toBe(0);
    expect(r.present & FIELD_BIT.amount).not.toBe(0);
  });

  it.each([
    [{ id: undefined }, ['id:required']],
    [{ id: 'a b' }, ['id:format']],
    [{ amount: '0' }, ['amount:not_positive']],
    [{ purpose: 'rent\u0000' }, ['purpose:encoding']],
    [{ location: 'Shanghai \uD800' }, ['location:encoding']],
    [{ deviceId: '\uDC00dev' }, ['deviceId:encoding']],
    [{ amount: '1.234' }, ['amount:format']],
    [{ amount: '1e5' }, ['amount:format']],
    [{ currency: 'RMB' }, ['currency:currency']],
    [{ timestamp: '20/11/2026' }, ['timestamp:format']],
    [{ timestamp: '2026-11-20T09:30:00' }, ['timestamp:timezone']],
    [{ timestamp: '2026-11-21T09:30:00Z' }, ['timestamp:future']],
    [{ timestamp: '2001-01-01T00:00:00Z' }, ['timestamp:too_old']],
    [{ channel: 'fax' }, ['channel:enum']],
    [{ type: 'gift' }, ['type:enum']],
    [{ ip: '999.1.1.1' }, ['ip:format']],
    [{ crossBorder: 'maybe' }, ['crossBorder:format']],
    [{ debitAccount: 'A404' }, ['debitAccount:unknown_account']],
    [{ creditAccount: null, creditBank: null }, ['creditAccount:required']],
    [{ creditAccount: 'A1', creditBank: null }, ['creditAccount:same_account']],
    [{ branch: 'NOPE' }, ['branch:unknown_branch']],
    [{ purpose: 'x'.repeat(300) }, ['purpose:too_long']],
  ])('rejects %j with %j', (patch, expected) => {
    expect(codes({ ...base, ...patch })).toEqual(expected);
  });

  it('accepts text with characters outside the Basic Multilingual Plane (paired surrogates)', () => {
    expect(codes({ ...base, purpose: '房租 𠀀 🏠' })).toEqual([]);
  });

  it('accepts JPY without decimals and rejects JPY with them', () => {
    expect(codes({ ...base, currency: 'JPY', amount: '1000' })).toEqual([]);
    expect(codes({ ...base, currency: 'JPY', amount: '1000.5' })).toEqual(['amount:format']);
  });

  it('knows which sides each cash type needs', () => {
    expect(codes({ ...base, type: 'cash_deposit', debitAccount: null, creditAccount: 'A2', creditBank: null })).toEqual([]);
    expect(codes({ ...base, type: 'cash_withdrawal', creditAccount: null, creditBank: null })).toEqual([]);
    expect(codes({ ...base, type: 'cash_deposit', creditAccount: null, creditBank: null })).toEqual(['creditAccount:required']);
  });

  it('follows configured rules: assumed offset, accepting unknown own accounts, a branch code', () => {
    const lax = new RecordValidator(DqRulesSchema.parse({ requireTimezone: false, unknownOwnAccount: 'accept' }), 'inst', dir);
    const r = lax.validate({ ...base, timestamp: '2026-11-20 09:30:00', debitAccount: 'A404', branch: 'B2' }, NOW);
    expect(r.ok && r.txn).toMatchObject({ occurredAt: Date.parse('2026-11-20T01:30:00Z'), branchId: 'br_2' });
  });

  it('takes the branch of the first registered own side, and reports each unknown own side in order', () => {
    const both = { ...base, creditAccount: 'A2', creditBank: null };
    expect(v.validate(both, NOW)).toMatchObject({ ok: true, txn: { branchId: 'br_1' } });
    const lax = new RecordValidator(DqRulesSchema.parse({ unknownOwnAccount: 'accept' }), 'inst', dir);
    expect(lax.validate({ ...both, debitAccount: 'A404' }, NOW)).toMatchObject({ ok: true, txn: { branchId: 'br_2' } });
    expect(lax.validate({ ...both, debitAccount: 'A404', creditAccount: 'A405' }, NOW)).toMatchObject({ ok: true, txn: { branchId: null } });
    expect(codes({ ...both, debitAccount: 'A404', creditAccount: 'A405' })).toEqual(['debitAccount:unknown_account', 'creditAccount:unknown_account']);
  });

  it('reports every problem of a record at once, and parse failures as a record error', () => {
    expect(codes({ ...base, amount: '-1', currency: 'XXX', channel: '?' })).toEqual(['currency:currency', 'amount:not_positive', 'channel:enum']);
    expect(codes({ __parseError: 'invalid JSON: Unexpected token' })).toEqual(['record:parse']);
  });
});
