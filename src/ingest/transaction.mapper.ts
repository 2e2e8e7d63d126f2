import type { ScenarioHit, Transaction, Decision, Channel, TxnType } from '../domain/transaction.ts';
import type { TransactionsTable } from '../store/schema.ts';
import { expandTrace, storedTrace, type TraceNode } from '../engine/index.ts';

/** A transaction as stored: the record plus where it came from and how it was scored. */
export interface StoredTransaction extends Transaction {
  source: string;
  seq: number;
  ingestedAt: number;
  score: number;
  decision: Decision;
  hits: ScenarioHit[];
}

/** Column order of the bulk insert; `toRow` fills exactly these. */
export const TRANSACTION_COLUMNS = [
  'institution_id', 'id', 'branch_id', 'occurred_at', 'debit_account', 'debit_party', 'debit_bank',
  'credit_account', 'credit_party', 'credit_bank', 'amount_minor', 'currency', 'channel', 'type',
  'device_id', 'ip', 'location', 'purpose', 'cross_border', 'source', 'seq', 'ingested_at', 'score',
  'decision', 'hits',
] as const satisfies ReadonlyArray<keyof TransactionsTable>;

export function toRow(t: StoredTransaction): TransactionsTable {
  return {
    institution_id: t.institutionId,
    id: t.id,
    branch_id: t.branchId,
    occurred_at: t.occurredAt,
    debit_account: t.debitAccount,
    debit_party: t.debitParty,
    debit_bank: t.debitBank,
    credit_account: t.creditAccount,
    credit_party: t.creditParty,
    credit_bank: t.creditBank,
    amount_minor: t.amountMinor,
    currency: t.currency,
    channel: t.channel,
    type: t.type,
    device_id: t.deviceId,
    ip: t.ip,
    location: t.location,
    purpose: t.purpose,
    cross_border: t.crossBorder ? 1 : 0,
    source: t.source,
    seq: t.seq,
    ingested_at: t.ingestedAt,
    score: t.score,
    decision: t.decision,
    hits: hitsJson(t.hits),
  };
}

const str = JSON.stringify as (s: string) => string;
const numJson = (n: number) => (Number.isFinite(n) ? String(n) : 'null');

type SidedHit = ScenarioHit & { side?: string; accountId?: string };

/**
 * A hit's fields before its trace as JSON text, `{"scenarioId":…,"reason":{…}`, in the order of
 * the engine's hits; `hitTailJson` closes it. Stored hits (hitsJson) and batch answers
 * (ingest.answer.ts) are written from these: JSON.stringify's walk over the hit objects was most
 * of the cost of storing a hit and of answering with it.
 */
export function hitHeadJson(h: ScenarioHit): string {
  return `${scenarioHeadJson(h)}${str(h.reason['zh-CN'])},"en":${str(h.reason.en)}}`;
}

/** Per scenario id, the text of the fields a scenario version fixes (at most HEADS_KEPT ids). */
const heads = new Map<string, { version: number; severity: string; typology: string; score: number; text: string }>();
const HEADS_KEPT = 10_000;

/** `{"scenarioId":…,"score":…,"reason":{"zh-CN":`: the same for every hit of a scenario version, so written once. */
function scenarioHeadJson(h: ScenarioHit): string {
  const c = heads.get(h.scenarioId);
  if (c !== undefined && c.version === h.version && c.severity === h.severity && c.typology === h.typology && c.score === h.score) return c.text;
  const text = `{"scenarioId":${str(h.scenarioId)},"version":${numJson(h.version)},"severity":${str(h.severity)},"typology":${str(h.typology)},`
    + `"score":${numJson(h.score)},"reason":{"zh-CN":`;
  if (heads.size < HEADS_KEPT || c !== undefined) heads.set(h.scenarioId, { version: h.version, severity: h.severity, typology: h.typology, score: h.score, text });
  return text;
}

/** The side and account a hit fired on (engine hits) and the closing brace. */
export function hitTailJson(h: SidedHit): string {
  return `${h.side === undefined ? '' : `,"side":${str(h.side)}`}${h.accountId === undefined ? '' : `,"accountId":${str(h.accountId)}`}}`;
}

/**
 * The hits as the `hits` column stores them: JSON of each hit with its trace in the stored form
 * (engine/rules/trace-form.ts), written by the engine (`traceJson`, `explain: 'json'`) or from a
 * trace object; the same text either way (tested). `readHits` reads them back with trace objects.
 */
