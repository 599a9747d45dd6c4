import type { Command } from 'commander';
import type { App } from '../../app.js';
import { RegisterSystemSchema, ScanRequestSchema } from '../../discovery/discovery.schemas.js';
import { CustosError } from '../../lib/errors.js';
import { redactUrl } from '../../lib/urls.js';
import { action, CLI_ACTOR, parseIntOption, validated, withApp } from '../context.js';
import { createProgress, printJson, printTable, say } from '../output.js';

async function systemNamed(app: App, name: string) {
  const system = await app.systems.findSystemByName(name);
  if (!system) throw new CustosError('NOT_FOUND', `no system named ${name} (see custos systems list)`);
  return system;
}

/** Runs a scan in this process, with a progress bar, and prints what it found. */
async function scanNow(app: App, systemId: string, request: { sampleSize?: number; full?: boolean; incremental?: boolean }, json: boolean): Promise<number> {
  const scan = await app.discovery.requestScan({ actor: CLI_ACTOR() }, systemId, request, { enqueue: false });
  const progress = createProgress(!json);
  const result = await app.discovery.runScan(scan.id, { onProgress: (p) => progress.update(p.tablesDone, p.tablesTotal, 'tables') }).finally(() => progress.stop());
  const findings = await app.discovery.listFindings({ systemId, limit: 1000 });
  const drift = (await app.datamap.listDrift({ systemId })).filter((d) => d.scanId === scan.id);
  if (json) printJson({ scan: result, findings, drift });
  else {
    printTable(
      findings.map((f) => ({ ...f, confidence: f.confidence.toFixed(2) })),
      ['schema', 'table', 'column', 'entity', 'category', 'level', 'confidence', 'status'],
    );
    say(`scan ${result.status}: ${JSON.stringify(result.summary)}`);
    for (const table of result.tables.filter((t) => t.error)) say(`  could not read ${table.schema}.${table.table}: ${table.error}`);
    if (result.error) say(`  ${result.error}`);
    if (drift.length) say(`${drift.length} drift finding${drift.length === 1 ? '' : 's'} recorded (custos map drift): ${drift.map((d) => `${d.kind} ${d.table}${d.column ? `.${d.column}` : ''}`).join('; ')}`);
  }
  return result.status === 'completed' ? 0 : result.status === 'cancelled' ? 75 : 69;
}

export function registerSystemsCommand(program: Command): void {
  const systems = program.command('systems').description('connected systems: register, list, scan');

  systems
    .command('add <name>')
    .description('register a system (its connection is stored sealed) and scan it')
    .requiredOption('--url <url>', 'postgres://…, mysql://…, a SQLite file, a PGlite data folder, or a folder of files')
    .option('--description <text>', 'what the system is')
    .option('--no-scan', 'register only')
    .option('--json', 'print JSON')
    .action(
      action(async (name: string, options: { url: string; description?: string; scan: boolean; json?: boolean }, command: Command) => {
        const input = validated(RegisterSystemSchema, 'system', { name, url: options.url, description: options.description ?? '', scan: options.scan });
        return withApp(command, async (app) => {
          const { engineOf, openConnector } = await import('../../discovery/connectors/open.js');
          // Check it can be reached before keeping it: a typo should fail now, not in a job later.
          await (await openConnector(input.url)).close();
          const system = await app.systems.upsertSystem(
            { actor: CLI_ACTOR() },
            { name: input.name, description: input.description, engine: engineOf(input.url), connection: redactUrl(input.url), target: input.url, origin: 'user' },
            { ifExists: 'fail' },
          );
          if (!options.json) say(`registered ${system.name} (${system.engine}, ${system.connection})`);
          if (!input.scan) {
            if (options.json) printJson({ system });
            return 0;
          }
          return scanNow(app, system.id, {}, options.json ?? false);
        });
      }),
    );

  systems
    .command('list')
    .description('list connected systems')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const list = await app.systems.listSystems();
          if (options.json) printJson({ systems: list });
          else printTable(list, ['name', 'engine', 'connection', 'origin', 'scannable']);
        }),
      ),
    );

  systems
    .command('scan <name>')
    .description('scan a registered system now (incremental: only tables changed since the last scan)')
    .option('--sample <n>', 'rows sampled per table (default 1000)', parseIntOption('--sample', 1, 1_000_000))
    .option('--full', 'read every row, and every table')
    .option('--all-tables', 'scan every table, changed or not')
    .option('--json', 'print JSON')
    .action(
      action(async (name: string, options: { sample?: number; full?: boolean; allTables?: boolean; json?: boolean }, command: Command) => {
        const request = validated(ScanRequestSchema, 'scan', { ...(options.sample ? { sampleSize: options.sample } : {}), ...(options.full ? { full: true } : {}), ...(options.allTables ? { incremental: false } : {}) });
        return withApp(command, async (app) => scanNow(app, (await systemNamed(app, name)).id, request, options.json ?? false));
      }),
    );
}
