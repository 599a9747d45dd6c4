import type { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { App } from '../../app.js';
import { RegisterSystemSchema, ScanRequestSchema } from '../../discovery/discovery.schemas.js';
import type { ScanProgress } from '../../discovery/scan/scanner.js';
import { CustosError } from '../../lib/errors.js';
import { redactUrl } from '../../lib/urls.js';
import type { ApiClient } from '../client.js';
import { action, CLI_ACTOR, parseIntOption, validated, withStoreOrServer } from '../context.js';
import { createProgress, printJson, printTable, say } from '../output.js';

type System = Awaited<ReturnType<App['systems']['listSystems']>>[number];
type Scan = Awaited<ReturnType<App['discovery']['getScan']>>;
type Finding = Awaited<ReturnType<App['discovery']['listFindings']>>[number];
type Drift = Awaited<ReturnType<App['datamap']['listDrift']>>[number];
type ScanRequest = z.output<typeof ScanRequestSchema>;

/** What the systems commands ask of Custos, answered by the store in this process or by a server. */
interface Systems {
  list(): Promise<System[]>;
  /** Registers without scanning; fails if the name is taken. */
  register(input: z.output<typeof RegisterSystemSchema>): Promise<System>;
  /** Scans now and answers when the scan has ended. */
  scan(systemId: string, request: ScanRequest, onProgress: (p: ScanProgress) => void): Promise<Scan>;
  findings(systemId: string): Promise<Finding[]>;
  drift(systemId: string): Promise<Drift[]>;
}

function localSystems(app: App): Systems {
  const context = { actor: CLI_ACTOR() };
  return {
    list: () => app.systems.listSystems(),
    register: async (input) => {
      const { engineOf, openConnector } = await import('../../discovery/connectors/open.js');
      // Check it can be reached before keeping it: a typo should fail now, not in a job later.
      await (await openConnector(input.url)).close();
      return app.systems.upsertSystem(context, { name: input.name, description: input.description, engine: engineOf(input.url), connection: redactUrl(input.url), target: input.url, origin: 'user' }, { ifExists: 'fail' });
    },
    scan: async (systemId, request, onProgress) => {
      const scan = await app.discovery.requestScan(context, systemId, request, { enqueue: false });
      return app.discovery.runScan(scan.id, { onProgress });
    },
    findings: (systemId) => app.discovery.listFindings({ systemId, limit: 1000 }),
    drift: (systemId) => app.datamap.listDrift({ systemId }),
  };
}

const SCAN_ENDED = new Set(['completed', 'failed', 'cancelled']);

/**
 * The same through the API: the server's job workers scan, and the CLI follows the scan's
 * progress until it ends. The server checks a path target against its CUSTOS_DISCOVERY_FILE_ROOTS.
 */
function remoteSystems(api: ApiClient): Systems {
  return {
    list: async () => (await api.get<{ systems: System[] }>('/api/systems')).systems,
    register: async (input) => (await api.post<{ system: System }>('/api/systems', { ...input, scan: false })).system,
    scan: async (systemId, request, onProgress) => {
      let { scan } = await api.post<{ scan: Scan }>(`/api/systems/${systemId}/scans`, request);
      while (!SCAN_ENDED.has(scan.status)) {
        await sleep(1000);
        ({ scan } = await api.get<{ scan: Scan }>(`/api/scans/${scan.id}`));
        const { tablesDone, tablesTotal } = (scan.progress ?? {}) as Partial<ScanProgress>;
        if (tablesDone !== undefined && tablesTotal) onProgress({ tablesDone, tablesTotal });
      }
      return scan;
    },
    findings: async (systemId) => (await api.get<{ findings: Finding[] }>('/api/findings', { systemId, limit: 1000 })).findings,
    drift: async (systemId) => (await api.get<{ drift: Drift[] }>('/api/drift', { systemId })).drift,
  };
}

/** The one choice each systems command makes: the server given by --server, else the local store. */
function withSystems<T>(command: Command, fn: (systems: Systems) => Promise<T>): Promise<T> {
  return withStoreOrServer(command, { local: localSystems, remote: remoteSystems }, fn);
}

async function systemNamed(systems: Systems, name: string): Promise<System> {
  const system = (await systems.list()).find((s) => s.name === name);
  if (!system) throw new CustosError('NOT_FOUND', `no system named ${name} (see custos systems list)`);
  return system;
}

/** Scans a system now, with a progress bar, and prints what it found. */
async function scanNow(systems: Systems, systemId: string, request: ScanRequest, json: boolean): Promise<number> {
  const progress = createProgress(!json);
  const result = await systems.scan(systemId, request, (p) => progress.update(p.tablesDone, p.tablesTotal, 'tables')).finally(() => progress.stop());
  const findings = await systems.findings(systemId);
  const drift = (await systems.drift(systemId)).filter((d) => d.scanId === result.id);
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
  const systems = program.command('systems').description('connected systems: register, list, scan (also against a server: --server)');

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
        return withSystems(command, async (systems) => {
          const system = await systems.register(input);
          if (!options.json) say(`registered ${system.name} (${system.engine}, ${system.connection})`);
          if (!input.scan) {
            if (options.json) printJson({ system });
            return 0;
          }
          return scanNow(systems, system.id, {}, options.json ?? false);
        });
      }, { server: true }),
    );

  systems
    .command('list')
    .description('list connected systems')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }, command: Command) =>
        withSystems(command, async (systems) => {
          const list = await systems.list();
          if (options.json) printJson({ systems: list });
          else printTable(list, ['name', 'engine', 'connection', 'origin', 'scannable']);
        }),
      { server: true }),
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
        return withSystems(command, async (systems) => scanNow(systems, (await systemNamed(systems, name)).id, request, options.json ?? false));
      }, { server: true }),
    );
}
