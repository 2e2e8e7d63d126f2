import { SqliteAdapter, type Kysely } from 'kysely';
import { touchingAccounts } from '../ingest/account-postings.ts';
import type { DB } from '../store/schema.ts';
import type { Finding, FindingTxn, Role, Typology } from '../graph/index.ts';
import type { GraphEdgeInput } from '../graph/index.ts';
import type { AccountGraphFeatures } from '../engine/index.ts';
import type { GraphFeatureColumns } from './mine-window.ts';
import type { AccountGraphFeaturesTable } from './rings.tables.ts';

export type Tx = Kysely<DB>;

export interface FindingFilter {
  typology?: Typology;
  minScore?: number;
  /** Findings with activity at or after this time (epoch ms). */
  from?: number;
  /** Findings with activity at or before this time. */
  to?: number;
  account?: string;
  page: number;
  pageSize: number;
}

export interface StoredFinding {
  id: string;
  institutionId: string;
  key: string;
  typology: Typology;
  score: number;
  ringKey: string | null;
  memberCount: number;
  /** Accounts of the structure that are not members (FindingDetail.context). */
  contextCount: number;
  txnCount: number;
  totalAmountMinor: number;
  firstAt: number | null;
  lastAt: number | null;
  reasons: Finding['reasons'];
  facts: Record<string, number>;
  identifiers: string[] | null;
  runId: string;
  createdAt: number;
  updatedAt: number;
}

export interface FindingDetail extends StoredFinding {
  members: { account: string; role: Role }[];
  /** Accounts of the structure that are not members (Finding.context). */
  context: { account: string; role: Role }[];
  /** In time order; `context` marks those touching a context account. */
  transactions: FindingTxn[];
}

export interface RunRow {
  id: string; institution_id: string; window_from: number; window_to: number; params_version: number;
  transactions: number; accounts: number; findings: number; new_findings: number; timings: string; trigger: string;
  started_at: number; finished_at: number;
}

type FindingRow = DB['ring_findings'];
const contextOfRow = (r: FindingRow): FindingDetail['context'] => (r.context ? JSON.parse(r.context) : []);
const toFinding = (r: FindingRow, context = contextOfRow(r)): StoredFinding => ({
  id: r.id, institutionId: r.institution_id, key: r.finding_key, typology: r.typology as Typology, score: Number(r.score),
  ringKey: r.ring_key, memberCount: r.member_count, contextCount: context.length, txnCount: r.txn_count, totalAmountMinor: Number(r.total_amount_minor),
  firstAt: r.first_at === null ? null : Number(r.first_at), lastAt: r.last_at === null ? null : Number(r.last_at),
  reasons: JSON.parse(r.reasons), facts: JSON.parse(r.facts), identifiers: r.identifiers ? JSON.parse(r.identifiers) : null,
  runId: r.run_id, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
});

const GRAPH_FEATURE_COLUMNS = ['ring_score', 'findings', 'cycles', 'fan_out_max', 'fan_in_max', 'two_hop_paths', 'bad_distance'] as const;
type GraphFeatureRow = Pick<AccountGraphFeaturesTable, (typeof GRAPH_FEATURE_COLUMNS)[number]>;

/**
 * A stored row as the engine's graph features (bigint and real columns may come back as strings
 * from PostgreSQL). `knownBad` is the list's, not the run's: the caller sets it (KnownBadService).
 */
function graphFeaturesOf(r: GraphFeatureRow): AccountGraphFeatures {
  return {
    ringScore: Number(r.ring_score), findings: Number(r.findings), cycles: Number(r.cycles),
    fanOutMax: Number(r.fan_out_max), fanInMax: Number(r.fan_in_max), twoHopPaths: Number(r.two_hop_paths),
    knownBad: 0, badDistance: r.bad_distance === null ? NaN : Number(r.bad_distance),
  };
}

