import type { Command } from 'commander';
import { getService } from '../app/container.ts';
import { SYSTEM_ACTOR } from '../audit/audit.types.ts';
import type { AuthServices } from '../auth/auth.services.ts';
import { DEMO_INSTITUTION } from '../auth/bootstrap.ts';
import { withContainer } from './context.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

/** Operator commands for accounts (run on the server with database access; audited as `system`). */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('accounts and their roles');

  user
    .command('create <username>')
    .description('create an account (the password must meet the policy)')
    .requiredOption('--password <password>', 'initial password')
    .option('--name <displayName>', 'display name')
    .option('--institution <id>', 'institution', DEMO_INSTITUTION)
    .option('--branch <id>', 'branch (omit for head office)')
    .option('--role <role>', 'role to grant (repeatable)', collect, [])
    .action(async (username: string, o: { password: string; name?: string; institution: string; branch?: string; role: string[] }) => {
      await withContainer(async (c) => {
        const s = getService<AuthServices>(c, 'auth');
        const u = await s.users.create(SYSTEM_ACTOR, { username, displayName: o.name ?? username, password: o.password, institutionId: o.institution, branchId: o.branch ?? null });
        if (o.role.length) await s.roles.setUserRoles({ actor: SYSTEM_ACTOR, scope: { institutionId: o.institution, branchIds: null } }, u.id, o.role);
        process.stdout.write(`created ${u.username} (${u.id})${o.role.length ? ` with roles ${o.role.join(', ')}` : ''}\n`);
      });
    });

  user
    .command('roles <username>')
    .description("replace a user's roles (separation of duties enforced)")
    .option('--role <role>', 'role (repeatable; none removes all)', collect, [])
    .action(async (username: string, o: { role: string[] }) => {
      await withContainer(async (c) => {
        const s = getService<AuthServices>(c, 'auth');
        const row = await s.usersRepo.byUsername(c.database.db, username);
        if (!row) throw new Error(`no user ${username}`);
        const roles = await s.roles.setUserRoles({ actor: SYSTEM_ACTOR, scope: { institutionId: row.institution_id, branchIds: null } }, row.id, o.role);
        process.stdout.write(`${username}: ${roles.join(', ') || '(no roles)'}\n`);
      });
    });

  user
    .command('unlock <username>')
    .description('unlock an account locked by failed sign-ins')
    .action(async (username: string) => {
      await withContainer(async (c) => {
        const s = getService<AuthServices>(c, 'auth');
        const row = await s.usersRepo.byUsername(c.database.db, username);
        if (!row) throw new Error(`no user ${username}`);
        await s.users.unlock({ actor: SYSTEM_ACTOR, scope: { institutionId: row.institution_id, branchIds: null }, permissions: new Set(), roles: [], via: 'session' }, row.id);
        process.stdout.write(`unlocked ${username}\n`);
      });
    });

  user
    .command('reset-password <username>')
    .description('set a new password for any account, administrators included (ends its sessions, unlocks it)')
    .requiredOption('--password <password>', 'new password (must meet the policy)')
    .action(async (username: string, o: { password: string }) => {
      await withContainer(async (c) => {
        const s = getService<AuthServices>(c, 'auth');
        const row = await s.usersRepo.byUsername(c.database.db, username);
        if (!row) throw new Error(`no user ${username}`);
        await s.users.resetPassword({ actor: SYSTEM_ACTOR, scope: { institutionId: row.institution_id, branchIds: null }, permissions: new Set(), roles: [], via: 'session' }, row.id, o.password, { operator: true });
        process.stdout.write(`password of ${username} reset\n`);
      });
    });

  user
    .command('list')
    .description('list accounts of an institution')
    .option('--institution <id>', 'institution', DEMO_INSTITUTION)
    .action(async (o: { institution: string }) => {
      await withContainer(async (c) => {
        const s = getService<AuthServices>(c, 'auth');
        const users = await s.users.list({ actor: SYSTEM_ACTOR, scope: { institutionId: o.institution, branchIds: null }, permissions: new Set(), roles: [], via: 'session' });
        for (const u of users) process.stdout.write(`${u.username}\t${u.status}\t${u.branchId ?? 'head office'}\t${u.roles.join(',')}\n`);
      });
    });
}
