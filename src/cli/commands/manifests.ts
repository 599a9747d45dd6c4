/**
 * Privacy as code: `custos export --dir privacy/` writes the map as YAML manifests, `custos apply
 * --dir privacy/` syncs them (idempotent, `--dry-run` shows the plan), and Fides dataset YAML
 * imports and exports.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CustosError } from '../../lib/errors.js';
import { action, CLI_ACTOR, withApp } from '../context.js';
import { printJson, say } from '../output.js';

export function registerManifestCommands(program: Command): void {
  program
    .command('export')
    .description('write the data map as YAML manifests (organisation, taxonomy extensions, systems with tables and references, activities)')
    .requiredOption('--dir <dir>', 'the manifest folder, e.g. privacy/')
    .option('--fides-dataset <system>', 'instead, write one system as a Fides dataset YAML into the folder')
    .option('--fides-systems', 'instead, write the systems and their activities as a Fides system YAML into the folder')
    .action(
      action(async (options: { dir: string; fidesDataset?: string; fidesSystems?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          if (options.fidesSystems) {
            const file = path.join(options.dir, 'fides-systems.yaml');
            writeFileSync(file, await app.manifests.exportFidesSystem());
            say(`wrote ${file}`);
            return;
          }
          if (options.fidesDataset) {
            const file = path.join(options.dir, `${options.fidesDataset}.fides-dataset.yaml`);
            writeFileSync(file, await app.manifests.exportFidesDataset(options.fidesDataset));
            say(`wrote ${file}`);
            return;
          }
          const { written, removed } = await app.manifests.exportTo(options.dir);
          say(`wrote ${written.length} manifest${written.length === 1 ? '' : 's'} to ${path.resolve(options.dir)}${removed.length ? `; removed ${removed.length} stale: ${removed.join(', ')}` : ''}`);
        }),
      ),
    );

  program
    .command('apply')
    .description('sync the data map with a manifest folder: prints the plan, applies it in one transaction (idempotent)')
    .requiredOption('--dir <dir>', 'the manifest folder, e.g. privacy/')
    .option('--dry-run', 'print the plan and check it, change nothing')
    .option('--prune', 'also delete what the manifests manage but no longer list (never scanned data)')
    .option('--json', 'print the changes as JSON')
    .action(
      action(async (options: { dir: string; dryRun?: boolean; prune?: boolean; json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const result = await app.manifests.applyDir({ actor: CLI_ACTOR() }, options.dir, { dryRun: options.dryRun ?? false, prune: options.prune ?? false });
          if (options.json) printJson({ dryRun: options.dryRun ?? false, applied: result.applied, changes: result.changes });
          else process.stdout.write(`${result.text}\n`);
          say(options.dryRun ? `dry run: ${result.changes.length} change${result.changes.length === 1 ? '' : 's'} would be applied` : `applied ${result.applied} change${result.applied === 1 ? '' : 's'}`);
        }),
      ),
    );

  program
    .command('import-fides <file>')
    .description('import Fides YAML: a dataset (fields, categories, identities, references of one system) or, with --systems, system manifests (privacy declarations become activities)')
    .option('--system <name>', 'for a dataset: the system it describes (created without a connection if unknown)')
    .option('--systems', 'the file holds Fides system manifests')
    .option('--schema <schema>', 'schema when the dataset has no namespace (default public)')
    .option('--dry-run', 'print the plan, change nothing')
    .action(
      action(async (file: string, options: { system?: string; systems?: boolean; schema?: string; dryRun?: boolean }, command: Command) => {
        if (!existsSync(file)) throw new CustosError('NOT_FOUND', `no file at ${file}`);
        if (!options.systems && !options.system) throw new CustosError('VALIDATION_FAILED', 'name the system the dataset describes with --system NAME, or pass --systems for Fides system manifests');
        const text = readFileSync(file, 'utf8');
        return withApp(command, async (app) => {
          const result = options.systems
            ? await app.manifests.importFidesSystem({ actor: CLI_ACTOR() }, text, { file, ...(options.dryRun ? { dryRun: true } : {}) })
            : await app.manifests.importFidesDataset({ actor: CLI_ACTOR() }, text, { system: options.system!, file, ...(options.schema ? { schema: options.schema } : {}), ...(options.dryRun ? { dryRun: true } : {}) });
          process.stdout.write(`${result.text}\n`);
          for (const warning of result.warnings) say(`warning: ${warning}`);
          say(options.dryRun ? `dry run: ${result.changes.length} changes would be applied` : `applied ${result.applied} changes`);
        });
      }),
    );
}
