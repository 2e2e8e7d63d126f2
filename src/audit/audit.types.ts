/** Who did something: a signed-in user, a service API key, or the system itself. */
export interface Actor {
  id: string;
  kind: 'user' | 'api_key' | 'system';
  institutionId: string | null;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', kind: 'system', institutionId: null };

export interface AuditEventInput {
  actor: Actor;
  /** Verb in dotted form: `transaction.ingest`, `quarantine.resubmit`, `user.sign_in`, `customer.read`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  institutionId?: string | null;
  before?: unknown;
  after?: unknown;
}
