import { Command } from 'commander';
import { registerServeCommand } from './serve.command.ts';
import { registerAuditCommand } from './audit.command.ts';
import { registerUserCommand } from './user.command.ts';
import { registerKeysCommand } from './keys.command.ts';
import { registerIngestCommand } from './ingest.command.ts';
import { registerQuarantineCommand } from './quarantine.command.ts';
import { registerDemoCommand } from './demo.command.ts';
import { registerStreamCommand } from './stream.command.ts';
import { registerGraphCommand } from './graph.command.ts';
import { registerBacktestCommand } from './backtest.command.ts';
import { registerReferenceCommand } from './reference.command.ts';
import { registerBackupCommand } from './backup.command.ts';

/** The `outpost` command line. Each subcommand lives in its own `*.command.ts` file. */
const program = new Command()
  .name('outpost')
  .description('Outpost (前哨): bank security and financial-crime early warning')
  .version('0.1.0');

registerServeCommand(program);
registerAuditCommand(program);
registerUserCommand(program);
registerKeysCommand(program);
registerIngestCommand(program);
registerReferenceCommand(program);
registerQuarantineCommand(program);
registerDemoCommand(program);
registerStreamCommand(program);
registerGraphCommand(program);
registerBacktestCommand(program);
registerBackupCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${formatCliError(err)}\n`);
  process.exit(1);
});

function formatCliError(err: unknown): string {
  if (err && typeof err === 'object' && 'kind' in err && 'details' in err) {
    const e = err as unknown as { message: string; details: Array<{ path?: string; message: string }> };
    return [`error: ${e.message}`, ...e.details.map((d) => `  ${d.path ? `${d.path}: ` : ''}${d.message}`)].join('\n');
  }
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}
