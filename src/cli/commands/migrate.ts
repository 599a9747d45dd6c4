import type { Command } from 'commander';
import { migrationStatus } from '../../db/migrator.js';
import { action, withApp } from '../context.js';
import { printJson, say } from '../output.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations to the store (serve does this too)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          // createApp has already migrated; report what that did and where things stand.
          const status = await migrationStatus(app.store.db);
          if (options.json) printJson({ store: app.store.kind, appliedNow: app.appliedMigrations, applied: status.applied, pending: status.pending });
          else say(`${app.store.location}: ${app.appliedMigrations.length} migrations applied now, ${status.applied.length} in total, ${status.pending.length} pending`);
        }),
      ),
    );
}