/** SQL of the rings context: findings (upsert by key), runs, parameter versions, graph input. */
export class RingsRepository {
  /** Account-to-account transfers of the window in time order, read in keyset pages. */
  async *transfers(db: Tx, institutionId: string, from: number, to: number, pageSize = 20_000): AsyncGenerator<GraphEdgeInput> {
    let lastT = -Infinity, lastId = '';
    for (;;) {
      // After the first page the range starts at the page boundary itself (one lower bound: given two,
      // SQLite may start the index range at the window's start and filter, scanning it again per page).
      let q = db.selectFrom('transactions')
        .select(['id', 'debit_account', 'credit_account', 'amount_minor', 'occurred_at'])
        .where('institution_id', '=', institutionId)
        .where('occurred_at', '>=', lastT > -Infinity ? lastT : from)
        .where('occurred_at', '<', to)
        .where('debit_account', 'is not', null)
        .where('credit_account', 'is not', null);
      if (lastT > -Infinity) {
        const t = lastT, id = lastId;
        q = q.where((eb) => eb.or([eb('occurred_at', '>', t), eb.and([eb('occurred_at', '=', t), eb('id', '>', id)])]));
      }
      const rows = await q.orderBy('occurred_at').orderBy('id').limit(pageSize).execute();
      for (const r of rows) {
        yield { txnId: r.id, src: r.debit_account!, dst: r.credit_account!, amount: Number(r.amount_minor), time: Number(r.occurred_at) };
      }
      if (rows.length < pageSize) return;
      lastT = Number(rows[rows.length - 1].occurred_at);
      lastId = rows[rows.length - 1].id;
    }
  }

  async countTransfers(db: Tx, institutionId: string, from: number, to: number): Promise<number> {
    const r = await db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('institution_id', '=', institutionId).where('occurred_at', '>=', from).where('occurred_at', '<', to)
      .where('debit_account', 'is not', null).where('credit_account', 'is not', null).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Device / phone / IP / address identifiers (keyed hashes) of the institution's accounts. */
  async identifiers(db: Tx, institutionId: string): Promise<{ account: string; kind: string; value: string }[]> {
    const rows = await db.selectFrom('account_identifiers').select(['account_id', 'kind', 'value_hash'])
      .where('institution_id', '=', institutionId).execute();
    return rows.map((r) => ({ account: r.account_id, kind: r.kind, value: r.value_hash }));
  }

  async findingIdsByKey(db: Tx, institutionId: string, keys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await db.selectFrom('ring_findings').select(['id', 'finding_key'])
        .where('institution_id', '=', institutionId).where('finding_key', 'in', keys.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.finding_key, r.id);
    }
    return out;
  }

  /** Inserts a new finding or refreshes an existing one (same key) with this run's figures. */
  async upsertFinding(db: Tx, institutionId: string, id: string, existing: boolean, f: Finding, runId: string, now: number): Promise<void> {
    const row = {
      typology: f.typology, score: f.score, ring_key: f.ringId ?? null, member_count: f.members.length,
      txn_count: f.transactions.length, total_amount_minor: Math.round(f.totalAmount), first_at: f.firstAt, last_at: f.lastAt,
      reasons: JSON.stringify(f.reasons), facts: JSON.stringify(f.facts), identifiers: f.identifiers ? JSON.stringify(f.identifiers) : null,
      context: f.context.length ? JSON.stringify(f.context) : null, run_id: runId, updated_at: now,
    };
    if (existing) {
      await db.updateTable('ring_findings').set(row).where('id', '=', id).execute();
      await db.deleteFrom('ring_finding_txns').where('finding_id', '=', id).execute();
    } else {
      await db.insertInto('ring_findings').values({ ...row, id, institution_id: institutionId, finding_key: f.key, created_at: now }).execute();
      if (f.members.length) {
        await db.insertInto('ring_finding_members')
          .values(f.members.map((m) => ({ finding_id: id, account_id: m.account, role: m.role }))).execute();
      }
    }
    for (let i = 0; i < f.transactions.length; i += 200) {
      await db.insertInto('ring_finding_txns').values(f.transactions.slice(i, i + 200).map((t, k) => ({
        finding_id: id, position: i + k, txn_id: t.txnId, src: t.src, dst: t.dst, amount_minor: Math.round(t.amount), occurred_at: t.time,
      }))).execute();
    }
  }

