import type { Tx } from './rings.repository.ts';
import type { KnownBadAccountsTable, KnownBadSource } from './rings.tables.ts';

/** An account on the known-bad list as the service gives it. */
export interface KnownBadEntry {
  accountId: string;
  source: KnownBadSource;
  reference: string | null;
  note: string | null;
  addedBy: string;
  /** The adding user's display name (null for an API key or the system). */
  addedByName?: string | null;
  addedAt: number;
}

export interface KnownBadFilter {
  source?: KnownBadSource;
  /** Accounts whose id starts with this. */
  account?: string;
  page: number;
  pageSize: number;
}

const toEntry = (r: KnownBadAccountsTable): KnownBadEntry => ({
  accountId: r.account_id, source: r.source, reference: r.reference, note: r.note, addedBy: r.added_by, addedAt: Number(r.added_at),
});

/** SQL of the known-bad list (migration 0029). */
export class KnownBadRepository {
  async list(db: Tx, institutionId: string, f: KnownBadFilter): Promise<{ items: KnownBadEntry[]; total: number }> {
    let q = db.selectFrom('known_bad_accounts').where('known_bad_accounts.institution_id', '=', institutionId);
    if (f.source) q = q.where('known_bad_accounts.source', '=', f.source);
    if (f.account) q = q.where('known_bad_accounts.account_id', '>=', f.account).where('known_bad_accounts.account_id', '<', `${f.account}\uffff`);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    // Who added each entry, as people read it: a user's display name or a service key's name (as
    // scenario versions name their creators, scenarios.repository.ts).
    const rows = await q.leftJoin('users', 'users.id', 'known_bad_accounts.added_by')
      .leftJoin('api_keys', 'api_keys.id', 'known_bad_accounts.added_by')
      .selectAll('known_bad_accounts').select(['users.display_name', 'api_keys.name as key_name'])
      .orderBy('known_bad_accounts.added_at', 'desc').orderBy('known_bad_accounts.account_id')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    return { items: rows.map((r) => ({ ...toEntry(r), addedByName: r.display_name ?? r.key_name ?? null })), total: Number(total?.n ?? 0) };
  }

  /** Every listed account id of the institution (what mining and the scoring engine read). */
  async accountIds(db: Tx, institutionId: string): Promise<string[]> {
    const rows = await db.selectFrom('known_bad_accounts').select('account_id').where('institution_id', '=', institutionId).execute();
    return rows.map((r) => r.account_id);
  }

  /** The listed ones among `accountIds`. */
  async find(db: Tx, institutionId: string, accountIds: string[]): Promise<KnownBadEntry[]> {
    const out: KnownBadEntry[] = [];
    for (let i = 0; i < accountIds.length; i += 500) {
      const rows = await db.selectFrom('known_bad_accounts').selectAll().where('institution_id', '=', institutionId)
        .where('account_id', 'in', accountIds.slice(i, i + 500)).execute();
      for (const r of rows) out.push(toEntry(r));
    }
    return out;
  }

  async insert(db: Tx, institutionId: string, entries: KnownBadEntry[]): Promise<void> {
    // 8 parameters a row: 500 rows stay well within SQLite's 32,766 per statement.
    for (let i = 0; i < entries.length; i += 500) {
      await db.insertInto('known_bad_accounts').values(entries.slice(i, i + 500).map((e) => ({
        institution_id: institutionId, account_id: e.accountId, source: e.source, reference: e.reference, note: e.note,
        added_by: e.addedBy, added_at: e.addedAt,
      }))).execute();
    }
  }

  async remove(db: Tx, institutionId: string, accountId: string): Promise<void> {
    await db.deleteFrom('known_bad_accounts').where('institution_id', '=', institutionId).where('account_id', '=', accountId).execute();
  }
}
