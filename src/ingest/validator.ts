import type { Transaction, Channel, TxnType } from '../domain/transaction.ts';
import { ISO_CURRENCIES, parseMinorUnits } from '../domain/money.ts';
import { FIELD_BIT, type DqRules, type InputField } from './dq-rules.ts';
import { parseCommonIso } from './iso-time.ts';

/** One problem found in a record: which field, a stable code and a human-readable reason. */
export interface RecordError {
  field: InputField | 'record';
  code: string;
  /** English text; a UI shows its own language from code, `params.rule` and `params` (web/src/lib/record-errors.ts). */
  message: string;
  /** The values the message names (`value`, `allowed`, `max`, `bank`, `detail`), and `rule` where one code has several texts. */
  params?: Record<string, string | number>;
}

/** What the validator needs to know about the institution's own accounts. */
export interface AccountRegister {
  bankCode: string;
  /** Branch of an own account, or undefined when the account is not registered. */
  branchOf(accountId: string): string | undefined;
  branchIdByCode(code: string): string | undefined;
}

/** What validating one record collects besides the values: its errors and the fields present (FIELD_BIT). */
interface Found {
  errors: RecordError[];
  present: number;
}

export type ValidationResult =
  | { ok: true; txn: Transaction; present: number }
  | { ok: false; errors: RecordError[]; present: number };

const ISO_TS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+(%\w+)?$/;
const ID_FORMAT = /^[\w.:\-/]{1,128}$/;
const CASH_TYPES = new Set(['cash_deposit', 'cash_withdrawal']);
/** NUL or an unpaired surrogate: not storable as PostgreSQL text (and garbled as UTF-8 anywhere). */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NUL or any surrogate: a one-class scan that clears almost every text before NOT_TEXT's lookarounds run. */
// eslint-disable-next-line no-control-regex
const MAYBE_NOT_TEXT = /[\u0000\uD800-\uDFFF]/;

/**
 * Validates one raw record (parsed JSON object or CSV row with normalised headers) against the
 * data-quality rules and turns it into a Transaction. Collects every error, not just the first,
 * so a corrected record can be fixed in one pass. Hand-written rather than a zod schema because
 * it runs per record on the ingest hot path (≥100k records/s) and its rules are runtime data.
 */
export class RecordValidator {
  private readonly required: Set<InputField>;
  private readonly channels: Set<string>;
  private readonly types: Set<string>;
  private readonly currencies: Set<string>;

  constructor(
    private readonly rules: DqRules,
    private readonly institutionId: string,
    private readonly register: AccountRegister,
  ) {
    this.required = new Set(rules.required);
    this.channels = new Set(rules.channels);
    this.types = new Set(rules.types);
    this.currencies = rules.currencies ? new Set(rules.currencies) : ISO_CURRENCIES;
  }

