/**
 * EngineConnection for PostgreSQL (`pg`) and MySQL/MariaDB (`mysql2/promise`): one dedicated
 * connection each, since the transaction and the temporary tables live on it. Also what the plan
 * compiler wants to know of the columns (nullability, length), read from information_schema.
 */
import { createHash } from 'node:crypto';
import { CustosError } from '../../lib/errors.js';
import { existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import type { Pool as MysqlPool, PoolConnection as MysqlPoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import pg from 'pg';
import { tableKey } from '../../datamap/graph/keys.js';
import type { TableRef } from '../../datamap/graph/types.js';
import type { ColumnFacts, EngineConnection, QueryResult } from './types.js';

/** Named statements the engine has prepared, per pg client (the server session). */
const preparedNames = new WeakMap<object, Set<string>>();
/** A session keeps at most this many of the engine's statements prepared; past it, statements run unnamed. */
const MAX_PREPARED = 500;

/** The statement's name on the session: derived from its text (and version), so a name never stands for two texts. */
function preparedName(client: object, sql: string, version = ''): string | undefined {
  const name = `custos_${createHash('sha1').update(version).update('\u0000').update(sql).digest('hex')}`;
  const names = preparedNames.get(client) ?? new Set<string>();
  preparedNames.set(client, names);
  if (names.has(name)) return name;
  if (names.size >= MAX_PREPARED) return undefined;
  names.add(name);
  return name;
}

/**
 * A connection taken from a pg Pool (released back to it), or a Client the caller owns.
 * `prepare: false` runs every statement unnamed (a pooler that does not keep named statements per
 * client: pgbouncer in transaction mode before 1.21).
 */
export async function postgresConnection(source: pg.Pool | pg.Client, options: { prepare?: boolean } = {}): Promise<EngineConnection> {
  const mayPrepare = options.prepare ?? true;
  const pooled = source instanceof pg.Pool ? await source.connect() : null;
  const client: pg.ClientBase = pooled ?? (source as pg.Client);
  return {
    dialect: 'postgres',
    quote: (name) => pg.escapeIdentifier(name),
    query: async (sql, params = [], options) => {
      const name = mayPrepare && options?.prepare ? preparedName(client, sql, options.version) : undefined;
      const r = await (name ? client.query({ name, text: sql, values: params as unknown[] }) : client.query(sql, params as unknown[]));
      return { rows: r.rows as Record<string, unknown>[], affected: r.rowCount ?? 0 };
    },
    // No parameters: pg sends the text as one simple query, every statement in one round trip.
    script: async (statements) => void (await client.query(statements.join(';\n'))),
    session: client,
    release: async () => pooled?.release(),
  };
}

/** A connection taken from a mysql2 pool (released back to it). */
export async function mysqlConnection(pool: MysqlPool): Promise<EngineConnection> {
  const conn: MysqlPoolConnection = await pool.getConnection();
  return {
    dialect: 'mysql',
    quote: (name) => conn.escapeId(name),
    query: async (sql, params = []): Promise<QueryResult> => {
      const [result] = await conn.query<RowDataPacket[] | ResultSetHeader>(sql, params as unknown[]);
      if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], affected: 0 };
      return { rows: [], affected: result.affectedRows };
    },
    release: async () => conn.release(),
  };
}

/** A connection of its own from a target URL (postgres://, mysql://, mariadb://); release closes it. */
/**
 * `custos_prepare=off` in a PostgreSQL URL (a system's connection string) turns named prepared
 * statements off for the engine; the parameter is taken out before the URL reaches the driver.
 */
