/**
 * Permissions are the unit of authorisation; roles are named sets of them (src/auth/roles.ts).
 * Every route declares the one permission it needs (route `config.permission`), and the
 * authorisation matrix test checks every route against every built-in role.
 */
export const PERMISSIONS = [
  'dashboard:read',
  'transactions:ingest',
  'transactions:read',
  'customers:read',
  'customers:pii',
  'reference:write',
  'quarantine:read',
  'quarantine:resolve',
  'dq:read',
  'dq:configure',
  'scenarios:read',
  'scenarios:write',
  'scenarios:activate',
  'rings:read',
  'rings:mine',
  'rings:configure',
  'rings:flag',
  'audit:read',
  'audit:export',
  'users:read',
  'users:manage',
  'apikeys:manage',
  'roles:assign',
  'system:configure',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
