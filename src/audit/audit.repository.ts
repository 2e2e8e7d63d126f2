import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { reserveSequence } from '../store/sequence.repository.ts';
import { chainHash, GENESIS_HASH, type AuditHashAlgorithm } from './audit.hash.ts';
import type { AuditEventInput } from './audit.types.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Clock } from '../domain/clock.ts';

/**
 * Appends audit events to the hash chain. Call `append` with the same Kysely transaction as the
 * change it records, so the change and its audit event commit or roll back together.
 */
export class AuditRepository {
  constructor(
    private readonly deps: { ids: IdGenerator; clock: Clock; algorithm: AuditHashAlgorithm },
  ) {}

  async append(trx: Kysely<DB>, input: AuditEventInput): Promise<void> {
    const seq = await reserveSequence(trx, 'audit');
    const prev = seq === 1
      ? undefined
      : await trx.selectFrom('audit_events').select('hash').where('seq', '=', seq - 1).executeTakeFirst();
    const row = {
      seq,
      id: this.deps.ids('aud'),
      institution_id: input.institutionId ?? input.actor.institutionId ?? null,
      actor: input.actor.id,
      actor_kind: input.actor.kind,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId ?? null,
      ip: input.actor.ip ?? null,
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
      at: this.deps.clock.now(),
      prev_hash: prev?.hash ?? GENESIS_HASH,
    };
    await trx.insertInto('audit_events').values({ ...row, hash: chainHash(row, this.deps.algorithm) }).execute();
  }
}
