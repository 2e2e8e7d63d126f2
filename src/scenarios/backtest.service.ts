import type { Transaction } from '../domain/transaction.ts';
import { compileScenario, createEngine, type Engine, type GraphLookup, type ProfileLookup } from '../engine/index.ts';
import { AppError } from '../shared/errors.ts';

export interface BacktestDeps {
  profiles(institutionId: string): Promise<ProfileLookup>;
  /** Graph features (ring mining's latest run) for `graph_*` features, as the live engine reads them. */
  graph?(institutionId: string): Promise<GraphLookup | undefined>;
  /**
   * The stored log in ingest order, at least every transaction that occurred in [from, to) (it may
   * hold others; the replay filters by time).
   */
  log(institutionId: string, from: number, to: number): AsyncIterable<readonly Transaction[]>;
  /** How many log positions log() reads for the same arguments (for progress), when known. */
  logSize?(institutionId: string, from: number, to: number): Promise<number>;
  /** Ids of transactions labelled as suspicious (demo data and confirmed cases), any typology. */
  labels(institutionId: string): Promise<ReadonlySet<string>>;
}

export interface BacktestSide {
  version: number | null;
  /** Transactions on which the scenario fired. */
  alerts: number;
  /** Distinct own accounts it fired on. */
  accounts: number;
  truePositives: number;
  /** Among alerted transactions, the labelled share; null without labels in the window. */
  precision: number | null;
  /** Among labelled transactions in the window, the alerted share; null without labels. */
  recall: number | null;
}

export interface BacktestResult {
  scenarioId: string;
  from: number;
  to: number;
  warmupFrom: number;
  transactions: number;
  labelled: number;
  candidate: BacktestSide;
  /** The active version run on the same history (shadow comparison), when there is one. */
  active: BacktestSide | null;
  both: number;
  onlyCandidate: number;
  onlyActive: number;
  examples: Array<{ txnId: string; occurredAt: number; accountId: string; side: string; reason: { 'zh-CN': string; en: string } }>;
}

export interface BacktestInput {
  institutionId: string;
  candidate: { version: number | null; doc: unknown };
  active: { version: number; doc: unknown } | null;
  from: number;
  to: number;
  /** History before `from` replayed (observe only) to fill the windows; default 90 days. */
  warmupDays?: number;
}

interface Run { engine: Engine; hit: Set<string>; accounts: Set<string> }

/** Progress of a backtest: transactions read from the log so far, of about `total` (log positions). */
export type BacktestProgress = (read: number, total: number) => void;

/** Progress is reported every this many transactions read. */
const PROGRESS_EVERY = 20_000;

/**
 * Replays stored history through a candidate scenario version and the active version with the
 * same engine code as real time: the warm-up period fills the windows, then every transaction in
 * [from, to) is scored by both. Reports alerts, entities hit and precision/recall against labels.
 */
export class BacktestService {
  constructor(private readonly d: BacktestDeps) {}

  async run(i: BacktestInput, onProgress?: BacktestProgress): Promise<BacktestResult> {
    if (!(i.from < i.to)) throw new AppError('validation', 'from must be before to', [{ path: 'from', message: 'must be before to' }]);
    const scenarioId = compileScenario(i.candidate.doc).def.id;
    const [profiles, graph] = await Promise.all([this.d.profiles(i.institutionId), this.d.graph?.(i.institutionId)]);
    const mk = (doc: unknown): Run => ({ engine: createEngine({ profiles, graph, scenarios: [doc], explain: false }), hit: new Set(), accounts: new Set() });
    const cand = mk(i.candidate.doc);
    const act = i.active ? mk(i.active.doc) : null;
    const warmupFrom = i.from - (i.warmupDays ?? 90) * 86_400_000;
    const labels = await this.d.labels(i.institutionId);
    const total = onProgress && this.d.logSize ? await this.d.logSize(i.institutionId, warmupFrom, i.to) : 0;
    const inWindow = new Set<string>();
    const examples: BacktestResult['examples'] = [];
    let read = 0;
    for await (const page of this.d.log(i.institutionId, warmupFrom, i.to)) {
      for (const t of page) {
        if (onProgress && ++read % PROGRESS_EVERY === 0) onProgress(read, Math.max(total, read));
        if (t.occurredAt < warmupFrom || t.occurredAt >= i.to) continue;
        if (t.occurredAt < i.from) { cand.engine.observe(t); act?.engine.observe(t); continue; }
        inWindow.add(t.id);
        for (const r of act ? [cand, act] : [cand]) {
          const res = r.engine.score(t);
          for (const h of res.hits) {
            r.hit.add(t.id);
            r.accounts.add(h.accountId);
            if (r === cand && examples.length < 20) examples.push({ txnId: t.id, occurredAt: t.occurredAt, accountId: h.accountId, side: h.side, reason: h.reason });
          }
        }
      }
    }
    onProgress?.(read, read);
    const labelled = [...inWindow].filter((id) => labels.has(id)).length;
    const side = (r: Run, version: number | null): BacktestSide => {
      const tp = [...r.hit].filter((id) => labels.has(id)).length;
      return {
        version, alerts: r.hit.size, accounts: r.accounts.size, truePositives: tp,
        precision: labelled > 0 && r.hit.size > 0 ? tp / r.hit.size : null,
        recall: labelled > 0 ? tp / labelled : null,
      };
    };
    const both = act ? [...cand.hit].filter((id) => act.hit.has(id)).length : 0;
    return {
      scenarioId, from: i.from, to: i.to, warmupFrom, transactions: inWindow.size, labelled,
      candidate: side(cand, i.candidate.version), active: act && i.active ? side(act, i.active.version) : null,
      both, onlyCandidate: cand.hit.size - both, onlyActive: act ? act.hit.size - both : 0, examples,
    };
  }
}
