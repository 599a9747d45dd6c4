/**
 * PostgreSQL: introspection from the catalogue (partitions fold into their parent, views are
 * listed), sampling with TABLESAMPLE SYSTEM pushed down to the server, values cast to text and cut
 * at the source, full reads through a server-side cursor so memory stays flat.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { redactUrl } from '../../lib/urls.js';
import type { ColumnInfo, ColumnKind, Connector, ForeignKeyInfo, SampleOptions, SampledRow, TableInfo } from './connector.js';
import { connectionError, connectWithRetries } from './errors.js';

const BATCH = 5000;
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

/** What the connector needs of a PostgreSQL connection: a server pool, or an embedded PGlite. */
export interface PgQueryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface PgSource extends PgQueryable {
  /** Runs `fn` on one connection, for statements that must share it (a cursor in a transaction). */
  withConnection<T>(fn: (connection: PgQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openPostgres(url: string, options: { excludeSchemas?: string[] } = {}): Promise<Connector> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, statement_timeout: 120_000, application_name: 'custos-scan' });
  pool.on('error', () => undefined);
  try {
    await connectWithRetries(() => pool.query('select 1'));
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw connectionError(location, err);
  }
  const source: PgSource = {
    query: async <R extends object>(text: string, values?: unknown[]) => pool.query<R & pg.QueryResultRow>(text, values),
    withConnection: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({ query: async <R extends object>(text: string, values?: unknown[]) => client.query<R & pg.QueryResultRow>(text, values) });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return createPostgresConnector(source, { engine: 'postgres', location, excludeSchemas: options.excludeSchemas ?? [] });
}

export function createPostgresConnector(source: PgSource, options: { engine: string; location: string; excludeSchemas: string[] }): Connector {
  const excluded = [...SYSTEM_SCHEMAS, ...options.excludeSchemas];
  return {
    engine: options.engine,
    location: options.location,
    listTables: () => listTables(source, excluded),
    readRows: (table, sample) => readRows(source, table, sample),
    close: () => source.close(),
  };
}

async function listTables(pool: PgQueryable, excluded: string[]): Promise<TableInfo[]> {
  const tables = await pool.query<{ oid: number; schema: string; name: string; relkind: string; estimate: number; changes: string }>(
    `select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relkind::text as relkind,
            greatest(coalesce((select sum(greatest(p.reltuples, 0)) from pg_inherits i join pg_class p on p.oid = i.inhrelid where i.inhparent = c.oid), 0),
                     greatest(c.reltuples, 0))::float8 as estimate,
            coalesce((select sum(s.n_tup_ins + s.n_tup_upd + s.n_tup_del) from pg_stat_user_tables s
                      where s.relid = c.oid or s.relid in (select inhrelid from pg_inherits where inhparent = c.oid)), 0)::text as changes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition
        and n.nspname <> all($1::text[]) and n.nspname not like 'pg_temp%'
      order by n.nspname, c.relname`,
    [excluded],
  );
  const columns = await pool.query<{ oid: number; name: string; type: string; category: string; nullable: boolean; pk: boolean }>(
    `select a.attrelid::int as oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, t.typcategory as category,
            not a.attnotnull as nullable,
            exists (select 1 from pg_index x where x.indrelid = a.attrelid and x.indisprimary and a.attnum = any(x.indkey)) as pk
       from pg_attribute a join pg_type t on t.oid = a.atttypid
      where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
      order by a.attrelid, a.attnum`,
    [tables.rows.map((t) => t.oid)],
  );
  const foreignKeys = await listForeignKeys(pool, tables.rows.map((t) => t.oid));
  const byTable = new Map<number, ColumnInfo[]>();
  for (const c of columns.rows) {
    const list = byTable.get(c.oid) ?? [];
    list.push({ name: c.name, dataType: c.type, kind: kindOf(c.category, c.type), nullable: c.nullable, primaryKey: c.pk });
    byTable.set(c.oid, list);
  }
  return tables.rows.map((t) => {
    const cols = byTable.get(t.oid) ?? [];
    const kind = t.relkind === 'p' ? 'partitioned' : t.relkind === 'v' || t.relkind === 'm' ? 'view' : 'table';
    return {
      schema: t.schema,
      name: t.name,
      kind,
      rowEstimate: kind === 'view' ? null : Math.round(t.estimate),
      columns: cols,
      foreignKeys: foreignKeys.get(t.oid) ?? [],
      fingerprint: fingerprint(cols, t.changes),
    };
  });
}

/**
 * Foreign keys with their columns in key order. Constraints a partition inherits from its
 * parent (conparentid <> 0) are left out: the parent's constraint already says it once. A key
 * declared on partitions only (each its own constraint) belongs to the partitioned table the
 * scan reports: it is attributed to the root, once, and so is a key that points at a partition.
 */
async function listForeignKeys(pool: PgQueryable, oids: number[]): Promise<Map<number, ForeignKeyInfo[]>> {
  const { rows } = await pool.query<{ oid: number; name: string; columns: string[]; ref_schema: string; ref_table: string; ref_columns: string[] }>(
    `with keys as (
       select c.conname, c.conrelid, c.confrelid, c.conkey, c.confkey,
              case when t.relispartition then pg_partition_root(c.conrelid) else c.conrelid end as root,
              case when f.relispartition then pg_partition_root(c.confrelid) else c.confrelid end as ref_root
         from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class f on f.oid = c.confrelid
        where c.contype = 'f' and c.conparentid = 0
     )
     select k.root::int as oid, min(k.conname) as name, k.columns, rn.nspname as ref_schema, r.relname as ref_table, k.ref_columns
       from (select keys.*,
                    array(select a.attname from unnest(keys.conkey) with ordinality x(n, i) join pg_attribute a on a.attrelid = keys.conrelid and a.attnum = x.n order by x.i)::text[] as columns,
                    array(select a.attname from unnest(keys.confkey) with ordinality x(n, i) join pg_attribute a on a.attrelid = keys.confrelid and a.attnum = x.n order by x.i)::text[] as ref_columns
               from keys where keys.root = any($1::oid[])) as k
       join pg_class r on r.oid = k.ref_root join pg_namespace rn on rn.oid = r.relnamespace
      group by k.root, k.columns, rn.nspname, r.relname, k.ref_columns
      order by k.root, name`,
    [oids],
  );
  const byTable = new Map<number, ForeignKeyInfo[]>();
  for (const row of rows) {
    const list = byTable.get(row.oid) ?? [];
    list.push({ name: row.name, columns: row.columns, refSchema: row.ref_schema, refTable: row.ref_table, refColumns: row.ref_columns });
    byTable.set(row.oid, list);
  }
  return byTable;
}

function kindOf(category: string, type: string): ColumnKind {
  if (type === 'bytea') return 'binary';
  if (type === 'json' || type === 'jsonb') return 'json';
  switch (category) {
    case 'S':
      return 'text';
    case 'N':
      return 'number';
    case 'D':
      return 'temporal';
    case 'B':
      return 'boolean';
    case 'A':
    case 'U':
      return 'other';
    default:
      return type.includes('char') || type === 'text' ? 'text' : 'other';
  }
}

export function fingerprint(columns: ColumnInfo[], activity: string): string {
  const shape = columns.map((c) => `${c.name}:${c.dataType}`).join(',');
  return createHash('sha256').update(`${shape}|${activity}`).digest('hex').slice(0, 24);
}

async function* readRows(pool: PgSource, table: TableInfo, options: SampleOptions): AsyncIterable<SampledRow[]> {
  const readable = table.columns.filter((c) => c.kind !== 'binary');
  if (readable.length === 0) return;
  const q = (name: string) => pg.escapeIdentifier(name);
  const select = readable.map((c) => `left(${q(c.name)}::text, ${Math.trunc(options.maxValueChars)}) as ${q(c.name)}`).join(', ');
  const from = `${q(table.schema)}.${q(table.name)}`;
  if (!options.full) {
    const sampled = (method: SamplingMethod) => pool.query<SampledRow>(`select ${select} from ${from}${samplingClause(table, options.size, method)} limit $1`, [options.size]);
    let rows = (await sampled('system')).rows;
    // Page sampling is lumpy on tables of few pages; row sampling is exact but reads every page.
    if (rows.length < Math.min(options.size, table.rowEstimate ?? 0) / 2) rows = (await sampled('bernoulli')).rows;
    yield withNullBinaries(rows, table);
    return;
  }
  yield* readWithCursor(pool, `select ${select} from ${from}`, (rows) => withNullBinaries(rows, table));
}

/**
 * A cursor in a read-only transaction on one connection, handed out a batch at a time with
 * back-pressure: memory stays flat whatever the table's size.
 */
async function* readWithCursor(source: PgSource, query: string, map: (rows: SampledRow[]) => SampledRow[]): AsyncIterable<SampledRow[]> {
  const ready: SampledRow[][] = [];
  let finished = false;
  let stopped = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  const reading = source
    .withConnection(async (client) => {
      await client.query('begin read only');
      try {
        await client.query(`declare custos_scan no scroll cursor for ${query}`);
        for (;;) {
          const batch = await client.query<SampledRow>(`fetch ${BATCH} from custos_scan`);
          if (batch.rows.length) {
            ready.push(map(batch.rows));
            wake?.();
            await new Promise<void>((r) => (resume = r));
          }
          if (batch.rows.length < BATCH || stopped) break;
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      }
    })
    .catch((err: unknown) => {
      failure = err;
    })
    .finally(() => {
      finished = true;
      wake?.();
    });
  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        yield next;
        resume?.();
        continue;
      }
      if (finished) break;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    // The consumer stopped early (cancel, error): let the reader close its cursor and connection.
    stopped = true;
    resume?.();
    await reading;
  }
  if (failure) throw failure;
}

type SamplingMethod = 'system' | 'bernoulli';

/**
 * TABLESAMPLE SYSTEM reads whole pages at random: cheap on a huge table. It is asked for about
 * three times the wanted rows (pages are uneven) and the LIMIT cuts; small tables are read as is.
 */
function samplingClause(table: TableInfo, size: number, method: SamplingMethod): string {
  const estimate = table.rowEstimate ?? 0;
  if (table.kind === 'view' || estimate <= size * 10) return '';
  const factor = method === 'system' ? 3 : 2;
  const percent = Math.min(100, Math.max(0.0001, ((size * factor) / estimate) * 100));
  return ` tablesample ${method} (${percent.toFixed(6)})`;
}

function withNullBinaries(rows: SampledRow[], table: TableInfo): SampledRow[] {
  const binaries = table.columns.filter((c) => c.kind === 'binary');
  if (binaries.length) for (const row of rows) for (const c of binaries) row[c.name] = null;
  return rows;
}