export function prepareOption(url: string): { url: string; prepare: boolean } {
  const match = /([?&])custos_prepare=([^&#]*)(&|$)/i.exec(url);
  if (!match) return { url, prepare: true };
  // A typo must not leave prepared statements on unnoticed (the value never reaches the driver).
  if (!/^(on|off|true|false|0|1)$/i.test(match[2]!)) throw new CustosError('VALIDATION_FAILED', 'custos_prepare in a connection URL must be on or off');
  const rest = `${url.slice(0, match.index)}${match[3] === '&' ? match[1] : ''}${url.slice(match.index + match[0].length)}`;
  return { url: rest.replace(/[?&]$/, ''), prepare: !/^(off|false|0)$/i.test(match[2]!) };
}

export async function openEngineConnection(url: string): Promise<EngineConnection> {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { url: target, prepare } = prepareOption(url);
    const client = new pg.Client({ connectionString: target, application_name: 'custos-dsr' });
    client.on('error', () => undefined);
    await client.connect();
    const conn = await postgresConnection(client, { prepare });
    return { ...conn, release: () => client.end() };
  }
  if (/^(mysql|mariadb):\/\//i.test(url)) {
    const pool = mysql.createPool({ uri: url.replace(/^mariadb:/i, 'mysql:'), connectionLimit: 1 });
    const conn = await mysqlConnection(pool);
    return {
      ...conn,
      release: async () => {
        await conn.release();
        await pool.end();
      },
    };
  }
  if (/^pglite:/i.test(url)) {
    // The embedded demo database: one connection, opened for this run and closed after it.
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(url.replace(/^pglite:(\/\/)?/i, ''));
    return {
      dialect: 'postgres',
      quote: (name) => pg.escapeIdentifier(name),
      query: async (sql, params = []) => {
        const r = await db.query<Record<string, unknown>>(sql, params as unknown[]);
        return { rows: r.rows, affected: r.affectedRows ?? 0 };
      },
      script: async (statements) => void (await db.exec(statements.join(';\n'))),
      session: db,
      release: () => db.close(),
    };
  }
  if (/^sqlite:/i.test(url) || SQLITE_FILE.test(url)) return sqliteConnection(url.replace(/^sqlite:(\/\/)?/i, ''));
  throw new Error('the execution engine runs on PostgreSQL, PGlite, MySQL/MariaDB and SQLite targets only');
}

const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i;

/**
 * A SQLite file, read-write, through node-sqlite3-wasm (as discovery reads it). SQLite has no
 * regexp_replace: the normal forms of phone numbers and national ids are registered as functions.
 */
async function sqliteConnection(file: string): Promise<EngineConnection> {
  const { default: sqlite3 } = await import('node-sqlite3-wasm');
  if (!existsSync(file)) throw new Error(`no SQLite file at ${file}`);
  const db = new sqlite3.Database(file);
  db.function('custos_digits', (value: unknown) => (value == null ? null : String(value).replace(/[^0-9]/g, '')), { deterministic: true });
  db.function('custos_id_chars', (value: unknown) => (value == null ? null : String(value).replace(/[\s.-]/g, '')), { deterministic: true });
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return {
    dialect: 'sqlite',
    quote,
    query: async (sql, params = []) => {
      const values = params.map((v) => (typeof v === 'boolean' ? Number(v) : v)) as never;
      if (/^\s*(select|with|pragma)\b/i.test(sql)) return { rows: db.all(sql, values) as Record<string, unknown>[], affected: 0 };
      return { rows: [], affected: db.run(sql, values).changes };
    },
    release: async () => db.close(),
  };
}

/** Nullability, length and type per column of the given tables of one system, keyed by `tableKey`. */
export async function describeColumns(db: EngineConnection, tables: readonly TableRef[]): Promise<Record<string, Record<string, ColumnFacts>>> {
  const out: Record<string, Record<string, ColumnFacts>> = {};
  if (!tables.length) return out;
  const schemas = [...new Set(tables.map((t) => t.schema))];
  const names = [...new Set(tables.map((t) => t.table))];
  if (db.dialect === 'postgres') return describePostgresColumns(db, tables);
  if (db.dialect === 'sqlite') return describeSqliteColumns(db, tables);
  const ph = (values: string[], offset: number) => values.map((_, i) => (db.dialect === 'postgres' ? `$${offset + i + 1}` : '?')).join(', ');
  const { rows } = await db.query(
    `select table_schema as s, table_name as t, column_name as c, is_nullable as n, character_maximum_length as l, data_type as d
       from information_schema.columns
      where table_schema in (${ph(schemas, 0)}) and table_name in (${ph(names, schemas.length)})`,
    [...schemas, ...names],
  );
  const wanted = new Map(tables.map((t) => [`${t.schema}\u0000${t.table}`, t]));
  for (const r of rows) {
    const ref = wanted.get(`${String(r.s)}\u0000${String(r.t)}`);
    if (!ref) continue;
    const key = tableKey(ref);
    (out[key] ??= {})[String(r.c)] = { nullable: String(r.n).toUpperCase() === 'YES', maxLength: r.l == null ? null : Number(r.l), dataType: String(r.d) };
  }
  return out;
}

/** PostgreSQL: the catalog directly (information_schema.columns costs tens of milliseconds per call on a busy catalog). */
async function describePostgresColumns(db: EngineConnection, tables: readonly TableRef[]): Promise<Record<string, Record<string, ColumnFacts>>> {
  const out: Record<string, Record<string, ColumnFacts>> = {};
  const { rows } = await db.query(
    `select r.i::int - 1 as i, a.attname as c, not a.attnotnull as n, format_type(a.atttypid, a.atttypmod) as d,
            case when a.atttypid in ('varchar'::regtype, 'bpchar'::regtype) and a.atttypmod > 4 then a.atttypmod - 4 end as l
       from unnest($1::text[]) with ordinality as r(name, i)
       join pg_attribute as a on a.attrelid = to_regclass(r.name) and a.attnum > 0 and not a.attisdropped`,
    [tables.map((t) => `${db.quote(t.schema)}.${db.quote(t.table)}`)],
  );
  for (const r of rows) {
    const ref = tables[Number(r.i)];
    if (!ref) continue;
    (out[tableKey(ref)] ??= {})[String(r.c)] = { nullable: r.n === true, maxLength: r.l == null ? null : Number(r.l), dataType: String(r.d) };
  }
  return out;
}

/** SQLite: `pragma table_info` per table (a declared `varchar(40)` keeps its length as a hint). */
async function describeSqliteColumns(db: EngineConnection, tables: readonly TableRef[]): Promise<Record<string, Record<string, ColumnFacts>>> {
  const out: Record<string, Record<string, ColumnFacts>> = {};
  for (const t of tables) {
    const { rows } = await db.query(`select name, "notnull" as nn, type, pk from pragma_table_info(?${t.schema ? ', ?' : ''})`, t.schema ? [t.table, t.schema] : [t.table]);
    const facts: Record<string, ColumnFacts> = {};
    for (const r of rows) facts[String(r.name)] = { nullable: Number(r.nn) === 0 && Number(r.pk) === 0, maxLength: null, dataType: String(r.type ?? '') };
    out[tableKey(t)] = facts;
  }
  return out;
}
