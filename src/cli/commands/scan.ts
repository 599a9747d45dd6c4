import type { Command } from 'commander';
import { action, parseIntOption } from '../context.js';
import { createProgress, printJson, printTable, say } from '../output.js';

export function registerScanCommand(program: Command): void {
  program
    .command('scan <target>')
    .description('one-off scan of a database or files for personal data (no server or store needed): postgres://…, mysql://…, a SQLite file, or a folder')
    .option('--sample <n>', 'rows sampled per table (default 1000)', parseIntOption('--sample', 1, 1_000_000))
    .option('--full', 'read every row instead of a sample')
    .option('--concurrency <n>', 'tables scanned at once (default 4)', parseIntOption('--concurrency', 1, 32))
    .option('--all', 'list clean columns too (entity null)')
    .option('--detectors <file>', 'YAML file of your own detectors, added to the built-in ones')
    .option('--json', 'print {"columns": [...], "errors": [...]}')
    .action(
      action(async (target: string, options: { sample?: number; full?: boolean; concurrency?: number; all?: boolean; detectors?: string; json?: boolean }) => {
        // Loaded on use: the detectors' dictionaries are not needed by other commands.
        const { openConnector } = await import('../../discovery/connectors/open.js');
        const { scanSource } = await import('../../discovery/scan/scanner.js');
        const { loadDetector } = await import('../../discovery/detect/load.js');
        const detector = loadDetector(options.detectors);
        const connector = await openConnector(target);
        const progress = createProgress(!options.json);
        try {
          const result = await scanSource(connector, {
            ...(options.sample ? { sampleSize: options.sample } : {}),
            full: options.full ?? false,
            detector,
            ...(options.concurrency ? { concurrency: options.concurrency } : {}),
            onProgress: (p) => progress.update(p.tablesDone, p.tablesTotal, 'tables'),
          });
          progress.stop();
          const columns = result.tables.flatMap((t) =>
            t.columns
              .filter((c) => options.all || c.entity)
              .map((c) => ({ schema: t.schema, table: t.table, column: c.column, entity: c.entity, category: c.category, level: c.level, confidence: c.confidence })),
          );
          if (options.json) {
            printJson({
              target: connector.location,
              columns,
              tables: result.tables.map((t) => ({ schema: t.schema, table: t.table, kind: t.kind, rowEstimate: t.rowEstimate, sampledRows: t.sampledRows, level: t.level })),
              errors: result.errors,
            });
          } else {
            printTable(columns, ['schema', 'table', 'column', 'entity', 'category', 'level', 'confidence']);
            say(`${columns.filter((c) => c.entity).length} personal-data columns in ${result.tables.length} tables of ${connector.location}`);
            for (const error of result.errors) say(`  could not read ${error.schema}.${error.table}: ${error.message}`);
          }
          return result.errors.length && !result.tables.length ? 69 : 0;
        } finally {
          progress.stop();
          await connector.close();
        }
      }),
    );
}