  async listFindings(db: Tx, institutionId: string, f: FindingFilter): Promise<{ items: StoredFinding[]; total: number }> {
    let q = db.selectFrom('ring_findings').where('institution_id', '=', institutionId);
    if (f.typology) q = q.where('typology', '=', f.typology);
    if (f.minScore !== undefined) q = q.where('score', '>=', f.minScore);
    if (f.from !== undefined) q = q.where('last_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('first_at', '<=', f.to);
    if (f.account) {
      const account = f.account;
      q = q.where('id', 'in', (eb) => eb.selectFrom('ring_finding_members').select('finding_id').where('account_id', '=', account));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('score', 'desc').orderBy('last_at', 'desc').orderBy('id')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    return { items: rows.map((r) => toFinding(r)), total: Number(total?.n ?? 0) };
  }

  async getFinding(db: Tx, institutionId: string, id: string): Promise<FindingDetail | null> {
    const row = await db.selectFrom('ring_findings').selectAll().where('institution_id', '=', institutionId).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const members = await db.selectFrom('ring_finding_members').select(['account_id', 'role']).where('finding_id', '=', id).orderBy('account_id').execute();
    const txns = await db.selectFrom('ring_finding_txns').selectAll().where('finding_id', '=', id).orderBy('position').execute();
    const context = contextOfRow(row);
    const outside = new Set(context.map((m) => m.account));
    return {
      ...toFinding(row, context),
      members: members.map((m) => ({ account: m.account_id, role: m.role as Role })),
      context,
      transactions: txns.map((t) => {
        const x: FindingTxn = { txnId: t.txn_id, src: t.src, dst: t.dst, amount: Number(t.amount_minor), time: Number(t.occurred_at) };
        if (outside.has(t.src) || outside.has(t.dst)) x.context = true;
        return x;
      }),
    };
  }

  /** Transfers touching any of `accounts` within [from, to) (for the 2-hop subgraph). */
  async transfersTouching(db: Tx, institutionId: string, accounts: string[], from: number, to: number, limit: number): Promise<GraphEdgeInput[]> {
    const out: GraphEdgeInput[] = [];
    for (let i = 0; i < accounts.length && out.length < limit; i += 300) {
      const chunk = accounts.slice(i, i + 300);
      const transfers = db.selectFrom('transactions').select(['id', 'debit_account', 'credit_account', 'amount_minor', 'occurred_at'])
        .where('institution_id', '=', institutionId).where('occurred_at', '>=', from).where('occurred_at', '<', to)
        .where('debit_account', 'is not', null).where('credit_account', 'is not', null);
      // SQLite finds accounts' rows by their postings (ingest/account-postings.ts), PostgreSQL by its account indexes.
      const touching = db.getExecutor().adapter instanceof SqliteAdapter
        ? touchingAccounts(transfers, institutionId, chunk, { from, to })
        : transfers.where((eb) => eb.or([eb('debit_account', 'in', chunk), eb('credit_account', 'in', chunk)]));
      const rows = await touching.orderBy('occurred_at').limit(limit - out.length).execute();
      for (const r of rows) out.push({ txnId: r.id, src: r.debit_account!, dst: r.credit_account!, amount: Number(r.amount_minor), time: Number(r.occurred_at) });
    }
    return out;
  }

  /**
   * Writes rows `from`..`to` of a run's account graph features over the institution's (an upsert per
   * account: readers see each account's previous run or this one, never none). At most 2,000 rows a
   * call: 11 parameters each, within SQLite's 32,766 per statement.
   */
  async upsertGraphFeatures(db: Tx, institutionId: string, runId: string, g: GraphFeatureColumns, from: number, to: number): Promise<void> {
    const rows = g.accounts.slice(from, to).map((account_id, k) => ({
      institution_id: institutionId, account_id, run_id: runId, ring_score: g.ringScore[from + k], findings: g.findings[from + k],
      cycles: g.cycles[from + k], fan_out_max: g.fanOutMax[from + k], fan_in_max: g.fanInMax[from + k], two_hop_paths: g.twoHopPaths[from + k],
      bad_distance: g.badDistance[from + k] < 0 ? null : g.badDistance[from + k],
    }));
    if (rows.length === 0) return;
    await db.insertInto('account_graph_features').values(rows).onConflict((oc) => oc.columns(['institution_id', 'account_id']).doUpdateSet((eb) => ({
      run_id: eb.ref('excluded.run_id'), ring_score: eb.ref('excluded.ring_score'), findings: eb.ref('excluded.findings'), cycles: eb.ref('excluded.cycles'),
      fan_out_max: eb.ref('excluded.fan_out_max'), fan_in_max: eb.ref('excluded.fan_in_max'), two_hop_paths: eb.ref('excluded.two_hop_paths'),
      bad_distance: eb.ref('excluded.bad_distance'),
    }))).execute();
  }

  /** Deletes the institution's graph features of accounts the run did not write (once all its rows are written). */
  async deleteGraphFeaturesNotOf(db: Tx, institutionId: string, runId: string): Promise<void> {
    await db.deleteFrom('account_graph_features').where('institution_id', '=', institutionId).where('run_id', '<>', runId).execute();
  }

  /** Whether `runId` is the institution's most recently stored run. */
  async isLatestRun(db: Tx, institutionId: string, runId: string): Promise<boolean> {
    const r = await db.selectFrom('ring_runs').select('id').where('institution_id', '=', institutionId)
      .orderBy('finished_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r?.id === runId;
  }

  /** One account's graph features from the institution's latest run (undefined: not kept by that run, or no run yet). */
  async accountGraph(db: Tx, institutionId: string, accountId: string): Promise<AccountGraphFeatures | undefined> {
    const r = await db.selectFrom('account_graph_features')
      .select(GRAPH_FEATURE_COLUMNS)
      .where('institution_id', '=', institutionId).where('account_id', '=', accountId).executeTakeFirst();
    return r && graphFeaturesOf(r);
  }

  /** The institution's account graph features, by account. */
  async graphFeatures(db: Tx, institutionId: string): Promise<Map<string, AccountGraphFeatures>> {
    const rows = await db.selectFrom('account_graph_features')
      .select(['account_id', ...GRAPH_FEATURE_COLUMNS])
      .where('institution_id', '=', institutionId).execute();
    return new Map(rows.map((r) => [r.account_id, graphFeaturesOf(r)]));
  }

  async insertRun(db: Tx, r: RunRow): Promise<void> {
    await db.insertInto('ring_runs').values(r).execute();
  }

  async listRuns(db: Tx, institutionId: string, limit: number): Promise<RunRow[]> {
    const rows = await db.selectFrom('ring_runs').selectAll().where('institution_id', '=', institutionId)
      .orderBy('started_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ...r, window_from: Number(r.window_from), window_to: Number(r.window_to), started_at: Number(r.started_at), finished_at: Number(r.finished_at) }));
  }

  async latestParams(db: Tx, institutionId: string): Promise<{ version: number; params: unknown; createdBy: string; createdAt: number; comment: string | null } | null> {
    const r = await db.selectFrom('ring_detector_params').selectAll().where('institution_id', '=', institutionId)
      .orderBy('version', 'desc').limit(1).executeTakeFirst();
    return r ? { version: r.version, params: JSON.parse(r.params), createdBy: r.created_by, createdAt: Number(r.created_at), comment: r.comment } : null;
  }

  async insertParams(db: Tx, row: DB['ring_detector_params']): Promise<void> {
    await db.insertInto('ring_detector_params').values(row).execute();
  }

  /** Newest first, each with who saved it: the user's or service key's name (null when neither is known). */
  async paramVersions(db: Tx, institutionId: string): Promise<{ version: number; createdBy: string; createdByName: string | null; createdAt: number; comment: string | null }[]> {
    const rows = await db.selectFrom('ring_detector_params')
      .leftJoin('users', 'users.id', 'ring_detector_params.created_by')
      .leftJoin('api_keys', 'api_keys.id', 'ring_detector_params.created_by')
      .select(['ring_detector_params.version', 'ring_detector_params.created_by', 'ring_detector_params.created_at', 'ring_detector_params.comment',
        'users.display_name', 'api_keys.name as key_name'])
      .where('ring_detector_params.institution_id', '=', institutionId).orderBy('ring_detector_params.version', 'desc').execute();
    return rows.map((r) => ({
      version: r.version, createdBy: r.created_by, createdByName: r.display_name ?? r.key_name ?? null, createdAt: Number(r.created_at), comment: r.comment,
    }));
  }
}

