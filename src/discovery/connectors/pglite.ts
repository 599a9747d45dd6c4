/**
 * An embedded PGlite database (the demo company's default home) scanned with the PostgreSQL
 * connector: same catalogue, same SQL. PGlite has one connection, so statements take turns.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Mutex } from '../../db/pglite-dialect.js';
import { CustosError } from '../../lib/errors.js';
import type { Connector } from './connector.js';
import { createPostgresConnector, type PgQueryable, type PgSource } from './postgres.js';

export function isPgliteDataDir(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

export async function openPglite(dir: string): Promise<Connector> {
  const absolute = path.resolve(dir);
  if (!isPgliteDataDir(absolute)) throw new CustosError('TARGET_UNREACHABLE', `${absolute} is not a PGlite data directory (no PG_VERSION file)`);
  let db: PGlite;
  try {
    db = await PGlite.create(absolute);
  } catch (err) {
    throw new CustosError('TARGET_UNREACHABLE', `cannot open the PGlite database in ${absolute}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const mutex = new Mutex();
  const run: PgQueryable = { query: async <R extends object>(text: string, values?: unknown[]) => db.query<R>(text, values) };
  const source: PgSource = {
    query: (text, values) => mutex.runExclusive(() => run.query(text, values)),
    // The turn is held for the whole function: a cursor's statements must not interleave with others.
    withConnection: (fn) => mutex.runExclusive(() => fn(run)),
    close: () => db.close(),
  };
  return createPostgresConnector(source, { engine: 'pglite', location: `pglite:${absolute}`, excludeSchemas: [] });
}
