/**
 * The three places a demo database can live, behind one small session interface: an embedded PGlite
 * directory, a PostgreSQL server (schema `shop`) and a MySQL/MariaDB database. Identifiers are
 * quoted by each driver's own function and values always travel as bound parameters.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { CustosError } from '../lib/errors.js';
import type { SqlQuoting } from './demo.schema.js';
import { redactUrl } from '../lib/urls.js';

export type DemoTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string } | { kind: 'mysql'; url: string };

/** The PostgreSQL schema that holds the demo tables (PGlite and PostgreSQL targets). */
export const DEMO_PG_SCHEMA = 'shop';
const CONNECT_TIMEOUT_MS = 5000;

export interface DemoSession extends SqlQuoting {
  readonly schema: string;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Parameter placeholder for the n-th (1-based) value of a statement. */
  placeholder(n: number): string;
  /**
   * Runs fn under an exclusive lock, so two processes (say `npm start` and `custos demo`) cannot
   * provision the same target at once. On PostgreSQL this is also one transaction, DDL included,
   * so a failed run leaves nothing behind.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs fn in a data transaction. MySQL commits DDL implicitly, so its transaction can only begin
   * after the tables exist; on PostgreSQL the surrounding exclusive() transaction already covers it.
   */
  dataTransaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Parsing and describing targets.

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function parseDemoTarget(urlOrPath: string): DemoTarget {
  const value = urlOrPath.trim();
  if (value === '') throw new CustosError('VALIDATION_FAILED', 'Demo target is empty: expected a database URL or a directory');
  const scheme = URL_SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'pglite', dataDir: value };
  if (scheme === 'postgres' || scheme === 'postgresql') {
    parseServerUrl(value, 'PostgreSQL');
    return { kind: 'postgres', url: value };
  }
  if (scheme === 'mysql' || scheme === 'mariadb') {
    const url = parseServerUrl(value, 'MySQL');
    if (databaseName(url) === '') {
      throw new CustosError('VALIDATION_FAILED', 'MySQL demo target must name a database, e.g. mysql://user@host:3306/shop');
    }
    return { kind: 'mysql', url: value };
  }
  // A URL with an unknown scheme is almost certainly a typo, not a directory name.
  throw new CustosError(
    'VALIDATION_FAILED',
    `Unsupported demo target scheme "${scheme}": use postgres://, postgresql://, mysql://, mariadb:// or a directory path`,
  );
}

export function describeDemoTarget(target: DemoTarget): string {
  if (target.kind === 'pglite') return `PGlite database in ${target.dataDir} (schema ${DEMO_PG_SCHEMA})`;
  const label = target.kind === 'postgres' ? 'PostgreSQL' : 'MySQL';
  const where = target.kind === 'postgres' ? `schema ${DEMO_PG_SCHEMA}` : 'its database';
  return `${label} ${redactUrl(target.url)} (${where})`;
}

function parseServerUrl(raw: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CustosError('VALIDATION_FAILED', `Invalid ${label} URL: ${redactUrl(raw)}`);
  }
  if (url.hostname === '') throw new CustosError('VALIDATION_FAILED', `${label} URL has no host: ${redactUrl(raw)}`);
  return url;
}

