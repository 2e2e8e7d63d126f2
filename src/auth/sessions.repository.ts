import type { Selectable } from 'kysely';
import type { SessionsTable } from './auth.tables.ts';
import type { Tx } from './users.repository.ts';

export type SessionRow = Selectable<SessionsTable>;

export class SessionsRepository {
  async insert(db: Tx, row: SessionRow): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  }

  byTokenHash(db: Tx, tokenHash: string): Promise<SessionRow | undefined> {
    return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async touch(db: Tx, id: string, at: number): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async revoke(db: Tx, id: string, at: number): Promise<void> {
    await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** Ends every session of a user (disabled, password reset, roles changed). */
  async revokeAllOf(db: Tx, userId: string, at: number): Promise<number> {
    const r = await db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async purgeExpired(db: Tx, now: number): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }
}
