import type { Command } from 'commander';
import { demoDataDir } from '../../app.js';
import { parseDemoTarget } from '../../demo/index.js';
import { provisionDemoSystem } from '../../systems/demo-system.js';
import { action, CLI_ACTOR, parseIntOption, withApp } from '../context.js';
import { createProgress, printJson, printTable, say } from '../output.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('provision the demo company database (an online shop) and register it as a connected system')
    .option('--target <url>', 'postgres://… or mysql://… to create it in (default: an embedded database in the data directory)')
    .option('--people <n>', 'how many customers to generate', parseIntOption('--people', 10, 200_000))
    .option('--reset', 'drop and recreate the demo tables if they exist')
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (options: { target?: string; people?: number; reset?: boolean; json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const target = options.target ? parseDemoTarget(options.target) : { kind: 'pglite' as const, dataDir: demoDataDir(app.config) };
          const progress = createProgress(!options.json);
          const { summary, system } = await provisionDemoSystem(app, { actor: CLI_ACTOR() }, target, {
            people: options.people ?? app.config.demo.people,
            reset: options.reset ?? false,
            onProgress: (p) => progress.update(p.done, p.total, p.phase),
          }).finally(() => progress.stop());
          if (options.json) return printJson({ system, summary });
          say(`demo system "${system.name}" ${summary.status} at ${system.connection}`);
          printTable(summary.tables, ['name', 'rows']);
        }),
      ),
    );
}
