/**
 * The store: Custos's own PostgreSQL database, embedded (PGlite in the data directory) by
 * default, or a PostgreSQL server when CUSTOS_DATABASE_URL is set. Both speak the same SQL
 * through one Kysely instance and run the same migrations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CustosError } from '../lib/errors.js';
import { redactUrl } from '../lib/urls.js';
import type { Database } from './database.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { Mutex, PGliteDialect } from './pglite-dialect.js';

export type StoreKind = 'pglite' | 'postgres';

export interface SqlResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export interface Store {
  readonly kind: StoreKind;
  readonly db: Kysely<Database>;
  /** Where the store is, safe to print (no password). */
  readonly location: string;
  /** Raw SQL for libraries that bring their own (pg-boss); serialised with everything else on PGlite. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /** Connection settings for libraries that want their own pool, or undefined on the embedded store. */
  readonly connectionString?: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  dataDir: string;
  databaseUrl?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

// int8 (bigint) columns hold sequence numbers and counts far below 2^53: read them as numbers.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.databaseUrl ? openPostgresStore(options.databaseUrl, options.maxConnections ?? 10) : openEmbeddedStore(options.dataDir);
}

async function openEmbeddedStore(dataDir: string): Promise<Store> {
  const storeDir = path.join(dataDir, 'store');
  mkdirSync(storeDir, { recursive: true });
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(storeDir, { parsers: { [INT8_OID]: (value: string) => Number(value) } });
  } catch (err) {
    lock.release();
    throw new CustosError('STORE_UNAVAILABLE', `cannot open the embedded store at ${storeDir}: ${(err as Error).message}`, { cause: err });
  }
  const mutex = new Mutex();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, mutex) });
  return {
    kind: 'pglite',
    db,
    location: `embedded PGlite at ${storeDir}`,
    executeSql: (text, values) =>
      mutex.runExclusive(async () => {
        if (!values || values.length === 0) {
          const results = await pglite.exec(text);
          const last = results.at(-1);
          return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
        }
        const result = await pglite.query<Record<string, unknown>>(text, values);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      }),
    ping: async () => {
      await db.executeQuery(CompiledQuery.raw('select 1'));
    },
    close: async () => {
      try {
        await db.destroy();
      } finally {
        lock.release();
      }
    },
  };
}

async function openPostgresStore(url: string, maxConnections: number): Promise<Store> {
  await ensurePostgresDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    location: `PostgreSQL at ${redactUrl(url)}`,
    connectionString: url,
    executeSql: async (text, values) => {
      const result = await pool.query(text, values as unknown[] | undefined);
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => db.destroy(),
  };
}

/** Creates the database named in the URL when the server is up but the database is not there yet. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '3D000') throw unreachable(url, err);
  } finally {
    await client.end().catch(() => undefined);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await adminClient.connect();
    await adminClient.query(`create database ${adminClient.escapeIdentifier(name)}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw unreachable(url, err);
  } finally {
    await adminClient.end().catch(() => undefined);
  }
}

function unreachable(url: string, err: unknown): CustosError {
  const reason = (err as { code?: string; message?: string }).code ?? (err as Error).message;
  return new CustosError('STORE_UNAVAILABLE', `cannot reach the PostgreSQL store at ${redactUrl(url)} (${reason})`, { cause: err });
}
