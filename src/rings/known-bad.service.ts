import type { Actor } from '../audit/audit.types.ts';
import type { Clock } from '../domain/clock.ts';
import type { ChangeReceipt, ChangeWatcher } from '../platform/change-watcher.ts';
import { notFound, validation } from '../shared/errors.ts';
import type { KnownBadEntry, KnownBadFilter, KnownBadRepository } from './known-bad.repository.ts';
import type { RingsDeps } from './rings.service.ts';
import type { KnownBadSource } from './rings.tables.ts';

export interface KnownBadDeps extends Pick<RingsDeps, 'db' | 'run' | 'audit'> {
  /** After a change of the list is committed: the lookup re-reads the list (not the run's features). */
  listChanged?: (institutionId: string) => Promise<void>;
  repo: KnownBadRepository;
  clock: Clock;
  changes: Pick<ChangeWatcher, 'bump' | 'committed'>;
}

/** What a caller lists: the account and where the listing comes from. */
export interface KnownBadInput {
  accountId: string;
  source: KnownBadSource;
  reference?: string | null;
  note?: string | null;
}

/**
 * The institution's known-bad account list (已知涉案账户名单). Ring mining scores findings near
 * listed accounts higher and measures each account's distance to them; the scoring engine reads a
 * listing (`graph_known_bad`, `cp_graph_known_bad`) from the moment it is committed, in this
 * process and, through the `rings` change counter, in every other one. Every addition and removal
 * is audited, a removal with its reason.
 */
export class KnownBadService {
  constructor(private readonly d: KnownBadDeps) {}

  list(institutionId: string, filter: KnownBadFilter): Promise<{ items: KnownBadEntry[]; total: number }> {
    return this.d.repo.list(this.d.db, institutionId, filter);
  }

  accountIds(institutionId: string): Promise<string[]> {
    return this.d.repo.accountIds(this.d.db, institutionId);
  }

  /** The listings of these accounts (unlisted ones are left out). */
  find(institutionId: string, accountIds: string[]): Promise<KnownBadEntry[]> {
    return this.d.repo.find(this.d.db, institutionId, accountIds);
  }

  /**
   * Lists the accounts not yet listed; an account already on the list keeps its listing and comes
   * back in `unchanged` (sending the same notice twice changes nothing). The same account twice in
   * one request is refused (which positions).
   */
  async add(institutionId: string, inputs: KnownBadInput[], actor: Actor): Promise<{ added: KnownBadEntry[]; unchanged: KnownBadEntry[] }> {
    const first = new Map<string, number>();
    const repeated = inputs.flatMap((e, i) => {
      const at = first.get(e.accountId);
      if (at === undefined) { first.set(e.accountId, i); return []; }
      return [{ path: `entries.${i}.accountId`, message: `account ${e.accountId} is already entry ${at} of this request` }];
    });
    if (repeated.length > 0) throw validation('an account is listed twice in one request', repeated);
    const now = this.d.clock.now();
    let added: KnownBadEntry[] = [];
    let unchanged: KnownBadEntry[] = [];
    const receipt = await this.change(institutionId, async (tx) => {
      unchanged = await this.d.repo.find(tx, institutionId, inputs.map((e) => e.accountId));
      const listed = new Set(unchanged.map((e) => e.accountId));
      added = inputs.filter((e) => !listed.has(e.accountId)).map((e) => ({
        accountId: e.accountId, source: e.source, reference: e.reference ?? null, note: e.note ?? null, addedBy: actor.id, addedAt: now,
      }));
      await this.d.repo.insert(tx, institutionId, added);
      for (const e of added) {
        await this.d.audit.append(tx, {
          actor, action: 'rings.known_bad_add', targetType: 'known_bad_account', targetId: e.accountId, institutionId,
          after: { source: e.source, reference: e.reference, note: e.note },
        });
      }
    });
    await this.reloaded(receipt, institutionId);
    return { added, unchanged };
  }

  /** Takes an account off the list (404 when it is not on it); the reason is audited with the listing it ends. */
  async remove(institutionId: string, accountId: string, reason: string, actor: Actor): Promise<KnownBadEntry> {
    let entry: KnownBadEntry | undefined;
    const receipt = await this.change(institutionId, async (tx) => {
      [entry] = await this.d.repo.find(tx, institutionId, [accountId]);
      if (!entry) throw notFound('known bad account', accountId);
      await this.d.repo.remove(tx, institutionId, accountId);
      await this.d.audit.append(tx, {
        actor, action: 'rings.known_bad_remove', targetType: 'known_bad_account', targetId: accountId, institutionId,
        before: { source: entry.source, reference: entry.reference, note: entry.note, addedBy: entry.addedBy, addedAt: entry.addedAt },
        after: { reason },
      });
    });
    await this.reloaded(receipt, institutionId);
    return entry!;
  }

  /**
   * Runs `fn` in a transaction that first moves the institution's `known_bad` change counter: other
   * processes re-read the list into their lookups after the commit, and the counter row's lock makes two changes
   * of one institution's list (two servers on PostgreSQL) wait for each other, so the second reads
   * what the first listed instead of failing on the list's key.
   */
  private async change(institutionId: string, fn: (tx: KnownBadDeps['db']) => Promise<void>): Promise<ChangeReceipt> {
    return this.d.run(async (tx) => {
      const receipt = await this.d.changes.bump(tx, institutionId, 'known_bad');
      await fn(tx);
      return receipt;
    });
  }

  /** This process reloads what it changed itself; its next change check need not do it again. */
  private async reloaded(receipt: ChangeReceipt, institutionId: string): Promise<void> {
    this.d.changes.committed(receipt);
    await this.d.listChanged?.(institutionId);
  }
}