function databaseName(url: URL): string {
  return decodeURIComponent(url.pathname.replace(/^\//, ''));
}

function hostPort(url: URL, defaultPort: number): string {
  return `${url.hostname}:${url.port || defaultPort}`;
}

// ---------------------------------------------------------------------------------------------
// Connecting.

export async function openDemoSession(target: DemoTarget): Promise<DemoSession> {
  switch (target.kind) {
    case 'pglite':
      return openPglite(target.dataDir);
    case 'postgres':
      return openPostgres(target.url);
    case 'mysql':
      return openMysql(target.url);
  }
}

function postgresQuoting(): SqlQuoting {
  return {
    dialect: 'postgres',
    id: (name) => pg.escapeIdentifier(name),
    literal: (value) => pg.escapeLiteral(value),
    table: (name) => `${pg.escapeIdentifier(DEMO_PG_SCHEMA)}.${pg.escapeIdentifier(name)}`,
  };
}

/** Transaction plus transaction-scoped advisory lock; both end with COMMIT or ROLLBACK. */
function postgresExclusive(run: (sql: string) => Promise<unknown>) {
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    await run('BEGIN');
    try {
      await run(`SELECT pg_advisory_xact_lock(hashtext('custos-demo:${DEMO_PG_SCHEMA}'))`);
      const result = await fn();
      await run('COMMIT');
      return result;
    } catch (error) {
      await run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
}

async function openPglite(dataDir: string): Promise<DemoSession> {
  const dir = path.resolve(dataDir);
  let db: PGlite;
  try {
    await mkdir(dir, { recursive: true });
    db = new PGlite(dir);
    await db.waitReady;
  } catch (error) {
    throw new CustosError('TARGET_UNREACHABLE', `Cannot open the PGlite database in ${dir}`, { cause: error });
  }
  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> =>
    (await db.query<T>(sql, params ? [...params] : undefined)).rows;
  return {
    ...postgresQuoting(),
    schema: DEMO_PG_SCHEMA,
    query,
    placeholder: (n) => `$${n}`,
    exclusive: postgresExclusive((sql) => db.exec(sql)),
    dataTransaction: (fn) => fn(),
    close: () => db.close(),
  };
}

async function openPostgres(raw: string): Promise<DemoSession> {
  const url = parseServerUrl(raw, 'PostgreSQL');
  const where = hostPort(url, 5432);
  const client = new pg.Client({
    connectionString: raw,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'custos-demo',
  });
  // An idle connection can error out (server restart); without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw unreachable('PostgreSQL', where, error);
  }
  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> =>
    (await client.query(sql, params ? [...params] : undefined)).rows as T[];
  return {
    ...postgresQuoting(),
    schema: DEMO_PG_SCHEMA,
    query,
    placeholder: (n) => `$${n}`,
    exclusive: postgresExclusive((sql) => client.query(sql)),
    dataTransaction: (fn) => fn(),
    close: () => client.end(),
  };
}

async function openMysql(raw: string): Promise<DemoSession> {
  const url = parseServerUrl(raw, 'MySQL');
  const database = databaseName(url);
  if (database === '') throw new CustosError('VALIDATION_FAILED', 'MySQL demo target must name a database');
  const where = hostPort(url, 3306);
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      connectTimeout: CONNECT_TIMEOUT_MS,
      // DATETIME has no zone: store and read UTC on both sides.
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
    });
  } catch (error) {
    throw unreachable('MySQL', where, error);
  }
  conn.on('error', () => undefined);
  try {
    await conn.query("SET time_zone = '+00:00'");
    // Checked first: CREATE DATABASE IF NOT EXISTS needs the CREATE privilege even when it exists.
    const [found] = await conn.execute<mysql.RowDataPacket[]>(
      'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [database],
    );
    if (found.length === 0) {
      await conn.query(`CREATE DATABASE ${mysql.escapeId(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    await conn.query(`USE ${mysql.escapeId(database)}`);
  } catch (error) {
    await conn.end().catch(() => undefined);
    throw new CustosError('TARGET_UNREACHABLE', `Cannot use database ${database} on MySQL at ${where}: ${driverCode(error)}`, {
      cause: error,
    });
  }
  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    // Statements without values go over the text protocol: not every DDL statement can be prepared.
    const [rows] = params && params.length > 0 ? await conn.execute(sql, [...params] as never[]) : await conn.query(sql);
    return (Array.isArray(rows) ? rows : []) as T[];
  };
  const lockName = `custos-demo:${database}`;
  return {
    dialect: 'mysql',
    id: (name) => mysql.escapeId(name),
    literal: (value) => mysql.escape(value),
    table: (name) => `${mysql.escapeId(database)}.${mysql.escapeId(name)}`,
    schema: database,
    query,
    placeholder: () => '?',
    exclusive: async (fn) => {
      const [rows] = await conn.execute<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, 60) AS got', [lockName]);
      if (Number(rows[0]?.got) !== 1) {
        throw new CustosError('CONFLICT', `Another process is provisioning the demo database on MySQL at ${where}`);
      }
      try {
        return await fn();
      } finally {
        await conn.execute('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => undefined);
      }
    },
    dataTransaction: async (fn) => {
      await conn.beginTransaction();
      try {
        const result = await fn();
        await conn.commit();
        return result;
      } catch (error) {
        await conn.rollback().catch(() => undefined);
        throw error;
      }
    },
    close: () => conn.end(),
  };
}

/**
 * A connection failure names the server and the reason class, never the URL (which may carry a
 * password). Driver messages for these failures hold no secrets but are still reduced to a code.
 */
function unreachable(label: string, where: string, error: unknown): CustosError {
  return new CustosError('TARGET_UNREACHABLE', `Cannot connect to ${label} at ${where}: ${reason(error)}`, { cause: error });
}

function reason(error: unknown): string {
  const code = driverCode(error);
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ECONNRESET: 'connection reset',
    '28P01': 'authentication failed',
    '28000': 'authentication failed',
    ER_ACCESS_DENIED_ERROR: 'authentication failed',
    '3D000': 'database does not exist',
  };
  if (known[code]) return known[code];
  if (error instanceof Error && /timeout/i.test(error.message)) return 'connection timed out';
  return code;
}

export function driverCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; errno?: unknown; errors?: unknown[] };
    if (typeof e.code === 'string' && e.code !== '') return e.code;
    // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
    if (Array.isArray(e.errors) && e.errors.length > 0) return driverCode(e.errors[0]);
  }
  return 'unknown error';
}