export function hitsJson(hits: readonly ScenarioHit[]): string {
  if (hits.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as SidedHit;
    if (i > 0) out += ',';
    const trace = h.traceJson ?? (h.trace === undefined ? undefined : JSON.stringify(storedTrace(h.trace as TraceNode)));
    out += `${hitHeadJson(h)}${trace === undefined ? '' : `,"trace":${trace}`}${hitTailJson(h)}`;
  }
  return `${out}]`;
}

/** The `hits` column's text as hits with trace objects (either stored form of a trace). */
export function readHits(text: string): ScenarioHit[] {
  const hits = JSON.parse(text) as ScenarioHit[];
  for (const h of hits) if (h.trace !== undefined) h.trace = expandTrace(h.trace);
  return hits;
}

/**
 * The row as bind parameters in TRANSACTION_COLUMNS order (the SQLite bulk path; no per-row object),
 * written into `out` from index `at`: the caller reuses one array for every row (the driver reads
 * it at once), several rows side by side for a multi-row statement.
 */
export function toParams(t: StoredTransaction, out: unknown[] = new Array<unknown>(TRANSACTION_COLUMNS.length), at = 0): unknown[] {
  out[at] = t.institutionId; out[at + 1] = t.id; out[at + 2] = t.branchId; out[at + 3] = t.occurredAt;
  out[at + 4] = t.debitAccount; out[at + 5] = t.debitParty; out[at + 6] = t.debitBank;
  out[at + 7] = t.creditAccount; out[at + 8] = t.creditParty; out[at + 9] = t.creditBank;
  out[at + 10] = t.amountMinor; out[at + 11] = t.currency; out[at + 12] = t.channel; out[at + 13] = t.type;
  out[at + 14] = t.deviceId; out[at + 15] = t.ip; out[at + 16] = t.location; out[at + 17] = t.purpose; out[at + 18] = t.crossBorder ? 1 : 0;
  out[at + 19] = t.source; out[at + 20] = t.seq; out[at + 21] = t.ingestedAt; out[at + 22] = t.score; out[at + 23] = t.decision;
  out[at + 24] = hitsJson(t.hits);
  return out;
}

export function fromRow(r: TransactionsTable): StoredTransaction {
  return {
    institutionId: r.institution_id,
    id: r.id,
    branchId: r.branch_id,
    occurredAt: Number(r.occurred_at),
    debitAccount: r.debit_account,
    debitParty: r.debit_party,
    debitBank: r.debit_bank,
    creditAccount: r.credit_account,
    creditParty: r.credit_party,
    creditBank: r.credit_bank,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    channel: r.channel as Channel,
    type: r.type as TxnType,
    deviceId: r.device_id,
    ip: r.ip,
    location: r.location,
    purpose: r.purpose,
    crossBorder: Number(r.cross_border) === 1,
    source: r.source,
    seq: Number(r.seq),
    ingestedAt: Number(r.ingested_at),
    score: Number(r.score),
    decision: r.decision as Decision,
    hits: readHits(r.hits),
  };
}

/** The columns of a `Transaction` plus its log position: what replaying the log into an engine reads. */
export const REPLAY_COLUMNS = [
  'institution_id', 'id', 'branch_id', 'occurred_at', 'debit_account', 'debit_party', 'debit_bank', 'credit_account',
  'credit_party', 'credit_bank', 'amount_minor', 'currency', 'channel', 'type', 'device_id', 'ip', 'location', 'purpose',
  'cross_border', 'seq',
] as const satisfies ReadonlyArray<keyof TransactionsTable>;

export type ReplayRow = Pick<TransactionsTable, (typeof REPLAY_COLUMNS)[number]>;

/** A stored transaction as the engine replays it (no score, decision or hits: their JSON is most of a row). */
export function replayFromRow(r: ReplayRow): Transaction & { seq: number } {
  return {
    institutionId: r.institution_id, id: r.id, branchId: r.branch_id, occurredAt: Number(r.occurred_at),
    debitAccount: r.debit_account, debitParty: r.debit_party, debitBank: r.debit_bank,
    creditAccount: r.credit_account, creditParty: r.credit_party, creditBank: r.credit_bank,
    amountMinor: Number(r.amount_minor), currency: r.currency, channel: r.channel as Channel, type: r.type as TxnType,
    deviceId: r.device_id, ip: r.ip, location: r.location, purpose: r.purpose, crossBorder: Number(r.cross_border) === 1,
    seq: Number(r.seq),
  };
}
