/**
 * Files in a folder tree: CSV/TSV, JSON and JSONL, Parquet, and plain text. Each file is a
 * "table"; its columns are CSV headers, JSON paths (nested keys joined with dots) or, for text,
 * one column `text` whose rows are lines. Files are read as streams where the format allows.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { CustosError } from '../../lib/errors.js';
import type { ColumnInfo, Connector, SampleOptions, SampledRow, TableInfo } from './connector.js';
import { fingerprint } from './postgres.js';

type Format = 'csv' | 'tsv' | 'json' | 'jsonl' | 'parquet' | 'text';

const FORMATS: Record<string, Format> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.txt': 'text',
  '.log': 'text',
  '.md': 'text',
};
/** JSON documents are parsed whole; larger ones should be JSONL. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const BATCH = 2000;
/** Rows read to learn a file's columns. */
const SCHEMA_PROBE_ROWS = 200;

export async function openFiles(root: string): Promise<Connector> {
  const absolute = path.resolve(root);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    throw new CustosError('TARGET_UNREACHABLE', `no file or folder at ${absolute}`);
  }
  const base = isDir ? absolute : path.dirname(absolute);
  return {
    engine: 'files',
    location: absolute,
    listTables: async () => {
      const files = isDir ? await walk(absolute) : [absolute];
      const tables: TableInfo[] = [];
      for (const file of files) {
        const format = FORMATS[path.extname(file).toLowerCase()];
        if (!format) continue;
        tables.push(await describeFile(base, file, format));
      }
      return tables;
    },
    readRows: (table, options) => readFile(path.join(base, table.schema, table.name), formatOf(table), options),
    close: async () => undefined,
  };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

function formatOf(table: TableInfo): Format {
  return FORMATS[path.extname(table.name).toLowerCase()] ?? 'text';
}

async function describeFile(base: string, file: string, format: Format): Promise<TableInfo> {
  const stat = statSync(file);
  const relative = path.relative(base, file);
  const schema = path.dirname(relative) === '.' ? '' : path.dirname(relative);
  let columns: ColumnInfo[];
  let rowEstimate: number | null = null;
  if (format === 'parquet') {
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    columns = parquetSchema(metadata).children.map((child) => textColumn(child.element.name, String(child.element.type ?? 'group')));
    rowEstimate = Number(metadata.num_rows);
  } else if (format === 'text') {
    columns = [textColumn('text', 'text')];
  } else {
    const names = new Set<string>();
    for await (const batch of readFile(file, format, { size: SCHEMA_PROBE_ROWS, full: false, maxValueChars: 64 })) for (const row of batch) for (const key of Object.keys(row)) names.add(key);
    columns = [...names].map((name) => textColumn(name, format));
  }
  return { schema, name: path.basename(file), kind: 'file', rowEstimate, columns, fingerprint: fingerprint(columns, `${stat.size}|${stat.mtimeMs}`) };
}

function textColumn(name: string, dataType: string): ColumnInfo {
  return { name, dataType, kind: 'text', nullable: true, primaryKey: false };
}

async function* readFile(file: string, format: Format, options: SampleOptions): AsyncIterable<SampledRow[]> {
  const limit = options.full ? Infinity : options.size;
  const rows = rowsOf(file, format, options.maxValueChars);
  let batch: SampledRow[] = [];
  let count = 0;
  for await (const row of rows) {
    batch.push(row);
    count += 1;
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
    if (count >= limit) break;
  }
  if (batch.length) yield batch;
}

async function* rowsOf(file: string, format: Format, maxChars: number): AsyncIterable<SampledRow> {
  switch (format) {
    case 'csv':
    case 'tsv': {
      const parser = createReadStream(file).pipe(
        parseCsv({ columns: true, delimiter: format === 'tsv' ? '\t' : ',', relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }),
      );
      for await (const record of parser as AsyncIterable<Record<string, unknown>>) yield flatten(record, maxChars);
      return;
    }
    case 'jsonl': {
      for await (const line of lines(file)) {
        const value = parseJsonOrNull(line);
        if (value !== undefined) yield flatten(value, maxChars);
      }
      return;
    }
    case 'json': {
      const size = statSync(file).size;
      if (size > MAX_JSON_BYTES) throw new CustosError('VALIDATION_FAILED', `${file} is ${size} bytes; JSON files over ${MAX_JSON_BYTES} bytes are not parsed whole, convert it to JSONL`);
      const value = parseJsonOrNull(decode(readFileSync(file)));
      const records = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const record of records) yield flatten(record, maxChars);
      return;
    }
    case 'parquet': {
      const buffer = await asyncBufferFromFile(file);
      const step = 10_000;
      const metadata = await parquetMetadataAsync(buffer);
      for (let start = 0; start < Number(metadata.num_rows); start += step) {
        const rows = await parquetReadObjects({ file: buffer, metadata, rowStart: start, rowEnd: start + step });
        for (const row of rows) yield flatten(row, maxChars);
      }
      return;
    }
    case 'text':
      for await (const line of lines(file)) if (line.trim()) yield { text: line.slice(0, maxChars) };
  }
}

/** Lines of a file, decoded as UTF-8, or as Windows-1252 when it is not valid UTF-8. */
async function* lines(file: string): AsyncIterable<string> {
  const probe = readFileSync(file, { flag: 'r' }).subarray(0, 64 * 1024);
  const encoding = isUtf8(probe) ? 'utf8' : 'latin1';
  const reader = createInterface({ input: createReadStream(file, { encoding }), crlfDelay: Infinity });
  for await (const line of reader) yield line;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - 4));
    return true;
  } catch {
    return false;
  }
}

function decode(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : new TextDecoder('windows-1252').decode(bytes);
}

function parseJsonOrNull(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { text }; // a line that is not JSON is still text worth scanning
  }
}

/** Nested objects become dotted paths (`address.city`); arrays of scalars are joined. */
export function flatten(value: unknown, maxChars: number, prefix = '', out: SampledRow = {}): SampledRow {
  if (value === null || value === undefined) {
    if (prefix) out[prefix] = null;
  } else if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) out[prefix || 'value'] = value.join(', ').slice(0, maxChars);
    else value.slice(0, 20).forEach((item, i) => flatten(item, maxChars, prefix ? `${prefix}[]` : '[]', i === 0 ? out : out));
  } else if (typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, maxChars, prefix ? `${prefix}.${key}` : key, out);
  } else if (value instanceof Uint8Array) {
    out[prefix || 'value'] = null;
  } else {
    out[prefix || 'value'] = (value instanceof Date ? value.toISOString() : String(value)).slice(0, maxChars);
  }
  return out;
}
