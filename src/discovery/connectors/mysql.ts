/**
 * MySQL and MariaDB: introspection from information_schema (partitions are already one table
 * there, views are listed), sampling from a random start in the primary key (MySQL has no
 * TABLESAMPLE; this reads contiguous rows from a random point, like Google DLP's RANDOM_START),
 * full reads streamed.
 */
import mysql from 'mysql2/promise';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Connection as CallbackConnection } from 'mysql2';
import { redactUrl } from '../../lib/urls.js';
import type { ColumnInfo, ColumnKind, Connector, ForeignKeyInfo, SampleOptions, SampledRow, TableInfo } from './connector.js';
import { connectionError, connectWithRetries } from './errors.js';
import { fingerprint } from './postgres.js';

const SYSTEM_SCHEMAS = ['mysql', 'information_schema', 'performance_schema', 'sys'];
const BATCH = 5000;

export async function openMysql(url: string): Promise<Connector> {
  const location = redactUrl(url);
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  const pool: Pool = mysql.createPool({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    ...(database ? { database } : {}),
    connectionLimit: 4,
    connectTimeout: 10_000,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    await connectWithRetries(() => pool.query('select 1'));
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw connectionError(location, err);
  }
  return {
    engine: 'mysql',
    location,
    listTables: () => listTables(pool, database),
    readRows: (table, options) => readRows(pool, table, options),
    close: () => pool.end(),
  };
}

async function listTables(pool: Pool, database: string | undefined): Promise<TableInfo[]> {
  const schemaFilter = database ? 'table_schema = ?' : `table_schema not in (${SYSTEM_SCHEMAS.map(() => '?').join(', ')})`;
  const schemaValues = database ? [database] : SYSTEM_SCHEMAS;
  const [tables] = await pool.query<RowDataPacket[]>(
    `select table_schema as s, table_name as n, table_type as t, table_rows as r, coalesce(update_time, create_time) as u, data_length as d
       from information_schema.tables where ${schemaFilter} order by table_schema, table_name`,
    schemaValues,
  );
  const [columns] = await pool.query<RowDataPacket[]>(
    `select table_schema as s, table_name as n, column_name as c, data_type as dt, column_type as ct, is_nullable as nl, column_key as k
       from information_schema.columns where ${schemaFilter} order by table_schema, table_name, ordinal_position`,
    schemaValues,
  );
  const foreignKeys = await listForeignKeys(pool, schemaFilter, schemaValues);
  const byTable = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    const key = `${c.s}.${c.n}`;
    const list = byTable.get(key) ?? [];
    list.push({ name: String(c.c), dataType: String(c.ct), kind: kindOf(String(c.dt).toLowerCase()), nullable: c.nl === 'YES', primaryKey: c.k === 'PRI' });
    byTable.set(key, list);
  }
  return tables.map((t) => {
    const cols = byTable.get(`${t.s}.${t.n}`) ?? [];
    const isView = String(t.t).includes('VIEW');
    return {
      schema: String(t.s),
      name: String(t.n),
      kind: isView ? 'view' : 'table',
      rowEstimate: isView ? null : Number(t.r ?? 0),
      columns: cols,
      foreignKeys: foreignKeys.get(`${t.s}.${t.n}`) ?? [],
      fingerprint: fingerprint(cols, `${t.u ?? ''}|${t.r ?? ''}|${t.d ?? ''}`),
    } satisfies TableInfo;
  });
}

/** Foreign keys from key_column_usage, one entry per constraint, columns in key order. */
async function listForeignKeys(pool: Pool, schemaFilter: string, schemaValues: string[]): Promise<Map<string, ForeignKeyInfo[]>> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `select table_schema as s, table_name as n, constraint_name as k, column_name as c,
            referenced_table_schema as rs, referenced_table_name as rn, referenced_column_name as rc
       from information_schema.key_column_usage
      where ${schemaFilter} and referenced_table_name is not null
      order by table_schema, table_name, constraint_name, ordinal_position`,
    schemaValues,
  );
  const byTable = new Map<string, ForeignKeyInfo[]>();
  for (const row of rows) {
    const key = `${row.s}.${row.n}`;
    const list = byTable.get(key) ?? [];
    let fk = list.find((f) => f.name === String(row.k));
    if (!fk) {
      fk = { name: String(row.k), columns: [], refSchema: String(row.rs), refTable: String(row.rn), refColumns: [] };
      list.push(fk);
    }
    fk.columns.push(String(row.c));
    fk.refColumns.push(String(row.rc));
    byTable.set(key, list);
  }
  return byTable;
}

function kindOf(dataType: string): ColumnKind {
  if (/(char|text|enum|set)$/.test(dataType)) return 'text';
  if (/(int|decimal|numeric|float|double|real|bit)$/.test(dataType)) return 'number';
  if (/^(date|datetime|timestamp|time|year)$/.test(dataType)) return 'temporal';
  if (dataType === 'json') return 'json';
  if (/(blob|binary)$/.test(dataType) || dataType === 'geometry') return 'binary';
  return 'other';
}

async function* readRows(pool: Pool, table: TableInfo, options: SampleOptions): AsyncIterable<SampledRow[]> {
  const readable = table.columns.filter((c) => c.kind !== 'binary');
  if (readable.length === 0) return;
  const q = (name: string) => mysql.escapeId(name);
  const select = readable.map((c) => `left(cast(${q(c.name)} as char), ${Math.trunc(options.maxValueChars)}) as ${q(c.name)}`).join(', ');
  const from = `${q(table.schema)}.${q(table.name)}`;
  if (options.full) {
    const connection = await pool.getConnection();
    try {
      // The underlying callback connection streams rows without buffering the result set.
      const core = connection.connection as unknown as CallbackConnection;
      const stream = core.query(`select ${select} from ${from}`).stream({ highWaterMark: BATCH });
      let batch: SampledRow[] = [];
      for await (const row of stream as AsyncIterable<SampledRow>) {
        batch.push(row);
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      connection.release();
    }
    return;
  }
  const start = await randomStart(pool, table, options.size);
  if (start) {
    const [rows] = await pool.query<RowDataPacket[]>(`select ${select} from ${from} where ${q(start.column)} >= ? order by ${q(start.column)} limit ?`, [start.from, options.size]);
    if (rows.length >= Math.min(options.size, 10)) {
      yield rows as SampledRow[];
      return;
    }
  }
  const [rows] = await pool.query<RowDataPacket[]>(`select ${select} from ${from} limit ?`, [options.size]);
  yield rows as SampledRow[];
}

/** A random point in a numeric single-column primary key, for tables far larger than the sample. */
async function randomStart(pool: Pool, table: TableInfo, size: number): Promise<{ column: string; from: number } | undefined> {
  const keys = table.columns.filter((c) => c.primaryKey);
  if (table.kind === 'view' || keys.length !== 1 || keys[0]!.kind !== 'number' || (table.rowEstimate ?? 0) <= size * 10) return undefined;
  const column = keys[0]!.name;
  const [[range]] = (await pool.query<RowDataPacket[]>(`select min(${mysql.escapeId(column)}) as lo, max(${mysql.escapeId(column)}) as hi from ${mysql.escapeId(table.schema)}.${mysql.escapeId(table.name)}`)) as unknown as [RowDataPacket[]];
  const lo = Number(range?.lo);
  const hi = Number(range?.hi);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return undefined;
  const span = hi - lo;
  const fraction = Math.min(1, size / Math.max(1, table.rowEstimate ?? size));
  return { column, from: Math.floor(lo + Math.random() * span * (1 - fraction)) };
}
