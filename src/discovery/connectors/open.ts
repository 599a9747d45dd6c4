/** Picks the connector for a target given as a URL or a path. */
import { existsSync, statSync } from 'node:fs';
import { CustosError } from '../../lib/errors.js';
import type { Connector } from './connector.js';
import { openFiles } from './files.js';
import { openMysql } from './mysql.js';
import { isPgliteDataDir, openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i;

export type TargetEngine = 'postgres' | 'mysql' | 'sqlite' | 'pglite' | 'files';

export function engineOf(target: string): TargetEngine {
  if (/^postgres(ql)?:\/\//i.test(target)) return 'postgres';
  if (/^(mysql|mariadb):\/\//i.test(target)) return 'mysql';
  if (/^sqlite:/i.test(target)) return 'sqlite';
  if (/^pglite:/i.test(target)) return 'pglite';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new CustosError('VALIDATION_FAILED', `unsupported target ${target.split('://')[0]}://…; use postgres://, mysql://, mariadb://, sqlite:FILE, a SQLite file or a folder of files`);
  }
  if (SQLITE_FILE.test(target) && existsSync(target) && statSync(target).isFile()) return 'sqlite';
  if (existsSync(target) && statSync(target).isDirectory() && isPgliteDataDir(target)) return 'pglite';
  return 'files';
}

export async function openConnector(target: string): Promise<Connector> {
  switch (engineOf(target)) {
    case 'postgres':
      return openPostgres(target);
    case 'mysql':
      return openMysql(target.replace(/^mariadb:/i, 'mysql:'));
    case 'sqlite':
      return openSqlite(target.replace(/^sqlite:(\/\/)?/i, ''));
    case 'pglite':
      return openPglite(target.replace(/^pglite:(\/\/)?/i, ''));
    case 'files':
      return openFiles(target);
  }
}