  validate(raw: Record<string, unknown>, now: number): ValidationResult {
    if (typeof raw.__parseError === 'string') {
      return { ok: false, errors: [{ field: 'record', code: 'parse', message: raw.__parseError, params: { detail: raw.__parseError } }], present: 0 };
    }
    // Per-record state in one object rather than a closure over locals: the loader names every
    // closure it creates (a property definition per record on the hot path).
    const f: Found = { errors: [], present: 0 };
    const errors = f.errors;

    const id = this.text(f, 'id', raw.id);
    if (id !== null && !ID_FORMAT.test(id)) {
      errors.push({ field: 'id', code: 'format', message: 'id may contain only letters, digits and . : - / _ (max 128)', params: { value: id } });
    }
    const occurredAt = this.timestamp(this.text(f, 'timestamp', raw.timestamp), now, errors);
    const currency = this.text(f, 'currency', raw.currency);
    if (currency !== null && !this.currencies.has(currency)) {
      errors.push({ field: 'currency', code: 'currency', message: `currency "${currency}" is not an accepted ISO 4217 code`, params: { value: currency } });
    }
    const amountMinor = this.amount(raw.amount, currency ?? 'CNY', errors);
    if (amountMinor !== null || (raw.amount !== undefined && raw.amount !== null && raw.amount !== '')) f.present |= FIELD_BIT.amount;
    const channel = this.text(f, 'channel', raw.channel);
    if (channel !== null && !this.channels.has(channel)) {
      errors.push({ field: 'channel', code: 'enum', message: `channel "${channel}" is not one of ${[...this.channels].join(', ')}`, params: { value: channel, allowed: [...this.channels].join(', ') } });
    }
    const type = this.text(f, 'type', raw.type);
    if (type !== null && !this.types.has(type)) {
      errors.push({ field: 'type', code: 'enum', message: `type "${type}" is not one of ${[...this.types].join(', ')}`, params: { value: type, allowed: [...this.types].join(', ') } });
    }
    const debitAccount = this.text(f, 'debitAccount', raw.debitAccount);
    const debitParty = this.text(f, 'debitParty', raw.debitParty);
    const debitBank = this.text(f, 'debitBank', raw.debitBank);
    const creditAccount = this.text(f, 'creditAccount', raw.creditAccount);
    const creditParty = this.text(f, 'creditParty', raw.creditParty);
    const creditBank = this.text(f, 'creditBank', raw.creditBank);
    const deviceId = this.text(f, 'deviceId', raw.deviceId);
    const ip = this.text(f, 'ip', raw.ip);
    if (ip !== null && !IPV4.test(ip) && !(ip.includes(':') && IPV6.test(ip))) {
      errors.push({ field: 'ip', code: 'format', message: `ip "${ip}" is not an IPv4 or IPv6 address`, params: { value: ip } });
    }
    const location = this.text(f, 'location', raw.location);
    const purpose = this.text(f, 'purpose', raw.purpose);
    const crossBorder = this.flag(raw.crossBorder, errors);
    if (raw.crossBorder !== undefined && raw.crossBorder !== null && raw.crossBorder !== '') f.present |= FIELD_BIT.crossBorder;
    const branchCode = this.text(f, 'branch', raw.branch);

    // Structural rules: which sides a type needs.
    if (type !== null) {
      if (type === 'cash_deposit' && creditAccount === null) errors.push({ field: 'creditAccount', code: 'required', message: 'a cash deposit needs the credit (receiving) account', params: { rule: 'cash_deposit' } });
      else if (type === 'cash_withdrawal' && debitAccount === null) errors.push({ field: 'debitAccount', code: 'required', message: 'a cash withdrawal needs the debit (paying) account', params: { rule: 'cash_withdrawal' } });
      else if (!CASH_TYPES.has(type) && (debitAccount === null || creditAccount === null)) {
        errors.push({ field: debitAccount === null ? 'debitAccount' : 'creditAccount', code: 'required', message: `a ${type} needs both the debit and the credit account`, params: { rule: 'both_sides', value: type } });
      }
    }
    if (debitAccount !== null && debitAccount === creditAccount && (debitBank ?? '') === (creditBank ?? '')) {
      errors.push({ field: 'creditAccount', code: 'same_account', message: 'debit and credit account are the same' });
    }

    // Own-bank sides must be registered accounts; the branch comes from the first own side.
    const own = this.register.bankCode;
    const debitBranch = this.ownBranch(debitAccount, debitBank, 'debitAccount', errors);
    const creditBranch = this.ownBranch(creditAccount, creditBank, 'creditAccount', errors);
    let branchId: string | null = debitBranch ?? creditBranch ?? null;
    if (branchCode !== null) {
      const b = this.register.branchIdByCode(branchCode);
      if (b === undefined) errors.push({ field: 'branch', code: 'unknown_branch', message: `branch code ${branchCode} is not a branch of this institution`, params: { value: branchCode } });
      else branchId = b;
    }

    if (errors.length > 0) return { ok: false, errors, present: f.present };
    return {
      ok: true,
      present: f.present,
      txn: {
        id: id!,
        institutionId: this.institutionId,
        branchId,
        occurredAt: occurredAt!,
        debitAccount, debitParty, debitBank: debitAccount !== null ? (debitBank ?? own) : debitBank,
        creditAccount, creditParty, creditBank: creditAccount !== null ? (creditBank ?? own) : creditBank,
        amountMinor: amountMinor!,
        currency: currency!,
        channel: channel as Channel,
        type: type as TxnType,
        deviceId, ip, location, purpose,
        crossBorder,
      },
    };
  }

  /**
   * A text field, trimmed; null when absent or invalid (the reason is in `f.errors`). The caller
   * reads the value (`raw.id`): a named read at each call site stays fast where one keyed read
   * here, `raw[field]`, saw every field name.
   */
  private text(f: Found, field: InputField, v: unknown): string | null {
    if (v === undefined || v === null || v === '') {
      if (this.required.has(field)) f.errors.push({ field, code: 'required', message: `${field} is required` });
      return null;
    }
    f.present |= FIELD_BIT[field];
    if (typeof v !== 'string' && typeof v !== 'number') {
      f.errors.push({ field, code: 'type', message: `${field} must be a string` });
      return null;
    }
    const s = typeof v === 'string' ? v.trim() : String(v);
    if (s.length > this.rules.maxTextLength) {
      f.errors.push({ field, code: 'too_long', message: `${field} is longer than ${this.rules.maxTextLength} characters`, params: { max: this.rules.maxTextLength } });
      return null;
    }
    if (MAYBE_NOT_TEXT.test(s) && NOT_TEXT.test(s)) {
      f.errors.push({ field, code: 'encoding', message: `${field} contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored as text` });
      return null;
    }
    return s;
  }

