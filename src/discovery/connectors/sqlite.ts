/**
 * SQLite files, read-only, through node-sqlite3-wasm (SQLite compiled to WebAssembly with file
 * access: no native build, and the file is read page by page, not loaded whole).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'node-sqlite3-wasm';
import type { Database as SqliteDatabase } from 'node-sqlite3-wasm';

// The package is CommonJS: its classes come from the default export under Node's ESM loader.
const { Database } = sqlite3;
type Database = SqliteDatabase;
import { CustosError } from '../../lib/errors.js';
import type { ColumnInfo, ColumnKind, Connector, ForeignKeyInfo, SampleOptions, SampledRow, TableInfo } from './connector.js';
import { fingerprint } from './postgres.js';

const BATCH = 5000;

/** SQLite's identifier quoting (the driver has no function for it): wrap in quotes, double inner quotes. */
function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export async function openSqlite(file: string): Promise<Connector> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new CustosError('TARGET_UNREACHABLE', `no SQLite file at ${absolute}`);
  let db: Database;
  try {
    db = new Database(absolute, { readOnly: true });
    db.get('select count(*) as n from sqlite_master');
  } catch (err) {
    throw new CustosError('TARGET_UNREACHABLE', `${absolute} is not a readable SQLite database (${(err as Error).message.split('\n')[0]})`, { cause: err });
  }
  return {
    engine: 'sqlite',
    location: absolute,
    listTables: async () => listTables(db),
    readRows: (table, options) => readRows(db, table, options),
    close: async () => db.close(),
  };
}

function listTables(db: Database): TableInfo[] {
  const tables = db.all(`select name, type from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' order by name`);
  return tables.map((t) => {
    const name = String(t.name);
    const columns: ColumnInfo[] = db.all(`select name, type, "notnull" as nn, pk from pragma_table_info(?)`, [name]).map((c) => ({
      name: String(c.name),
      dataType: String(c.type || 'any'),
      kind: kindOf(String(c.type ?? '')),
      nullable: Number(c.nn) === 0,
      primaryKey: Number(c.pk) > 0,
    }));
    const isView = t.type === 'view';
    const count = isView ? null : Number(db.get(`select count(*) as n from ${quote(name)}`)?.n ?? 0);
    const foreignKeys = isView ? [] : listForeignKeys(db, name);
    return { schema: 'main', name, kind: isView ? 'view' : 'table', rowEstimate: count, columns, foreignKeys, fingerprint: fingerprint(columns, String(count)) } satisfies TableInfo;
  });
}

/**
 * pragma_foreign_key_list gives one row per column, grouped by id; a reference with no column
 * list points at the parent's primary key, which SQLite leaves for us to look up.
 */
function listForeignKeys(db: Database, table: string): ForeignKeyInfo[] {
  const rows = db.all(`select id, "table" as ref, "from" as col, "to" as refcol from pragma_foreign_key_list(?) order by id, seq`, [table]);
  const byId = new Map<number, ForeignKeyInfo>();
  for (const row of rows) {
    const id = Number(row.id);
    let fk = byId.get(id);
    if (!fk) {
      fk = { name: `${table}_fk${id}`, columns: [], refSchema: 'main', refTable: String(row.ref), refColumns: [] };
      byId.set(id, fk);
    }
    fk.columns.push(String(row.col));
    fk.refColumns.push(row.refcol == null ? '' : String(row.refcol));
  }
  for (const fk of byId.values()) {
    if (fk.refColumns.some((c) => c === '')) {
      fk.refColumns = db.all(`select name from pragma_table_info(?) where pk > 0 order by pk`, [fk.refTable]).map((r) => String(r.name));
    }
  }
  return [...byId.values()];
}

/** SQLite type affinity rules (section 3.1 of its datatype documentation). */
function kindOf(declared: string): ColumnKind {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'number';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'text';
  if (type.includes('BLOB')) return 'binary';
  if (/REAL|FLOA|DOUB|NUM|DEC/.test(type)) return 'number';
  if (/DATE|TIME/.test(type)) return 'temporal';
  if (type.includes('JSON')) return 'json';
  return type === '' ? 'other' : 'text';
}

async function* readRows(db: Database, table: TableInfo, options: SampleOptions): AsyncIterable<SampledRow[]> {
  const readable = table.columns.filter((c) => c.kind !== 'binary');
  if (readable.length === 0) return;
  const select = readable
    .map((c) => `case when typeof(${quote(c.name)}) = 'blob' then null else substr(cast(${quote(c.name)} as text), 1, ${Math.trunc(options.maxValueChars)}) end as ${quote(c.name)}`)
    .join(', ');
  const from = quote(table.name);
  // SQLite has no TABLESAMPLE: a random order over rowids is cheap enough for the files it is used on.
  const sql = options.full ? `select ${select} from ${from}` : `select ${select} from ${from}${table.kind === 'view' ? '' : ' order by random()'} limit ?`;
  const statement = db.prepare(sql);
  try {
    let batch: SampledRow[] = [];
    for (const row of statement.iterate(options.full ? [] : [options.size])) {
      batch.push(toText(row as Record<string, unknown>));
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } finally {
    statement.finalize();
  }
}

function toText(row: Record<string, unknown>): SampledRow {
  const out: SampledRow = {};
  for (const [key, value] of Object.entries(row)) out[key] = value === null || value instanceof Uint8Array ? null : String(value);
  return out;
}
