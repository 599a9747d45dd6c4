/**
 * Scanning a large PostgreSQL table. End to end (connect, introspect, sample pushed down with
 * TABLESAMPLE, classify every column, grade) against the baseline of the same sampling query
 * written out by `COPY (SELECT …) TO STDOUT` through psql, in the same run. Then a full read of the
 * whole table, watching the process's memory: it must stay flat however large the table.
 *
 * The table (10 million rows by default, BENCH_SCAN_ROWS) is built once in the database
 * custos_bench_scan and reused by later runs.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { openConnector } from '../src/discovery/connectors/open.js';
import type { Connector } from '../src/discovery/connectors/connector.js';
import { scanSource, scanTable } from '../src/discovery/scan/scanner.js';
import { BENCH_PG_ADMIN, time, type Row } from './support.js';

const DB = 'custos_bench_scan';

async function ensureTable(rows: number): Promise<string> {
  const admin = new pg.Client({ connectionString: BENCH_PG_ADMIN });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [DB]);
  if (!exists.rowCount) await admin.query(`create database ${admin.escapeIdentifier(DB)}`);
  await admin.end();
  const url = new URL(BENCH_PG_ADMIN);
  url.pathname = `/${DB}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const count = await client.query<{ n: string }>("select coalesce((select reltuples::bigint from pg_class where relname = 'people'), -1)::text as n");
  if (Math.abs(Number(count.rows[0]!.n) - rows) > rows * 0.05) {
    console.error(`building ${rows} rows in ${DB}.people (once)…`);
    await client.query('drop table if exists people');
    await client.query(`create table people as
      select g as id,
             'person' || g || '@example.com' as email,
             '+1 202 555 ' || lpad((g % 10000)::text, 4, '0') as phone,
             (array['Ana','Ben','Chen','Dara','Emil','Fatima','Gita','Hugo'])[1 + g % 8] || ' ' || (array['Silva','Meyer','Wang','Tan','Smith','Rossi'])[1 + g % 6] as full_name,
             date '1950-01-01' + (g % 20000) as date_of_birth,
             'SKU-' || (g % 5000) as last_product,
             round((g % 1000) * 1.37, 2) as last_amount,
             md5(g::text) as session_hash
        from generate_series(1, ${rows}) g`);
    await client.query('alter table people add primary key (id)');
    await client.query('analyze people');
  }
  await client.end();
  return url.toString();
}

export async function benchScan(rows: number): Promise<Row[]> {
  const url = await ensureTable(rows);
  const sample = 1000;
  const scanned = await time(async () => {
    const connector = await openConnector(url);
    try {
      return await scanSource(connector, { sampleSize: sample });
    } finally {
      await connector.close();
    }
  });
  const people = scanned.result.tables.find((t) => t.table === 'people')!;
  const flagged = people.columns.filter((c) => c.entity).map((c) => `${c.column}=${c.entity}`);
  const percent = Math.min(100, ((sample * 3) / rows) * 100).toFixed(6);
  const copy = await time(async () =>
    execFileSync('psql', [url, '-q', '-c', `copy (select id::text, email, phone, full_name, date_of_birth::text, last_product, last_amount::text, session_hash from public.people tablesample system (${percent}) limit ${sample}) to stdout`], { maxBuffer: 64 * 1024 * 1024 }),
  );
  const result: Row[] = [
    {
      benchmark: `scan ${rows.toLocaleString('en')}-row table, sample ${sample} (s)`,
      store: 'postgres',
      n: people.sampledRows,
      custos: (scanned.ms / 1000).toFixed(2),
      baseline: `${(copy.ms / 1000).toFixed(2)} (COPY of the same sample via psql)`,
      ratio: `${(scanned.ms / copy.ms).toFixed(2)}× the baseline; flagged ${flagged.join(', ')}`,
    },
  ];
  if (process.env.BENCH_SCAN_FULL !== '0') {
    // A full read of the table, classifying every value, for a fixed time (the whole table would
    // take minutes): rows per second, and how far the process's memory grows while it streams.
    const seconds = Number(process.env.BENCH_SCAN_FULL_SECONDS ?? 60);
    const connector = await openConnector(url);
    const table = (await connector.listTables()).find((t) => t.name === 'people')!;
    let rowsRead = 0;
    const counting: Connector = {
      ...connector,
      readRows: async function* (t, options) {
        for await (const batch of connector.readRows(t, options)) {
          rowsRead += batch.length;
          yield batch;
        }
      },
    };
    const abort = new AbortController();
    const stopAt = setTimeout(() => abort.abort(), seconds * 1000);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = process.hrtime.bigint();
    await scanTable(counting, table, { size: 0, full: true, maxValueChars: 4096 }, abort.signal).catch(() => undefined);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    clearTimeout(stopAt);
    clearInterval(sampler);
    await connector.close();
    result.push({
      benchmark: `full read and classify, ${seconds} s budget (rows/s; peak RSS growth)`,
      store: 'postgres',
      n: rowsRead,
      custos: `${Math.round(rowsRead / (ms / 1000)).toLocaleString('en')} rows/s, +${Math.round((peak - before) / 1048576)} MiB peak RSS`,
      baseline: `table on disk: ${await tableSize(url)}`,
      ratio: `${((rowsRead / rows) * 100).toFixed(0)}% of the table read in ${(ms / 1000).toFixed(1)} s`,
    });
  }
  return result;
}

async function tableSize(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ size: string }>("select pg_size_pretty(pg_total_relation_size('people')) as size");
  await client.end();
  return rows[0]!.size;
}