  /** The branch of a side's account when it is an own-bank account (registered), else undefined. */
  private ownBranch(acc: string | null, bank: string | null, field: 'debitAccount' | 'creditAccount', errors: RecordError[]): string | undefined {
    const own = this.register.bankCode;
    if (acc === null || (bank !== null && bank !== own)) return undefined;
    const b = this.register.branchOf(acc);
    if (b === undefined && this.rules.unknownOwnAccount === 'quarantine') {
      errors.push({ field, code: 'unknown_account', message: `${field} ${acc} is not a registered account of bank ${own}`, params: { value: acc, bank: own } });
    }
    return b;
  }

  private timestamp(value: string | null, now: number, errors: RecordError[]): number | null {
    if (value === null) return null;
    const common = parseCommonIso(value);
    if (!Number.isNaN(common)) return this.inRange(common, value, now, errors);
    if (!ISO_TS.test(value)) {
      errors.push({ field: 'timestamp', code: 'format', message: `timestamp "${value}" is not ISO 8601 (e.g. 2026-11-23T09:30:00+08:00)`, params: { rule: 'iso', value } });
      return null;
    }
    let v = value;
    if (!HAS_ZONE.test(v)) {
      if (this.rules.requireTimezone) {
        errors.push({ field: 'timestamp', code: 'timezone', message: `timestamp "${value}" has no UTC offset (add Z or +08:00)`, params: { value } });
        return null;
      }
      v += this.rules.assumeOffset;
    }
    const t = Date.parse(v.replace(' ', 'T'));
    if (Number.isNaN(t)) {
      errors.push({ field: 'timestamp', code: 'format', message: `timestamp "${value}" is not a valid date and time`, params: { rule: 'invalid', value } });
      return null;
    }
    return this.inRange(t, value, now, errors);
  }

  /** A parsed timestamp within the accepted skew and age, else null with the reason. */
  private inRange(t: number, value: string, now: number, errors: RecordError[]): number | null {
    if (t > now + this.rules.maxFutureSkewSeconds * 1000) {
      errors.push({ field: 'timestamp', code: 'future', message: `timestamp ${value} is in the future`, params: { value } });
      return null;
    }
    if (t < now - this.rules.maxAgeDays * 86_400_000) {
      errors.push({ field: 'timestamp', code: 'too_old', message: `timestamp ${value} is more than ${this.rules.maxAgeDays} days old`, params: { value, max: this.rules.maxAgeDays } });
      return null;
    }
    return t;
  }

  private amount(value: unknown, currency: string, errors: RecordError[]): number | null {
    if (value === undefined || value === null || value === '') {
      errors.push({ field: 'amount', code: 'required', message: 'amount is required' });
      return null;
    }
    const r = parseMinorUnits(value, currency);
    if (!r.ok) {
      errors.push({ field: 'amount', code: 'format', message: r.reason, params: { value: String(value), detail: r.reason, rule: r.fault, currency, ...(r.places !== undefined ? { places: r.places } : {}) } });
      return null;
    }
    if (r.minor < this.rules.minAmountMinor) {
      errors.push({ field: 'amount', code: 'not_positive', message: `amount must be greater than zero (got ${String(value)})`, params: { value: String(value) } });
      return null;
    }
    if (this.rules.maxAmountMinor !== null && r.minor > this.rules.maxAmountMinor) {
      errors.push({ field: 'amount', code: 'too_large', message: `amount ${String(value)} exceeds the configured maximum`, params: { value: String(value) } });
      return null;
    }
    return r.minor;
  }

  private flag(value: unknown, errors: RecordError[]): boolean {
    if (value === undefined || value === null || value === '') return false;
    if (value === true || value === 'true' || value === '1' || value === 1 || value === 'Y' || value === 'y') return true;
    if (value === false || value === 'false' || value === '0' || value === 0 || value === 'N' || value === 'n') return false;
    errors.push({ field: 'crossBorder', code: 'format', message: `crossBorder must be true/false (got ${JSON.stringify(value)})`, params: { value: JSON.stringify(value) } });
    return false;
  }
}
