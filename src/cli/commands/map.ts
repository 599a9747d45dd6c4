/**
 * The data map from the terminal: `custos map show|drift`, the CI gate `custos check`, and
 * `custos report`. All read the live map in the store (embedded, or CUSTOS_DATABASE_URL).
 */
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { toSarif } from '../../datamap/check.js';
import { CustosError } from '../../lib/errors.js';
import { packageVersion } from '../../lib/package-root.js';
import { REPORT_FORMATS, REPORT_KINDS, reportFormats, type ReportFormat, type ReportKind } from '../../reports/index.js';
import { action, withApp } from '../context.js';
import { printJson, printTable, say } from '../output.js';

export function registerMapCommand(program: Command): void {
  const map = program.command('map').description('the data map: what personal data, where, reached how, and what changed');

  map
    .command('show')
    .description('every personal-data field with its category and level, table reachability, and where each category lives')
    .option('--json', 'print JSON')
    .option('--strict-references', 'follow only introspected and declared references, never inferred ones')
    .action(
      action(async (options: { json?: boolean; strictReferences?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const view = await app.datamap.view({ strictReferences: options.strictReferences ?? false });
          if (options.json) return printJson({ map: view });
          const rows = view.systems.flatMap((s) =>
            s.tables.flatMap((t) => t.fields.map((f) => ({ system: s.name, table: t.schema ? `${t.schema}.${t.table}` : t.table, column: f.column, category: f.category, level: f.level, identity: f.identity, provenance: f.provenance, reachable: t.reachable ? 'yes' : 'NO' }))),
          );
          printTable(rows, ['system', 'table', 'column', 'category', 'level', 'identity', 'provenance', 'reachable']);
          say(`${rows.length} personal-data fields in ${view.systems.length} systems; ${view.unreachable.length} tables with personal data no identity reaches; ${view.referencesForReview} inferred references waiting for review`);
        }),
      ),
    );

  map
    .command('drift')
    .description('drift found by re-scans (open by default): new tables, new personal-data columns, new categories')
    .option('--all', 'include acknowledged and resolved drift')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { all?: boolean; json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const drift = await app.datamap.listDrift({ status: options.all ? 'all' : 'open' });
          if (options.json) return printJson({ drift });
          printTable(
            drift.map((d) => ({ ...d, where: `${d.system}:${d.schema ? `${d.schema}.` : ''}${d.table}${d.column ? `.${d.column}` : ''}`, activities: d.affectedActivities.join(',') || '-', at: d.createdAt.slice(0, 19) })),
            ['kind', 'where', 'category', 'level', 'activities', 'status', 'at'],
          );
          say(`${drift.length} ${options.all ? '' : 'open '}drift finding${drift.length === 1 ? '' : 's'}`);
        }),
      ),
    );

  program
    .command('check')
    .description('CI gate: fails when personal data lacks a category, a category an activity, an activity a legal basis or retention, special data a DPIA, a transfer a mechanism, or a table an identity path')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--out <file>', 'write the JSON/SARIF result to a file instead of stdout')
    .option('--strict', 'warnings fail the gate too')
    .option('--strict-references', 'follow only introspected and declared references, never inferred ones')
    .option('--manifest-dir <dir>', 'where the manifests live, for file locations in SARIF', 'privacy')
    .action(
      action(async (options: { format: string; out?: string; strict?: boolean; strictReferences?: boolean; manifestDir: string }, command: Command) => {
        if (!['text', 'json', 'sarif'].includes(options.format)) throw new CustosError('VALIDATION_FAILED', `--format must be text, json or sarif, not ${options.format}`);
        return withApp(command, async (app) => {
          const result = await app.datamap.check({ strict: options.strict ?? false, strictReferences: options.strictReferences ?? false });
          const body = options.format === 'sarif' ? toSarif(result, { version: packageVersion(), manifestDir: options.manifestDir }) : options.format === 'json' ? result : null;
          if (body && options.out) writeFileSync(options.out, `${JSON.stringify(body, null, 2)}\n`);
          else if (body) printJson(body);
          if (options.format === 'text' || options.out) {
            for (const v of result.violations) say(`${v.severity === 'error' ? 'error  ' : 'warning'} ${v.rule}: ${v.message}${v.file ? ` (${options.manifestDir}/${v.file})` : ''}`);
            say(result.ok ? `custos check passed (${result.warnings} warning${result.warnings === 1 ? '' : 's'})` : `custos check failed: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`);
          }
          return result.ok ? 0 : 1;
        });
      }),
    );

  program
    .command('report <kind>')
    .description(`a report from the live map: ${REPORT_KINDS.join(', ')}`)
    .requiredOption('--format <format>', REPORT_FORMATS.join(', '))
    .requiredOption('--out <file>', 'where to write it')
    .option('--jurisdiction <id>', 'for notice: GDPR, UK_GDPR, PIPL, CCPA …')
    .option('--force', 'overwrite an existing file')
    .action(
      action(async (kind: string, options: { format: string; out: string; jurisdiction?: string; force?: boolean }, command: Command) => {
        if (!(REPORT_KINDS as readonly string[]).includes(kind)) throw new CustosError('VALIDATION_FAILED', `unknown report ${kind}; choose one of ${REPORT_KINDS.join(', ')}`);
        const formats = reportFormats(kind as ReportKind);
        if (!(formats as readonly string[]).includes(options.format)) throw new CustosError('VALIDATION_FAILED', `${kind} is available as ${formats.join(', ')}, not ${options.format}`);
        if (existsSync(options.out) && !options.force) throw new CustosError('CONFLICT', `${options.out} exists; use --force to overwrite it`);
        return withApp(command, async (app) => {
          const file = await app.datamap.report(kind as ReportKind, options.format as ReportFormat, options.jurisdiction ? { jurisdiction: options.jurisdiction } : {});
          writeFileSync(options.out, file.body);
          say(`wrote ${path.resolve(options.out)} (${file.body.length} bytes)`);
        });
      }),
    );
}
