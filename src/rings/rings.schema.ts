import { z } from 'zod';
import { TYPOLOGIES } from '../graph/index.ts';
import { formatMinor } from '../domain/money.ts';
import type { FindingDetail, RunRow, StoredFinding } from './rings.repository.ts';
import { KnownBadView } from './known-bad.schema.ts';

const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 date/time');
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export const FindingListQuery = z.object({
  typology: z.enum(TYPOLOGIES).optional(),
  minScore: z.coerce.number().min(0).max(100).optional(),
  from: Iso.optional(),
  to: Iso.optional(),
  account: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const Reason = z.object({ code: z.string(), points: z.number(), text: z.object({ 'zh-CN': z.string(), en: z.string() }) });

export const FindingView = z.object({
  id: z.string(),
  key: z.string(),
  typology: z.enum(TYPOLOGIES),
  score: z.number(),
  ringKey: z.string().nullable(),
  memberCount: z.number().int(),
  contextCount: z.number().int().describe('accounts of the structure that are not members (see `context` on a finding)'),
  txnCount: z.number().int(),
  totalAmountMinor: z.number().int(),
  totalAmount: z.string().describe('Decimal, major units (the window may mix currencies: amounts are summed as stored)'),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  reasons: z.array(Reason),
  facts: z.record(z.string(), z.number()),
  identifiers: z.array(z.string()).nullable(),
  runId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function findingView(f: StoredFinding): z.infer<typeof FindingView> {
  return {
    id: f.id, key: f.key, typology: f.typology, score: f.score, ringKey: f.ringKey, memberCount: f.memberCount, contextCount: f.contextCount, txnCount: f.txnCount,
    totalAmountMinor: f.totalAmountMinor, totalAmount: formatMinor(f.totalAmountMinor, 'CNY'), firstAt: iso(f.firstAt), lastAt: iso(f.lastAt),
    reasons: f.reasons, facts: f.facts, identifiers: f.identifiers, runId: f.runId, createdAt: iso(f.createdAt)!, updatedAt: iso(f.updatedAt)!,
  };
}

export const FindingDetailView = FindingView.extend({
  members: z.array(z.object({ account: z.string(), role: z.enum(['source', 'mule', 'sink']) })),
  context: z.array(z.object({ account: z.string(), role: z.enum(['source', 'mule', 'sink']) }))
    .describe('Accounts of the detected structure that are not members: core trimming took them out (their activity does not recur in other suspicious structures, as a busy hub\'s or a payee\'s ordinary payers), with their place in the structure'),
  transactions: z.array(z.object({
    txnId: z.string(), src: z.string(), dst: z.string(), amountMinor: z.number(), occurredAt: z.string(),
    context: z.boolean().describe('touches a context account'),
  })).describe('The structure\'s transfers in time order, its context\'s included'),
  subgraph: z.object({
    nodes: z.array(z.object({
      id: z.string(), hop: z.number().int(), role: z.enum(['source', 'mule', 'sink']).nullable(),
      context: z.boolean().describe('a context account of the finding (hop 0, with its role in the structure)'),
    })),
    edges: z.array(z.object({
      id: z.string(), source: z.string(), target: z.string(), amount: z.number(), time: z.number(), inFinding: z.boolean(),
    })),
    truncated: z.boolean(),
  }).describe('Accounts within two transfers of a member and the transfers among them, for a graph view'),
  knownBad: z.array(KnownBadView).describe('The subgraph\'s accounts on the known-bad list now'),
});

export function findingDetailView(
  f: FindingDetail & { subgraph: z.infer<typeof FindingDetailView>['subgraph'] }, knownBad: z.infer<typeof KnownBadView>[],
): z.infer<typeof FindingDetailView> {
  return {
    ...findingView(f),
    knownBad,
    members: f.members,
    context: f.context,
    transactions: f.transactions.map((t) => ({
      txnId: t.txnId, src: t.src, dst: t.dst, amountMinor: t.amount, occurredAt: new Date(t.time).toISOString(), context: t.context === true,
    })),
    subgraph: f.subgraph,
  };
}

export const MineBody = z.object({ from: Iso, to: Iso }).refine((b) => Date.parse(b.from) < Date.parse(b.to), {
  message: 'from must be before to', path: ['from'],
});

export const MineSummaryView = z.object({
  runId: z.string(), transactions: z.number().int(), accounts: z.number().int(), findings: z.number().int(),
  newFindings: z.number().int(), paramsVersion: z.number().int(), timings: z.record(z.string(), z.number()),
});

export const RunView = z.object({
  id: z.string(), windowFrom: z.string(), windowTo: z.string(), paramsVersion: z.number().int(), transactions: z.number().int(),
  accounts: z.number().int(), findings: z.number().int(), newFindings: z.number().int(), trigger: z.string(),
  startedAt: z.string(), finishedAt: z.string(),
});

export function runView(r: RunRow): z.infer<typeof RunView> {
  return {
    id: r.id, windowFrom: iso(r.window_from)!, windowTo: iso(r.window_to)!, paramsVersion: r.params_version, transactions: r.transactions,
    accounts: r.accounts, findings: r.findings, newFindings: r.new_findings, trigger: r.trigger, startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at)!,
  };
}

export const ParamsBody = z.object({
  /** Partial parameters merged over the current version and validated as a whole. */
  params: z.record(z.string(), z.unknown()),
  comment: z.string().max(500).optional(),
});

export const AccountGraphView = z.object({
  account: z.string(),
  /** Null when the latest run kept nothing for the account (in no finding, at no fan hub, not near a known bad account): the engine reads 0. */
  features: z.object({
    ringScore: z.number(), findings: z.number().int(), cycles: z.number().int(), fanOutMax: z.number().int(),
    fanInMax: z.number().int(), twoHopPaths: z.number(),
    badDistance: z.number().int().nullable().describe('Transfers to the nearest known bad account in the run\'s window (0: listed then); null beyond reach'),
  }).nullable(),
  /** The run the features come from (the institution's latest); null before the first run. */
  run: RunView.nullable(),
  /** The account's listing on the known-bad list now, or null. */
  knownBad: KnownBadView.nullable(),
});
