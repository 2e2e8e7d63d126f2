import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import type { Permission } from '../domain/permissions.ts';
import { NOT_FOR_KEYS } from './api-keys.service.ts';
import type { AuthServices } from './auth.services.ts';
import { BUILT_IN_PERMISSIONS, type BuiltInRole } from './roles.ts';
import type { Tx } from './users.repository.ts';

export const DEMO_INSTITUTION = 'inst_demo';

/**
 * First start: the three separated administrator accounts (三员: admin = system administrator,
 * secadmin = security administrator, auditor), plus a demo analyst when demo data is on, and the
 * operator's bootstrap API key. Idempotent: runs at init and again at start (demo data may arrive
 * in between); it creates accounts only while there are none, and the key only if not registered.
 */
export async function bootstrap(db: Tx, config: Config, s: AuthServices, out: { print(line: string): void; warn(line: string): void }): Promise<void> {
  if ((await s.usersRepo.count(db)) === 0) {
    const inst = (await s.usersRepo.institutionExists(db, DEMO_INSTITUTION)) ? DEMO_INSTITUTION : (await s.usersRepo.firstInstitution(db))?.id;
    if (!inst) {
      out.warn('no institution exists yet: the administrator accounts will be created once one does (next start)');
    } else {
      const generated = config.adminPassword === undefined;
      const password = config.adminPassword ?? `Op-${randomBytes(15).toString('base64url')}`;
      const accounts: Array<[string, string, BuiltInRole[]]> = [
        ['admin', 'System administrator / 系统管理员', ['system_admin']],
        ['secadmin', 'Security administrator / 安全管理员', ['security_admin']],
        ['auditor', 'Auditor / 审计员', ['auditor']],
      ];
      if (config.demo === 'auto') accounts.push(['analyst', 'Demo analyst / 演示分析员', ['analyst', 'rule_owner']]);
      for (const [username, displayName, roles] of accounts) {
        // The bootstrap password is the operator's choice (checked for length by the config); skip the policy.
        const u = await s.users.create(SYSTEM_ACTOR, { username, displayName, password, institutionId: inst, branchId: null }, { skipPolicy: true });
        await s.roles.setUserRoles({ actor: SYSTEM_ACTOR, scope: { institutionId: inst, branchIds: null } }, u.id, roles);
      }
      const names = accounts.map((a) => a[0]).join(', ');
      if (generated) out.print(`Created accounts ${names} in ${inst} with the one-time password: ${password}\nChange it after the first sign-in; it is not shown again.`);
      else out.print(`Created accounts ${names} in ${inst} with the password from OUTPOST_ADMIN_PASSWORD.`);
    }
  }
  if (config.bootstrapApiKey && !(await s.keys.isRegistered(config.bootstrapApiKey))) {
    if (!(await s.usersRepo.institutionExists(db, DEMO_INSTITUTION))) {
      out.warn(`OUTPOST_BOOTSTRAP_API_KEY is set but institution ${DEMO_INSTITUTION} does not exist yet: key not registered (retried at next start)`);
      return;
    }
    const permissions = [...new Set<Permission>(['transactions:ingest', 'reference:write', ...BUILT_IN_PERMISSIONS.analyst])].filter((p) => !NOT_FOR_KEYS.includes(p));
    await s.keys.create(SYSTEM_ACTOR, { name: 'bootstrap service key (OUTPOST_BOOTSTRAP_API_KEY)', permissions, institutionId: DEMO_INSTITUTION }, config.bootstrapApiKey);
    out.print(`Registered the bootstrap API key for ${DEMO_INSTITUTION}.`);
  }
}
