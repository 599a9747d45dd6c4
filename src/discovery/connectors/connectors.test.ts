/** Each connector against the real thing: PostgreSQL and MariaDB servers, a SQLite file, a folder of files. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Database } from 'node-sqlite3-wasm';
import pg from 'pg';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { Connector, SampledRow, TableInfo } from './connector.js';
import { openConnector, engineOf } from './open.js';

async function readAll(connector: Connector, table: TableInfo, options = { size: 1000, full: true, maxValueChars: 100 }): Promise<SampledRow[]> {
  const rows: SampledRow[] = [];
  for await (const batch of connector.readRows(table, options)) rows.push(...batch);
  return rows;
}

function find(tables: TableInfo[], name: string): TableInfo {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name} in ${tables.map((t) => t.name).join(', ')}`);
  return table;
}

describe('PostgreSQL connector', () => {
  let database: TestDatabase;
  let connector: Connector;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`
      create schema app;
      create table app.people (id bigint primary key, email text not null, note text, photo bytea, meta jsonb, born date);
      insert into app.people select g, 'user' || g || '@example.com', repeat('x', 500), '\\x00ff'::bytea, jsonb_build_object('phone', '+1 202 555 ' || lpad(g::text, 4, '0')), date '1980-01-01' + g
        from generate_series(1, 20000) g;
      create table app.events (id bigint, at date not null, ip inet, person_id bigint) partition by range (at);
      create table app.events_2025 partition of app.events for values from ('2025-01-01') to ('2026-01-01');
      create table app.events_2026 partition of app.events for values from ('2026-01-01') to ('2027-01-01');
      -- A key declared on each partition but not on the parent (as some sample schemas do).
      alter table app.events_2025 add constraint events_2025_person_fkey foreign key (person_id) references app.people (id);
      alter table app.events_2026 add constraint events_2026_person_fkey foreign key (person_id) references app.people (id);
      insert into app.events select g, date '2025-06-01' + (g % 400), ('10.0.' || (g % 250) || '.' || (g % 200))::inet from generate_series(1, 5000) g;
      create view app.adults as select id, email from app.people where born < date '1990-01-01';
      create table app.empty_table (id int primary key, name text);
      create table "weird ""name""" ("odd col" text);
      insert into "weird ""name""" values ('it''s fine');
      analyze;
    `);
    await client.end();
    connector = await openConnector(database.url);
  });
  afterAll(async () => {
    await connector?.close();
    await database?.drop();
  });

  it('lists tables, a partitioned table as one, views, with columns, keys and row estimates', async () => {
    const tables = await connector.listTables();
    const names = tables.map((t) => `${t.schema}.${t.name}`);
    expect(names).toEqual(expect.arrayContaining(['app.people', 'app.events', 'app.adults', 'app.empty_table', 'public.weird "name"']));
    expect(names).not.toContain('app.events_2025');
    const people = find(tables, 'people');
    expect(people.kind).toBe('table');
    expect(people.rowEstimate).toBeGreaterThan(15000);
    expect(people.columns.find((c) => c.name === 'id')).toMatchObject({ primaryKey: true, kind: 'number' });
    expect(people.columns.find((c) => c.name === 'photo')!.kind).toBe('binary');
    expect(people.columns.find((c) => c.name === 'meta')!.kind).toBe('json');
    expect(find(tables, 'events')).toMatchObject({ kind: 'partitioned' });
    // Keys declared on the partitions only belong to the partitioned table, once.
    expect(find(tables, 'events').foreignKeys).toEqual([{ name: 'events_2025_person_fkey', columns: ['person_id'], refSchema: 'app', refTable: 'people', refColumns: ['id'] }]);
    expect(find(tables, 'events').rowEstimate).toBeGreaterThan(4000);
    expect(find(tables, 'adults')).toMatchObject({ kind: 'view', rowEstimate: null });
  });

  it('samples with TABLESAMPLE pushed down, cuts long values and never reads binary columns', async () => {
    const people = find(await connector.listTables(), 'people');
    const rows = await readAll(connector, people, { size: 100, full: false, maxValueChars: 50 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(100);
    expect(rows[0]!.note!.length).toBe(50);
    expect(rows[0]!.photo).toBeNull();
    expect(rows[0]!.meta).toContain('phone');
    const ids = rows.map((r) => Number(r.id));
    expect(Math.max(...ids) - Math.min(...ids)).toBeGreaterThan(200); // spread over the table, not the first rows
  });

  it('reads a partitioned table across partitions, a view, an empty table and odd identifiers', async () => {
    const tables = await connector.listTables();
    const events = await readAll(connector, find(tables, 'events'), { size: 200, full: false, maxValueChars: 100 });
    expect(events.length).toBeGreaterThan(0);
    const all = await readAll(connector, find(tables, 'events'));
    expect(new Set(all.map((r) => r.at!.slice(0, 4)))).toEqual(new Set(['2025', '2026']));
    expect((await readAll(connector, find(tables, 'adults'), { size: 10, full: false, maxValueChars: 100 })).length).toBe(10);
    expect(await readAll(connector, find(tables, 'empty_table'))).toEqual([]);
    expect(await readAll(connector, find(tables, 'weird "name"'))).toEqual([{ 'odd col': "it's fine" }]);
  });

  it('streams a full read in batches', async () => {
    const people = find(await connector.listTables(), 'people');
    let batches = 0;
    let rows = 0;
    for await (const batch of connector.readRows(people, { size: 0, full: true, maxValueChars: 10 })) {
      batches += 1;
      rows += batch.length;
    }
    expect(rows).toBe(20000);
    expect(batches).toBe(4);
  });

  it('changes the fingerprint when rows change, not otherwise', async () => {
    const before = find(await connector.listTables(), 'empty_table').fingerprint;
    expect(find(await connector.listTables(), 'empty_table').fingerprint).toBe(before);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("insert into app.empty_table values (1, 'x')");
    await client.end();
    await new Promise((r) => setTimeout(r, 700)); // statistics are flushed asynchronously
    const after = find(await connector.listTables(), 'empty_table').fingerprint;
    expect(after).not.toBe(before);
  });

  it('names an unreachable server without the password', async () => {
    await expect(openConnector('postgres://someone:hunter2@127.0.0.1:1/x')).rejects.toThrow(/cannot connect to postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/x: ECONNREFUSED/);
    await expect(openConnector('postgres://someone:hunter2@127.0.0.1:1/x')).rejects.not.toThrow(/hunter2/);
  });
});

describe('MySQL/MariaDB connector', () => {
  const base = inject('mysqlUrl');
  const name = `custos_conn_${Date.now()}`;
  let connector: Connector;
  let admin: mysql.Connection;

  beforeAll(async () => {
    if (!base) return;
    admin = await mysql.createConnection({ uri: base, multipleStatements: true });
    await admin.query(`create database ${mysql.escapeId(name)}; use ${mysql.escapeId(name)};
      create table people (id int primary key auto_increment, email varchar(200) not null, photo blob, meta json, born date);
      create table events (id int not null, at date not null, primary key (id, at)) partition by range (year(at)) (partition p2025 values less than (2026), partition p2026 values less than (2027));
      create view adults as select id, email from people where born < '1990-01-01';`);
    const values = Array.from({ length: 3000 }, (_, i) => [`user${i}@example.com`, Buffer.from([0, 255]), JSON.stringify({ phone: `+44 20 7946 ${String(i).padStart(4, '0')}` }), '1985-05-05']);
    await admin.query('insert into people (email, photo, meta, born) values ?', [values]);
    await admin.query("insert into events values (1, '2025-03-01'), (2, '2026-04-01')");
    await admin.query('analyze table people, events');
    connector = await openConnector(`${base.replace(/\/$/, '')}/${name}`);
  });
  afterAll(async () => {
    if (!base) return;
    await connector?.close();
    await admin.query(`drop database if exists ${mysql.escapeId(name)}`);
    await admin.end();
  });

  it.skipIf(!base)('lists tables, a partitioned table as one, and views', async () => {
    const tables = await connector.listTables();
    expect(tables.map((t) => t.name).sort()).toEqual(['adults', 'events', 'people']);
    const people = find(tables, 'people');
    expect(people.columns.find((c) => c.name === 'id')).toMatchObject({ primaryKey: true, kind: 'number' });
    expect(people.columns.find((c) => c.name === 'photo')!.kind).toBe('binary');
    expect(find(tables, 'adults').kind).toBe('view');
  });

  it.skipIf(!base)('samples, reads views and partitions, and never reads binary columns', async () => {
    const tables = await connector.listTables();
    const rows = await readAll(connector, find(tables, 'people'), { size: 50, full: false, maxValueChars: 100 });
    expect(rows.length).toBe(50);
    expect(rows[0]!.email).toMatch(/@example\.com$/);
    expect(rows[0]!.photo).toBeUndefined();
    expect(rows[0]!.meta).toContain('phone');
    expect((await readAll(connector, find(tables, 'events'))).length).toBe(2);
    expect((await readAll(connector, find(tables, 'adults'), { size: 5, full: false, maxValueChars: 100 })).length).toBe(5);
    const full = await readAll(connector, find(tables, 'people'));
    expect(full.length).toBe(3000);
  });
});

describe('SQLite and file connectors', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'custos-files-'));
    const db = new Database(path.join(dir, 'app.sqlite'));
    db.exec(`create table users (id integer primary key, email text, avatar blob); create view v as select email from users;`);
    for (let i = 0; i < 30; i += 1) db.run('insert into users (email, avatar) values (?, ?)', [`u${i}@example.com`, new Uint8Array([1, 2])]);
    db.close();
    mkdirSync(path.join(dir, 'files', 'nested'), { recursive: true });
    writeFileSync(path.join(dir, 'files', 'customers.csv'), '\uFEFFname,email,phone\n"Doe, Jane",jane@example.com,+1 202 555 0143\nJohn Roe,john@example.com,\n');
    writeFileSync(path.join(dir, 'files', 'nested', 'events.jsonl'), '{"user":{"email":"a@example.com"},"tags":["x","y"]}\nnot json at all\n\n{"user":{"email":"b@example.com"}}\n');
    writeFileSync(path.join(dir, 'files', 'doc.json'), JSON.stringify([{ id: 1, contact: { phone: '+49 30 123456' } }]));
    writeFileSync(path.join(dir, 'files', 'notes.txt'), Buffer.from('caf\xe9 call Jane at jane@example.com\n', 'latin1'));
    writeFileSync(path.join(dir, 'files', 'ignored.bin'), Buffer.from([0, 1, 2]));
    await parquetWriteFile({ filename: path.join(dir, 'files', 'people.parquet'), columnData: [{ name: 'email', data: ['p@example.com', 'q@example.com'], type: 'STRING' }, { name: 'age', data: [31, 42], type: 'INT32' }] });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('picks the engine from the target', () => {
    expect(engineOf('postgres://x/y')).toBe('postgres');
    expect(engineOf('mariadb://x/y')).toBe('mysql');
    expect(engineOf(path.join(dir, 'app.sqlite'))).toBe('sqlite');
    expect(engineOf('sqlite:/tmp/x.db')).toBe('sqlite');
    expect(engineOf(dir)).toBe('files');
    expect(() => engineOf('mongodb://x')).toThrow(/unsupported target mongodb/);
  });

  it('reads a SQLite file: tables, views, no blobs', async () => {
    const connector = await openConnector(path.join(dir, 'app.sqlite'));
    const tables = await connector.listTables();
    expect(tables.map((t) => `${t.name}:${t.kind}`).sort()).toEqual(['users:table', 'v:view']);
    const users = find(tables, 'users');
    expect(users.rowEstimate).toBe(30);
    const rows = await readAll(connector, users, { size: 10, full: false, maxValueChars: 100 });
    expect(rows).toHaveLength(10);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'email']);
    await connector.close();
  });

  it('reads CSV, JSONL, JSON, Parquet and text in a folder tree, flattening nested keys', async () => {
    const connector = await openConnector(path.join(dir, 'files'));
    const tables = await connector.listTables();
    expect(tables.map((t) => path.join(t.schema, t.name)).sort()).toEqual(['customers.csv', 'doc.json', path.join('nested', 'events.jsonl'), 'notes.txt', 'people.parquet']);
    const csv = await readAll(connector, find(tables, 'customers.csv'));
    expect(csv[0]).toEqual({ name: 'Doe, Jane', email: 'jane@example.com', phone: '+1 202 555 0143' });
    expect(find(tables, 'events.jsonl').columns.map((c) => c.name).sort()).toEqual(['tags', 'text', 'user.email']);
    const jsonl = await readAll(connector, find(tables, 'events.jsonl'));
    expect(jsonl.map((r) => r['user.email'] ?? r.text)).toEqual(['a@example.com', 'not json at all', 'b@example.com']);
    expect((await readAll(connector, find(tables, 'doc.json')))[0]).toEqual({ id: '1', 'contact.phone': '+49 30 123456' });
    expect(await readAll(connector, find(tables, 'people.parquet'))).toEqual([{ email: 'p@example.com', age: '31' }, { email: 'q@example.com', age: '42' }]);
    expect((await readAll(connector, find(tables, 'notes.txt')))[0]!.text).toBe('café call Jane at jane@example.com');
  });

  it('names a missing path', async () => {
    await expect(openConnector(path.join(dir, 'nope'))).rejects.toThrow(/no file or folder at/);
  });
});

describe('connection retries', () => {
  it('retries transient failures a bounded number of times, and not permanent ones', async () => {
    const { connectWithRetries } = await import('./errors.js');
    let calls = 0;
    const flaky = () => (++calls < 3 ? Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) : Promise.resolve('up'));
    await expect(connectWithRetries(flaky, { delayMs: 1 })).resolves.toBe('up');
    expect(calls).toBe(3);
    calls = 0;
    const down = () => (calls++, Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })));
    await expect(connectWithRetries(down, { delayMs: 1 })).rejects.toThrow('refused');
    expect(calls).toBe(3);
    calls = 0;
    const denied = () => (calls++, Promise.reject(Object.assign(new Error('password authentication failed'), { code: '28P01' })));
    await expect(connectWithRetries(denied, { delayMs: 1 })).rejects.toThrow('password');
    expect(calls).toBe(1);
  });
});
