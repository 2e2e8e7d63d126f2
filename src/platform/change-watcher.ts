import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { ChangeCounter } from './change-counters.repository.ts';

/**
 * What processes keep copies of in memory: the account directory (reference data), the scoring
 * engine built from the active scenarios, and the data-quality rules; and stored ring findings
 * (nothing cached: their counter orders runs that store findings at once).
 */
/** `rings`: a mining run stored (its graph features); `known_bad`: the known-bad account list changed. */
export type ChangeTopic = 'reference' | 'scenarios' | 'dq_rules' | 'rings' | 'known_bad';

export type ChangeHandler = (institutionId: string) => void | Promise<void>;

/** Proof of a change made by this process, handed back after its commit (see `committed`). */
export interface ChangeReceipt {
  institutionId: string;
  topic: ChangeTopic;
  counter: number;
}

export interface ChangeWatcherDeps {
  read(): Promise<ChangeCounter[]>;
  bump(trx: Kysely<DB>, institutionId: string, topic: ChangeTopic): Promise<number>;
  onError(e: unknown): void;
}

const keyOf = (institutionId: string, topic: string) => `${institutionId}\u0000${topic}`;

/**
 * Keeps the in-memory copies of several processes sharing one database current: two servers on
 * PostgreSQL, or `outpost` commands next to a running server. A process that changes reference
 * data, a scenario or the data-quality rules raises the topic's counter in the same transaction
 * (`bump`) and reloads its own copy after the commit, as before; every other process reads the
 * counters periodically (`check`, started by `serve`) and runs the topic's handlers for each
 * institution whose counter moved. So another process's change takes effect within one poll
 * interval (OUTPOST_CHANGE_POLL_MS, 1 s by default) instead of at the next restart.
 *
 * Polling, not notifications: SQLite has none across processes, and one indexed read of a table
 * of a few rows per second costs nothing measurable.
 */
export class ChangeWatcher {
  private readonly seen = new Map<string, number>();
  private readonly handlers = new Map<ChangeTopic, ChangeHandler[]>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly d: ChangeWatcherDeps) {}

  /** Registers what to reload when another process changed `topic` for an institution. */
  on(topic: ChangeTopic, handler: ChangeHandler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /** Reads the counters as they are now, without running handlers (at start, before any copy is loaded). */
  async baseline(): Promise<void> {
    for (const c of await this.d.read()) this.seen.set(keyOf(c.institutionId, c.topic), c.counter);
  }

  /** Inside the transaction of a change: raises the topic's counter. */
  async bump(trx: Kysely<DB>, institutionId: string, topic: ChangeTopic): Promise<ChangeReceipt> {
    return { institutionId, topic, counter: await this.d.bump(trx, institutionId, topic) };
  }

  /**
   * After the commit of this process's own change (which the caller reloads itself): the next
   * check does not reload again. Changes of other processes with lower counters committed before
   * it, so the caller's reload, which reads the database after this commit, includes them.
   */
  committed(r: ChangeReceipt): void {
    const k = keyOf(r.institutionId, r.topic);
    this.seen.set(k, Math.max(this.seen.get(k) ?? 0, r.counter));
  }

  /** Reads the counters once and runs the handlers of every (institution, topic) that moved. */
  check(): Promise<void> {
    this.running ??= this.runCheck().finally(() => { this.running = null; });
    return this.running;
  }

  /** Checks every `intervalMs` until `stop()`; a failing check is reported and the next one runs. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer || this.stopped) return;
    const tick = () => {
      this.timer = setTimeout(() => {
        this.check().catch((e: unknown) => this.d.onError(e)).finally(() => { if (!this.stopped) tick(); });
      }, intervalMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async runCheck(): Promise<void> {
    for (const c of await this.d.read()) {
      const k = keyOf(c.institutionId, c.topic);
      if (c.counter <= (this.seen.get(k) ?? 0)) continue;
      this.seen.set(k, c.counter);
      for (const h of this.handlers.get(c.topic as ChangeTopic) ?? []) {
        try {
          await h(c.institutionId);
        } catch (e) {
          this.d.onError(e); // the other handlers and topics still run
        }
      }
    }
  }
}
