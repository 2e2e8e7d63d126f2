import { PERMISSIONS, type Permission } from '../domain/permissions.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Built-in roles. Read-only roles (auditor, regulator) are derived from the permission list, so a
 * new `*:read` permission reaches them without an edit here; working roles list what they need.
 * A module that adds a permission adds it to the working roles that use it.
 */
export const BUILT_IN_ROLES = [
  'system_admin', 'security_admin', 'auditor', 'analyst', 'reviewer', 'rule_owner',
  'branch_security_officer', 'security_manager', 'regulator',
] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const READS = PERMISSIONS.filter((p) => p.endsWith(':read'));
const readsExcept = (...excluded: Permission[]) => READS.filter((p) => !excluded.includes(p));

const ANALYST_READS: Permission[] = [
  'dashboard:read', 'transactions:read', 'customers:read', 'customers:pii', 'quarantine:read', 'dq:read',
  'scenarios:read', 'rings:read',
];

export const BUILT_IN_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  // 系统管理员: configuration and accounts' technical settings; no customer data.
  system_admin: ['system:configure', 'users:manage', 'users:read', 'dashboard:read', 'dq:read', 'dq:configure'],
  // 安全管理员: assigns roles and permissions (to users and API keys); no business data.
  security_admin: ['roles:assign', 'apikeys:manage', 'users:read'],
  // 审计员: reads everything including the audit log, changes nothing; personal data stays masked.
  auditor: [...READS, 'audit:export'],
  analyst: [...ANALYST_READS, 'transactions:ingest', 'quarantine:resolve', 'rings:mine', 'rings:flag'],
  reviewer: [...ANALYST_READS],
  rule_owner: ['dashboard:read', 'transactions:read', 'dq:read', 'scenarios:read', 'scenarios:write', 'scenarios:activate', 'rings:read', 'rings:configure'],
  branch_security_officer: ['dashboard:read', 'transactions:read', 'customers:read'],
  security_manager: ['dashboard:read', 'transactions:read', 'customers:read', 'quarantine:read', 'dq:read', 'scenarios:read', 'rings:read'],
  // 监管 (read-only): business data, masked; not the platform's own accounts or audit log.
  regulator: readsExcept('audit:read', 'users:read'),
};

export const ROLE_LABELS: Record<BuiltInRole, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计员', en: 'Auditor' },
  analyst: { zh: '监测分析员', en: 'Monitoring analyst' },
  reviewer: { zh: '复核员', en: 'Reviewer' },
  rule_owner: { zh: '规则管理员', en: 'Rule owner' },
  branch_security_officer: { zh: '网点安全员', en: 'Branch security officer' },
  security_manager: { zh: '安全保卫部经理', en: 'Security department manager' },
  regulator: { zh: '监管只读', en: 'Regulator (read-only)' },
};

export function isBuiltInRole(name: string): name is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(name);
}

export function isPermission(p: string): p is Permission {
  return (PERMISSIONS as readonly string[]).includes(p);
}

/**
 * Separation of duties (三权分立): administration of the system must not sit with security
 * administration or audit in one account. Checked on permissions, so custom roles cannot bypass it.
 */
const ADMIN_DUTIES: readonly Permission[] = ['system:configure', 'users:manage'];
const SECURITY_DUTIES: readonly Permission[] = ['roles:assign', 'apikeys:manage'];
const AUDIT_DUTIES: readonly Permission[] = ['audit:read', 'audit:export'];

/** Accounts holding any administrative or audit duty: their credentials are not reset through the API. */
export function isPrivileged(perms: ReadonlySet<Permission>): boolean {
  return [...ADMIN_DUTIES, ...SECURITY_DUTIES, ...AUDIT_DUTIES].some((p) => perms.has(p));
}

export function separationViolation(perms: ReadonlySet<Permission>): string | null {
  const has = (list: readonly Permission[]) => list.some((p) => perms.has(p));
  if (!has(ADMIN_DUTIES)) return null;
  if (has(SECURITY_DUTIES)) return 'security administration';
  if (has(AUDIT_DUTIES)) return 'audit';
  return null;
}

export function assertSeparation(perms: ReadonlySet<Permission>, who: string): void {
  const other = separationViolation(perms);
  if (other) {
    throw new AppError('conflict',
      `${who} may not hold system administration together with ${other} (separation of duties / 三权分立: 系统管理员不得兼任${other === 'audit' ? '审计员' : '安全管理员'})`,
      [{ path: 'roles', message: `system administration conflicts with ${other}` }], 'separation_of_duties');
  }
}
