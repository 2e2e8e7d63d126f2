import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { reserveSequence } from '../store/sequence.repository.ts';
import { param, Precompiled } from '../store/precompiled.ts';
import type { AuditEventsTable } from '../store/schema.ts';
import { chainHash, GENESIS_HASH, type AuditHashAlgorithm } from './audit.hash.ts';
import type { AuditEventInput } from './audit.types.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Clock } from '../domain/clock.ts';

const prevHash = new Precompiled<{ seq: number }, { hash: string }>((db) =>
  db.selectFrom('audit_events').select('hash').where('seq', '=', param<number>('seq')));

const AUDIT_COLUMNS = [
  'seq', 'id', 'institution_id', 'actor', 'actor_kind', 'action', 'target_type', 'target_id', 'ip', 'before', 'after', 'at',
  'prev_hash', 'hash',
] as const satisfies ReadonlyArray<keyof AuditEventsTable>;
const insertEvent = new Precompiled<AuditEventsTable, never>((db) =>
  db.insertInto('audit_events').values(Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, param(c)])) as unknown as AuditEventsTable));

/**
 * Appends audit events to the hash chain. Call `append` with the same Kysely transaction as the
 * change it records, so the change and its audit event commit or roll back together.
 */
export class AuditRepository {
  constructor(
    private readonly deps: { ids: IdGenerator; clock: Clock; algorithm: AuditHashAlgorithm },
  ) {}

  async append(trx: Kysely<DB>, input: AuditEventInput): Promise<void> {
    await this.appendAll(trx, [input]);
  }

  /**
   * Appends events in order with one sequence reservation and one look-up of the chain's last hash
   * (group commit: one ingest event per request of the group). `at[i]` is event i's time (default:
   * the clock's now).
   */
  async appendAll(trx: Kysely<DB>, inputs: readonly AuditEventInput[], at?: readonly number[]): Promise<void> {
    if (inputs.length === 0) return;
    const first = await reserveSequence(trx, 'audit', inputs.length);
    let prevHashOf = first === 1
      ? GENESIS_HASH
      : (await prevHash.execute(trx, { seq: first - 1 }))[0]?.hash ?? GENESIS_HASH;
    const now = at === undefined ? this.deps.clock.now() : 0;
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      const row: AuditEventsTable = {
        seq: first + i,
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
        at: at === undefined ? now : at[i],
        prev_hash: prevHashOf,
        hash: '', // set below from the other fields (the chain hash does not cover itself)
      };
      row.hash = chainHash(row, this.deps.algorithm);
      await insertEvent.execute(trx, row);
      prevHashOf = row.hash;
    }
  }
}
