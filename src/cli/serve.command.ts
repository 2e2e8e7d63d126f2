import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { startProcess } from '../app/startup.ts';
import { MODULES } from '../app/modules.ts';
import { buildApp } from '../http/app.ts';
import { ensureWebBuild } from '../../web/scripts/ensure-web-build.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (API under /api/v1, web app at /)')
    .action(async () => {
      const config = loadConfig();
      const c = await startProcess({
        config, modules: MODULES,
        onWait: (holder) => process.stdout.write(`Waiting for ${holder} to finish starting on the same database...\n`),
      });
      await ensureWebBuild((line) => process.stdout.write(`${line}\n`));
      const app = await buildApp(c, MODULES, { logger: true });
      const shutdown = async (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        await app.close();
        await c.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      const db = c.database.dialect === 'sqlite' ? config.sqlitePath : 'PostgreSQL';
      process.stdout.write(`Outpost listening on http://localhost:${config.port} (database: ${db})\n`);
    });
}
