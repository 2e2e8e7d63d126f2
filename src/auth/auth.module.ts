import type { Module } from '../app/module.ts';
import type { Container } from '../app/container.ts';
import { getService } from '../app/container.ts';
import { registerAuthHook } from './auth.plugin.ts';
import { authRoutes } from './auth.routes.ts';
import { usersRoutes } from './users.routes.ts';
import { apiKeysRoutes } from './api-keys.routes.ts';
import { createAuthServices, type AuthServices } from './auth.services.ts';
import { bootstrap } from './bootstrap.ts';

const runBootstrap = (c: Container) => bootstrap(c.database.db, c.config, getService<AuthServices>(c, 'auth'), {
  print: (line) => { if (c.config.logLevel !== 'silent') process.stdout.write(`${line}\n`); },
  warn: (line) => { if (c.config.logLevel !== 'silent') process.stderr.write(`warning: ${line}\n`); },
});

/**
 * Accounts, roles, sessions, API keys, and the authorisation hook on /api/v1. Must be listed right
 * after the platform module: its hook has to be in place before other modules add routes.
 */
export const authModule: Module = {
  name: 'auth',
  async init(c) {
    c.services.set('auth', createAuthServices(c));
    await runBootstrap(c);
  },
  routes(app, c) {
    const s = getService<AuthServices>(c, 'auth');
    registerAuthHook(app, s.auth, c.config.ingestRateLimitPerMinute);
    authRoutes(app, { auth: s.auth, users: s.users, config: c.config });
    usersRoutes(app, { users: s.users, roles: s.roles });
    apiKeysRoutes(app, { keys: s.keys });
  },
  async start(c) {
    await runBootstrap(c);
    const auth = getService<AuthServices>(c, 'auth').auth;
    const timer = setInterval(() => { auth.purgeExpiredSessions().catch(() => undefined); }, 3_600_000);
    timer.unref();
    c.onClose(() => clearInterval(timer));
  },
};
