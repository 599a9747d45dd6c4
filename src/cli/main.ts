/** The `custos` command line. Each command lives in commands/<name>.ts. */
import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from '../lib/package-root.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDetectCommand } from './commands/detect.js';
import { registerDsrCommand } from './commands/dsr.js';
import { registerHoldsCommand } from './commands/holds.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerMapCommand } from './commands/map.js';
import { registerManifestCommands } from './commands/manifests.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerScanCommand } from './commands/scan.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSystemsCommand } from './commands/systems.js';
import { registerUsersCommand } from './commands/users.js';
import { EXIT_USAGE, parseIntOption } from './context.js';

export function buildProgram(): Command {
  const program = new Command('custos')
    .description('Custos: personal information management. Runs against the embedded store in --data-dir, or PostgreSQL when CUSTOS_DATABASE_URL is set; dsr and systems commands also against a running server (--server, with the API key in CUSTOS_API_KEY).')
    .version(packageVersion())
    .option('--data-dir <dir>', 'data directory (CUSTOS_DATA_DIR; default ./.custos)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (CUSTOS_LOG_LEVEL)')
    .addOption(new Option('--server <url>', 'call this Custos server’s API instead of opening the store (dsr and systems commands)').env('CUSTOS_SERVER'))
    .addOption(new Option('--key <key>', 'API key for --server; prefer CUSTOS_API_KEY, which no process list shows').env('CUSTOS_API_KEY'))
    .option('--timeout <seconds>', 'how long one call to --server may take (default 30; dsr plan, run and export 300, the most)', parseIntOption('--timeout', 1, 300))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerUsersCommand(program);
  registerKeysCommand(program);
  registerAuditCommand(program);
  registerDemoCommand(program);
  registerSystemsCommand(program);
  registerScanCommand(program);
  registerDetectCommand(program);
  registerMapCommand(program);
  registerManifestCommands(program);
  registerDsrCommand(program);
  registerHoldsCommand(program);
  program.commands.forEach(function exitOverrideAll(command: Command) {
    command.exitOverride();
    command.commands.forEach(exitOverrideAll);
  });
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes with EX_USAGE.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runCli(process.argv);
}
