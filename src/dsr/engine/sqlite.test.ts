/**
 * The engine on a SQLite file (the discovery issue's third database kind): access by e-mail and
 * phone (normalised, also inside JSON), a dry run, an erasure that keeps invoices under retention
 * with the customer pseudonymised, composite and missing primary keys, a link without a foreign
 * key, foreign keys checked by SQLite itself, and a second run that changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'node-sqlite3-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapField, MapState, MapTable, Reference } from '../../datamap/datamap.types.js';
import { identityGraphOf } from '../../datamap/map.js';
import { compilePlan, describeColumns, isPseudonym, openEngineConnection, runPlan, type ErasurePolicy, type Plan } from './index.js';

const SYSTEM = 'lite';
const KEY = 'd4'.repeat(32);
const POLICY: ErasurePolicy = { rules: { 'user.financial': { action: 'retain', reason: 'tax law: invoices kept 10 years' } } };

const DDL = `
  create table customers (id integer primary key, email text not null, name text not null, phone text, profile text);
  create table orders (id integer primary key, customer_id integer not null references customers (id), total real not null);
  create table order_items (order_id integer not null references orders (id), line_no integer not null, sku text not null, primary key (order_id, line_no));
  create table invoices (id integer primary key, customer_id integer not null references customers (id), amount real not null);
  create table notes (id integer primary key, customer_ref integer, body text);
  create table events (customer_id integer references customers (id), kind text, at text);
  insert into customers values (1, ' Alice@Example.com', 'Alice Doe', '+49 151 12345678', '{"alt": "alice@example.com"}'), (2, 'bob@example.com', 'Bob Roe', '0151 99999999', null), (3, 'carol@example.com', 'Carol Poe', null, '{"alt": "carol@example.org"}');
  insert into orders values (10, 1, 9.5), (11, 1, 20), (20, 2, 5);
  insert into order_items values (10, 1, 'sku-1'), (10, 2, 'sku-2'), (20, 1, 'sku-1');
  insert into invoices values (1, 1, 29.5), (2, 2, 5);
  insert into notes values (1, 1, 'Alice called'), (2, 2, 'Bob called');
  insert into events values (1, 'login', '2025-01-01'), (1, 'login', '2025-01-01'), (2, 'login', '2025-01-02');
`;

function table(name: string, columns: [string, string][], primaryKey: string[]): MapTable {
  return { systemId: SYSTEM, system: SYSTEM, schema: 'main', table: name, kind: 'table', rowEstimate: null, primaryKey, columns: columns.map(([c, kind]) => ({ name: c, kind, dataType: kind === 'number' ? 'integer' : 'text' })), origin: 'scanner' };
}
function field(name: string, column: string, category: string, identity: string | null = null, json = false): MapField {
  return { id: `${name}.${column}`, systemId: SYSTEM, system: SYSTEM, schema: 'main', table: name, column, dataType: json ? 'json' : 'text', entity: json ? 'EMAIL_ADDRESS' : null, category, level: 'L2', confidence: 1, provenance: 'human', identity, freeText: false };
}
function reference(id: string, from: [string, string], to: [string, string], origin: Reference['origin']): Reference {
  return { id, from: { system: SYSTEM, schema: 'main', table: from[0], columns: [from[1]] }, to: { system: SYSTEM, schema: 'main', table: to[0], columns: [to[1]] }, origin, confidence: 1, status: 'active', evidence: {}, note: null };
}

const STATE: MapState = {
  organisation: null,
  systems: [],
  tables: [
    table('customers', [['id', 'number'], ['email', 'text'], ['name', 'text'], ['phone', 'text'], ['profile', 'json']], ['id']),
    table('orders', [['id', 'number'], ['customer_id', 'number'], ['total', 'number']], ['id']),
    table('order_items', [['order_id', 'number'], ['line_no', 'number'], ['sku', 'text']], ['order_id', 'line_no']),
    table('invoices', [['id', 'number'], ['customer_id', 'number'], ['amount', 'number']], ['id']),
    table('notes', [['id', 'number'], ['customer_ref', 'number'], ['body', 'text']], ['id']),
    table('events', [['customer_id', 'number'], ['kind', 'text'], ['at', 'text']], []),
  ],
  fields: [
    field('customers', 'email', 'user.contact.email', 'email'),
    field('customers', 'name', 'user.name'),
    field('customers', 'phone', 'user.contact.phone_number', 'phone_number'),
    field('customers', 'profile', 'user.contact.email', null, true),
    field('invoices', 'amount', 'user.financial'),
    field('notes', 'body', 'user.content'),
  ],
  references: [
    reference('orders-customer', ['orders', 'customer_id'], ['customers', 'id'], 'introspected'),
    reference('items-order', ['order_items', 'order_id'], ['orders', 'id'], 'introspected'),
    reference('invoices-customer', ['invoices', 'customer_id'], ['customers', 'id'], 'introspected'),
    reference('notes-customer', ['notes', 'customer_ref'], ['customers', 'id'], 'declared'),
    reference('events-customer', ['events', 'customer_id'], ['customers', 'id'], 'introspected'),
  ],
  activities: [],
  taxonomy: [],
};

describe('the engine on a SQLite file', () => {
  let dir: string;
  let file: string;
  const connect = () => openEngineConnection(`sqlite:${file}`);
  const query = (sql: string) => {
    const db = new sqlite3.Database(file);
    try {
      return db.all(sql) as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };

  async function plan(): Promise<Plan> {
    const graph = identityGraphOf(STATE, { identityKinds: ['email', 'phone_number'] });
    const conn = await connect();
    const columns = await describeColumns(conn, graph.reachable.map((r) => r.table)).finally(() => conn.release());
    return compilePlan({ graph, state: STATE, identities: [{ kind: 'email', value: 'alice@example.com' }, { kind: 'phone_number', value: '0151 12345678' }], policy: POLICY, columns, defaultRegion: 'DE' });
  }

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'custos-lite-'));
    file = path.join(dir, 'shop.db');
    const db = new sqlite3.Database(file);
    db.exec(DDL);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every row of Alice (e-mail in any case and inside JSON, the phone in another form) and nothing of Bob', async () => {
    const rows: Record<string, unknown[]> = {};
    const [result] = await runPlan(await plan(), { mode: 'access', connect, onRows: (_s, t, batch) => void (rows[t.table] ??= []).push(...batch) });
    expect(result!.status, result!.error).toBe('done');
    expect(rows.customers!.map((r) => (r as { id: number }).id)).toEqual([1]);
    expect(rows.orders).toHaveLength(2);
    expect(rows.order_items).toHaveLength(2);
    expect(rows.invoices).toHaveLength(1);
    expect(rows.notes).toHaveLength(1);
    expect(rows.events).toHaveLength(2); // two identical rows in a table with no key: both hers
    expect(JSON.stringify(rows)).not.toMatch(/bob|carol/i);
  });

  it('erases Alice: orders, items, notes and events gone, the invoice kept with her record pseudonymised, Bob untouched, foreign keys valid; a second run changes nothing', async () => {
    const compiled = await plan();
    const [dry] = await runPlan(compiled, { mode: 'dry-run', connect });
    expect(dry!.status, dry!.error).toBe('done');
    const t = Object.fromEntries(dry!.tables.map((x) => [x.table.table, x]));
    expect(t.invoices).toMatchObject({ matched: 1, retained: 1, retainReason: 'tax law: invoices kept 10 years' });
    expect(t.orders).toMatchObject({ matched: 2, deleted: 2 });
    expect(query('select count(*) as n from orders')[0]!.n).toBe(3);

    const [erased] = await runPlan(compiled, { mode: 'erase', connect, pseudonymKey: KEY });
    expect(erased!.status, erased!.error).toBe('done');
    expect(erased!.verify.filter((v) => v.remaining > 0 && !v.retained)).toEqual([]);
    const alice = query('select * from customers where id = 1')[0]!;
    expect(isPseudonym(String(alice.email))).toBe(true);
    expect(JSON.stringify(query('select * from customers')).toLowerCase()).not.toMatch(/alice|12345678/);
    expect(query('select id from orders').map((r) => r.id)).toEqual([20]);
    expect(query('select count(*) as n from order_items')[0]!.n).toBe(1);
    expect(query('select id from invoices order by id').map((r) => r.id)).toEqual([1, 2]);
    expect(query('select id from notes').map((r) => r.id)).toEqual([2]);
    expect(query('select count(*) as n from events where customer_id = 1')[0]!.n).toBe(0);
    expect(query('select email, name, phone from customers where id = 2')[0]).toEqual({ email: 'bob@example.com', name: 'Bob Roe', phone: '0151 99999999' });
    expect(query('pragma foreign_key_check')).toEqual([]);

    const before = JSON.stringify(['customers', 'orders', 'order_items', 'invoices', 'notes', 'events'].map((x) => query(`select * from ${x}`)));
    const [again] = await runPlan(await plan(), { mode: 'erase', connect, pseudonymKey: KEY });
    expect(again!.status, again!.error).toBe('done');
    expect(JSON.stringify(['customers', 'orders', 'order_items', 'invoices', 'notes', 'events'].map((x) => query(`select * from ${x}`)))).toBe(before);
  });
});
