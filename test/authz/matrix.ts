import type { Permission } from '../../src/domain/permissions.ts';

/**
 * Every API route and the permission it must declare. The authorisation matrix test fails when a
 * registered route is missing here, when a route declares another permission than listed, or when a
 * listed route no longer exists. Add one line per new route: `'METHOD /api/v1/path': permission`.
 */
export const ROUTE_MATRIX: Record<string, Permission | 'public' | 'authenticated'> = {
  // platform
  'GET /api/v1/health': 'public',
  'GET /api/v1/openapi.json': 'public',
  // reference data
  'POST /api/v1/customers/search': 'customers:read',
  'GET /api/v1/customers/:id': 'customers:read',
  'GET /api/v1/accounts/:id': 'customers:read',
  'POST /api/v1/reference': 'reference:write',
  'GET /api/v1/branches': 'authenticated',
  // auth (sessions and self-service)
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/sign-out': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  'POST /api/v1/auth/password': 'authenticated',
  'POST /api/v1/auth/totp/enrol': 'authenticated',
  'POST /api/v1/auth/totp/confirm': 'authenticated',
  'POST /api/v1/auth/totp/disable': 'authenticated',
  // users, roles, API keys
  'GET /api/v1/users': 'users:read',
  'POST /api/v1/users': 'users:manage',
  'GET /api/v1/users/:id': 'users:read',
  'PATCH /api/v1/users/:id': 'users:manage',
  'POST /api/v1/users/:id/password': 'users:manage',
  'POST /api/v1/users/:id/unlock': 'users:manage',
  'DELETE /api/v1/users/:id/totp': 'users:manage',
  'PUT /api/v1/users/:id/roles': 'roles:assign',
  'GET /api/v1/roles': 'users:read',
  'POST /api/v1/roles': 'roles:assign',
  'PUT /api/v1/roles/:id': 'roles:assign',
  'DELETE /api/v1/roles/:id': 'roles:assign',
  'GET /api/v1/api-keys': 'apikeys:manage',
  'POST /api/v1/api-keys': 'apikeys:manage',
  'POST /api/v1/api-keys/:id/revoke': 'apikeys:manage',
  // audit
  'GET /api/v1/audit': 'audit:read',
  'GET /api/v1/audit/export': 'audit:export',
  'GET /api/v1/audit/verify': 'audit:read',
  // scenarios (src/scenarios)
  'GET /api/v1/scenarios': 'scenarios:read',
  'GET /api/v1/scenarios/:id': 'scenarios:read',
  'POST /api/v1/scenarios/validate': 'scenarios:read',
  'GET /api/v1/features': 'scenarios:read',
  'POST /api/v1/scenarios': 'scenarios:write',
  'PUT /api/v1/scenarios/:id/draft': 'scenarios:write',
  'POST /api/v1/scenarios/:id/activate': 'scenarios:activate',
  'POST /api/v1/scenarios/:id/deactivate': 'scenarios:activate',
  'POST /api/v1/scenarios/:id/backtest': 'scenarios:read',
  'POST /api/v1/scenarios/:id/test': 'scenarios:read',
  'GET /api/v1/scoring-engine': 'scenarios:read',
  // ingest and quarantine
  'POST /api/v1/transactions': 'transactions:ingest',
  'POST /api/v1/ingest/files': 'transactions:ingest',
  'GET /api/v1/ingest/jobs/:id': 'transactions:ingest',
  'GET /api/v1/quarantine': 'quarantine:read',
  'GET /api/v1/quarantine/:id': 'quarantine:read',
  'POST /api/v1/quarantine/:id/resubmit': 'quarantine:resolve',
  'POST /api/v1/quarantine/:id/discard': 'quarantine:resolve',
  'GET /api/v1/quarantine/summary': 'quarantine:read',
  'POST /api/v1/quarantine/retry': 'quarantine:resolve',
  'POST /api/v1/quarantine/discard': 'quarantine:resolve',
  // data quality
  'GET /api/v1/data-quality': 'dq:read',
  'GET /api/v1/data-quality/rules': 'dq:read',
  'PUT /api/v1/data-quality/rules': 'dq:configure',
  // transactions
  'GET /api/v1/transactions': 'transactions:read',
  'GET /api/v1/transactions/:id': 'transactions:read',
  // rings (团伙 mining)
  'GET /api/v1/rings/findings': 'rings:read',
  'GET /api/v1/rings/findings/:id': 'rings:read',
  'GET /api/v1/rings/accounts/:id': 'rings:read',
  'POST /api/v1/rings/mine': 'rings:mine',
  'GET /api/v1/rings/runs': 'rings:read',
  'GET /api/v1/rings/params': 'rings:read',
  'PUT /api/v1/rings/params': 'rings:configure',
  'GET /api/v1/rings/known-bad': 'rings:read',
  'POST /api/v1/rings/known-bad': 'rings:flag',
  'DELETE /api/v1/rings/known-bad/:accountId': 'rings:flag',
  // dashboard
  'GET /api/v1/dashboard/summary': 'dashboard:read',
  'GET /api/v1/dashboard/scenario-hits': 'scenarios:read',
};
