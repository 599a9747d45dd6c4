/**
 * The scan: list a source's tables, then for each (several at once) draw a sample pushed down to
 * the source, classify every column, grade the table. A table that cannot be read is recorded and
 * the scan goes on; a cancelled scan stops between batches; an incremental scan skips tables whose
 * fingerprint has not changed since the last scan.
 */
import type { Connector, SampleOptions, TableInfo } from '../connectors/connector.js';
import { tableLabel } from '../connectors/connector.js';
import { highestLevel } from '../grading/grading.js';
import { createColumnClassifier, type Detector } from './classify.js';
import type { TableFinding } from '../discovery.types.js';

export type { TableFinding };

export interface ScanError {
  schema: string;
  table: string;
  message: string;
}

export interface ScanProgress {
  tablesDone: number;
  tablesTotal: number;
  table?: string;
}

export interface ScanOptions {
  sampleSize?: number;
  full?: boolean;
  maxValueChars?: number;
  concurrency?: number;
  /** Fingerprints from the previous scan, by `schema.table`: unchanged tables are skipped. */
  previous?: Map<string, string>;
  /** Tables already done in an interrupted run of this scan (resume). */
  done?: Set<string>;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Called as each table finishes, so a job can persist results as it goes. */
  onTable?: (finding: TableFinding) => Promise<void> | void;
  onError?: (error: ScanError) => Promise<void> | void;
  /** The built-in detectors plus users' own (createDetector); the built-in ones alone by default. */
  detector?: Detector;
}

export interface ScanResult {
  tables: TableFinding[];
  errors: ScanError[];
  /** Tables skipped because they had not changed (incremental) or were done before (resume). */
  skipped: string[];
  /** Every table the source listed, scanned or not: what the source holds now. */
  listed: { schema: string; table: string }[];
  cancelled: boolean;
}

export const DEFAULT_SAMPLE_SIZE = 1000;

export async function scanSource(connector: Connector, options: ScanOptions = {}): Promise<ScanResult> {
  const sample: SampleOptions = { size: options.sampleSize ?? DEFAULT_SAMPLE_SIZE, full: options.full ?? false, maxValueChars: options.maxValueChars ?? 4096 };
  const all = await connector.listTables();
  const skipped: string[] = [];
  const todo = all.filter((table) => {
    const key = tableLabel(table);
    const unchanged = options.previous?.get(key) === table.fingerprint;
    if (options.done?.has(key) || unchanged) skipped.push(key);
    return !(options.done?.has(key) || unchanged);
  });
  const result: ScanResult = { tables: [], errors: [], skipped, listed: all.map((t) => ({ schema: t.schema, table: t.name })), cancelled: false };
  let done = 0;
  options.onProgress?.({ tablesDone: 0, tablesTotal: todo.length });
  const queue = [...todo];
  const worker = async () => {
    for (let table = queue.shift(); table; table = queue.shift()) {
      if (options.signal?.aborted) {
        result.cancelled = true;
        return;
      }
      try {
        const finding = await scanTable(connector, table, sample, options.signal, options.detector);
        result.tables.push(finding);
        await options.onTable?.(finding);
      } catch (err) {
        if (options.signal?.aborted) {
          result.cancelled = true;
          return;
        }
        const error = { schema: table.schema, table: table.name, message: describeError(err) };
        result.errors.push(error);
        await options.onError?.(error);
      }
      done += 1;
      options.onProgress?.({ tablesDone: done, tablesTotal: todo.length, table: tableLabel(table) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, todo.length)) }, worker));
  const order = new Map(all.map((t, i) => [tableLabel(t), i]));
  result.tables.sort((a, b) => order.get(tableLabel({ schema: a.schema, name: a.table }))! - order.get(tableLabel({ schema: b.schema, name: b.table }))!);
  return result;
}

export async function scanTable(connector: Connector, table: TableInfo, sample: SampleOptions, signal?: AbortSignal, detector?: Detector): Promise<TableFinding> {
  const classifiers = new Map(table.columns.map((c) => [c.name, createColumnClassifier(c, { table: table.name, ...(detector ? { detector } : {}) })]));
  let sampledRows = 0;
  for await (const batch of connector.readRows(table, sample)) {
    if (signal?.aborted) throw new Error('cancelled');
    for (const row of batch) {
      sampledRows += 1;
      for (const [name, classifier] of classifiers) classifier.add(row[name] ?? null);
    }
  }
  const columns = [...classifiers.values()].map((c) => c.finish());
  return {
    schema: table.schema,
    table: table.name,
    kind: table.kind,
    rowEstimate: table.rowEstimate,
    sampledRows,
    fingerprint: table.fingerprint,
    level: highestLevel(columns.flatMap((c) => (c.level ? [c.level] : []))),
    primaryKey: table.columns.filter((c) => c.primaryKey).map((c) => c.name),
    foreignKeys: table.foreignKeys ?? [],
    columns,
  };
}

/** A reader-safe reason: driver codes and messages, with anything that looks like a value removed. */
function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = (e.message ?? String(err)).split('\n')[0]!.replace(/\(([^)]*)\)=\([^)]*\)/g, '($1)=(…)').slice(0, 300);
  return e.code ? `${e.code}: ${message}` : message;
}
