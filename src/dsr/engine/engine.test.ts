/** The execution engine against the real PostgreSQL and MariaDB servers (see test/support). */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { identityGraphOf } from '../../datamap/map.js';
import { data, ddl, mapState, mergeStates, REFERENCES, TABLES } from './fixture.test-support.js';
import { compilePlan, describeColumns, isPseudonym, mysqlConnection, postgresConnection, runPlan, type EngineConnection, type ErasurePolicy, type Plan, type SystemResult } from './index.js';

const PG_SCHEMA = 'Shop Data';
const POLICY: ErasurePolicy = {
  rules: {
    'user.financial': { action: 'retain', reason: 'German Fiscal Code §147 invoice retention' },
    'user.contact': 'delete_row',
    'user.name': 'delete_row',
    'user.content': 'delete_row',
  },
};
const KEY = 'a1'.repeat(32);
const ALICE = [
  { kind: 'email', value: ' alice@EXAMPLE.com' },
  { kind: 'phone_number', value: '0151 12345678' },
];

type Dump = Record<string, string[]>;

describe('DSR execution engine', () => {
  const mysqlUrl = inject('mysqlUrl');
  const myDb = `custos_dsr_${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let pgPool: pg.Pool;
  let myPool: mysql.Pool;
  const systems = () => (mysqlUrl ? ['pg', 'maria'] : ['pg']);

  async function resetPg() {
    const q = (n: string) => pg.escapeIdentifier(n);
    await pgPool.query(`drop schema if exists ${q(PG_SCHEMA)} cascade; create schema ${q(PG_SCHEMA)}`);
    for (const s of ddl('pg', q, PG_SCHEMA)) await pgPool.query(s);
    for (const [table, rows] of data((v) => JSON.stringify(v))) {
      for (const row of rows) await pgPool.query(`insert into ${q(PG_SCHEMA)}.${q(table)} values (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row);
    }
    await pgPool.query(`update ${q(PG_SCHEMA)}.a set b_id = id`);
  }
  async function resetMy() {
    if (!mysqlUrl) return;
    const q = (n: string) => myPool.escapeId(n);
    await myPool.query(`drop database if exists ${q(myDb)}`);
    await myPool.query(`create database ${q(myDb)}`);
    for (const s of ddl('my', q, myDb)) await myPool.query(s);
    for (const [table, rows] of data((v) => JSON.stringify(v))) await myPool.query(`insert into ${q(myDb)}.${q(table)} values ?`, [rows]);
    await myPool.query(`update ${q(myDb)}.a set b_id = id`);
  }
  const reset = async () => {
    await resetPg();
    await resetMy();
  };
  const connect = (system: string): Promise<EngineConnection> => (system === 'pg' ? postgresConnection(pgPool) : mysqlConnection(myPool));
  const schemaOf = (system: string) => (system === 'pg' ? PG_SCHEMA : myDb);

  async function buildPlan(identities = ALICE): Promise<Plan> {
    const state = mergeStates(...systems().map((s) => mapState(s, schemaOf(s))));
    const graph = identityGraphOf(state);
    let columns = {};
    for (const s of systems()) {
      const db = await connect(s);
      try {
        columns = { ...columns, ...(await describeColumns(db, TABLES.map((t) => ({ system: s, schema: schemaOf(s), table: t.name })))) };
      } finally {
        await db.release();
      }
    }
    return compilePlan({ graph, state, identities, policy: POLICY, columns, defaultRegion: 'DE' });
  }

  const norm = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' && /^[[{]/.test(v) ? JSON.parse(v) : v);
  const rowText = (row: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, norm(v)])));

  async function dump(system: string): Promise<Dump> {
    const db = await connect(system);
    try {
      const out: Dump = {};
      for (const t of TABLES) {
        const rel = `${db.quote(schemaOf(system))}.${db.quote(t.name)}`;
        const { rows } = await db.query(`select * from ${rel}`);
        out[t.name] = rows.map(rowText).sort();
      }
      return out;
    } finally {
      await db.release();
    }
  }

  async function orphans(system: string): Promise<number> {
    const db = await connect(system);
    try {
      let total = 0;
      for (const [from, fc, to, tc] of REFERENCES) {
        const rel = (t: string) => `${db.quote(schemaOf(system))}.${db.quote(t)}`;
        const notNull = fc.map((c) => `c.${db.quote(c)} is not null`).join(' and ');
        const eq = fc.map((c, i) => `p.${db.quote(tc[i]!)} = c.${db.quote(c)}`).join(' and ');
        const { rows } = await db.query(`select count(*) as n from ${rel(from)} as c where ${notNull} and not exists (select 1 from ${rel(to)} as p where ${eq})`);
        total += Number(rows[0]!.n);
      }
      return total;
    } finally {
      await db.release();
    }
  }

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_dsr');
    pgPool = new pg.Pool({ connectionString: database.url, max: 4 });
    if (mysqlUrl) myPool = mysql.createPool({ uri: mysqlUrl, connectionLimit: 4 });
    await reset();
  });
  afterAll(async () => {
    await pgPool?.end();
    await database?.drop();
    if (mysqlUrl) {
      await myPool?.query(`drop database if exists ${myPool.escapeId(myDb)}`);
      await myPool?.end();
    }
  });

  const accessed: Record<string, Record<string, string[]>> = {};
  const before: Record<string, Dump> = {};
  const erased: Record<string, Dump> = {};

  it('compiles a plan: retention, deletion order, cycle break, no values outside identities', async () => {
    const plan = await buildPlan();
    expect(plan.systems.map((s) => s.system)).toEqual(systems().sort());
    for (const sp of plan.systems) {
      const erase = Object.fromEntries(sp.steps.filter((s) => s.kind === 'erase').map((s) => [s.table.table, s]));
      expect(erase.invoices).toMatchObject({ rows: 'retain', retainReason: 'German Fiscal Code §147 invoice retention' });
      expect(erase.customers!.notes.join(' ')).toContain('retained rows of');
      expect(erase.payments!.order).toBeLessThan(erase.orders!.order);
      expect(erase.orders!.order).toBeLessThan(erase.customers!.order);
      expect(erase.deliveries!.order).toBeLessThan(erase.addresses!.order);
      expect(erase.b!.order).toBeLessThan(erase.a!.order);
      expect(erase.a!.breakEdges).toHaveLength(1);
      expect(erase.employees!.breakEdges).toHaveLength(1);
      expect(erase.customers!.fields.find((f) => f.column === 'name')).toMatchObject({ requested: 'delete_row', action: 'pseudonymise' });
      expect(erase.customers!.fields.find((f) => f.column === 'profile')).toMatchObject({ action: 'null' });
      expect(erase.events!.rows).toBe('delete_row');
      const text = JSON.stringify(sp);
      expect(text.toLowerCase()).not.toContain('alice');
    }
    expect(plan.identities.find((i) => i.kind === 'phone_number')!.value).toBe('+4915112345678');
  });

  it('access returns every row of person A and none of person B', async () => {
    for (const s of systems()) before[s] = await dump(s);
    const plan = await buildPlan();
    const rows: Record<string, Record<string, string[]>> = {};
    const results = await runPlan(plan, { mode: 'access', connect, onRows: (system, table, batch) => {
        const bySystem = (rows[system] ??= {});
        (bySystem[table.table] ??= []).push(...batch.map(rowText));
      } });
    expect(results.every((r) => r.status === 'done')).toBe(true);
    for (const s of systems()) {
      const got = Object.fromEntries(Object.entries(rows[s]!).map(([t, r]) => [t, r.map((x) => JSON.parse(x) as Record<string, unknown>)]));
      const ids = (t: string, col = 'id') => (got[t] ?? []).map((r) => r[col]).sort();
      expect(ids('customers'), s).toEqual([1]);
      expect(ids('orders')).toEqual([10, 11]);
      expect((got.order_items ?? []).length).toBe(3);
      expect(ids('payments')).toEqual([100]);
      expect(ids('addresses', 'customer_id')).toEqual([1]);
      expect(ids('deliveries')).toEqual([1000]);
      expect(ids('employees')).toEqual([2]);
      expect(ids('a')).toEqual([1]);
      expect(ids('b')).toEqual([1]);
      expect(ids('notes')).toEqual([1]);
      expect(ids('invoices')).toEqual([1]);
      expect(ids('shared_orders')).toEqual([1]);
      expect((got.events ?? []).length).toBe(2);
      expect(ids('audit')).toEqual([1]);
      const all = JSON.stringify(got).toLowerCase();
      expect(all).not.toMatch(/bob|carol|carl|side road|ring twice|beta/);
      expect(results.find((r) => r.system === s)!.tables.find((t) => t.table.table === 'shared_orders')).toMatchObject({ matched: 1 });
      accessed[s] = rows[s]!;
    }
    // The plan of an access request (counts, no rows read) says which rows are shared with someone else.
    const preview = await runPlan(plan, { mode: 'access', connect, readRows: false });
    for (const r of preview) expect(r.tables.find((t) => t.table.table === 'shared_orders')).toMatchObject({ matched: 1, shared: 1 });
  });

  it('dry-run reports counts and changes nothing', async () => {
    const plan = await buildPlan();
    const results = await runPlan(plan, { mode: 'dry-run', connect });
    for (const r of results) {
      expect(r.status).toBe('done');
      const t = Object.fromEntries(r.tables.map((x) => [x.table.table, x]));
      expect(t.customers).toMatchObject({ matched: 1, deleted: 0, updated: 1 });
      expect(t.customers!.fields).toEqual(expect.arrayContaining([{ column: 'email', action: 'pseudonymise', rows: 1 }, { column: 'phone', action: 'pseudonymise', rows: 1 }]));
      expect(t.orders).toMatchObject({ matched: 2, deleted: 2 });
      expect(t.invoices).toMatchObject({ matched: 1, deleted: 0, retained: 1, retainReason: 'German Fiscal Code §147 invoice retention' });
      expect(t.employees).toMatchObject({ matched: 1, deleted: 0, updated: 1 });
      expect(t.shared_orders).toMatchObject({ matched: 1, shared: 1, deleted: 0, updated: 0 });
      expect(t.events).toMatchObject({ matched: 1, deleted: 1 });
      expect(await dump(r.system)).toEqual(before[r.system]);
    }
  });

  it('the PostgreSQL executor decides exactly as the portable one (rows read, counts, verification)', async () => {
    const plan = await buildPlan();
    const pgOnly = { ...plan, systems: plan.systems.filter((s) => s.system === 'pg') };
    const outcome = async (executor: 'auto' | 'portable', recursiveBudgetMs?: number) => {
      const rows: string[] = [];
      const budget = recursiveBudgetMs ? { recursiveBudgetMs } : {};
      const access = await runPlan(pgOnly, { mode: 'access', connect, executor, ...budget, batchSize: 2, onRows: (_s, table, batch) => void rows.push(...batch.map((r) => `${table.table} ${rowText(r)}`)) });
      const preview = await runPlan(pgOnly, { mode: 'access', connect, executor, ...budget, readRows: false });
      const dry = await runPlan(pgOnly, { mode: 'dry-run', connect, executor, ...budget });
      return { rows: rows.sort(), access: access.map((r) => r.tables), preview: preview.map((r) => r.tables), dry: dry.map((r) => ({ status: r.status, tables: r.tables, verify: r.verify })) };
    };
    const fast = await outcome('auto');
    expect(fast.dry[0]!.status).toBe('done');
    expect(fast.rows.length).toBeGreaterThan(10);
    expect(fast).toEqual(await outcome('portable'));
    // Past its time budget (1 ms here) the PostgreSQL executor gives way to the set-based one: same answers.
    expect(await outcome('auto', 1)).toEqual(fast);
  });

  function checkErased(system: string, after: Dump) {
    const text = JSON.stringify(after).toLowerCase();
    expect(text).not.toContain('alice');
    expect(text).not.toContain('15112345678');
    expect(text).not.toContain('1234 5678');
    // Every row that is not A's is unchanged, and so is the shared order.
    const mine = new Set(Object.values(accessed[system]!).flat());
    for (const [table, rows] of Object.entries(before[system]!)) {
      for (const row of rows) if (!mine.has(row) || table === 'shared_orders') expect(after[table], `${table} ${row}`).toContain(row);
    }
    const customers = after.customers!.map((r) => JSON.parse(r) as Record<string, unknown>);
    const alice = customers.find((c) => c.id === 1)!;
    expect(isPseudonym(String(alice.email))).toBe(true);
    expect(String(alice.email)).toMatch(/@invalid\.example$/);
    expect(alice.profile).toBeNull();
    expect(after.invoices!.some((r) => JSON.parse(r).id === 1)).toBe(true);
    expect(after.orders!.map((r) => JSON.parse(r).id)).toEqual([20]);
    expect(after.events).toHaveLength(1);
    expect(after.audit).toHaveLength(1);
  }

  it('erases A: no trace, B untouched, foreign keys valid, invoices kept with the customer pseudonymised', async () => {
    const plan = await buildPlan();
    const done = new Map<string, SystemResult>();
    const results = await runPlan(plan, { mode: 'erase', connect, pseudonymKey: KEY, isDone: (id) => done.has(id), markDone: (id, r) => void done.set(id, r) });
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.status).toBe('done');
      expect(r.verify.filter((v) => v.remaining > 0)).toEqual([]);
      const after = await dump(r.system);
      checkErased(r.system, after);
      expect(await orphans(r.system)).toBe(0);
      erased[r.system] = after;
    }
    expect([...done.keys()].sort()).toEqual(systems().map((s) => `erase:${s}`).sort());
  });

  it('re-running the erasure is a no-op', async () => {
    const plan = await buildPlan();
    const results = await runPlan(plan, { mode: 'erase', connect, pseudonymKey: KEY });
    for (const r of results) {
      expect(r.status).toBe('done');
      expect(r.tables.every((t) => t.matched === 0 && t.deleted === 0)).toBe(true);
      expect(await dump(r.system)).toEqual(erased[r.system]);
    }
  });

  it('a run killed after the first system is marked done finishes with the same final state', async () => {
    await reset();
    const plan = await buildPlan();
    const done = new Map<string, SystemResult>();
    await expect(
      runPlan(plan, {
        mode: 'erase',
        connect,
        pseudonymKey: KEY,
        isDone: (id) => done.has(id),
        markDone: (id, r) => {
          done.set(id, r);
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(done.size).toBe(1);
    const results = await runPlan(plan, { mode: 'erase', connect, pseudonymKey: KEY, isDone: (id) => done.has(id), markDone: (id, r) => void done.set(id, r) });
    expect(results.map((r) => r.status)).toEqual(systems().length > 1 ? ['skipped', 'done'] : ['skipped']);
    for (const s of systems()) expect(await dump(s)).toEqual(erased[s]);
  });

  it('rectifies: the dry run counts, the run corrects the person’s own rows only (by category and by column), a re-run changes nothing', async () => {
    await reset();
    const plan = await buildPlan();
    const corrections = (system: string) => ({ 'user.name': 'Alice Corrected', [`${system}/${schemaOf(system)}/addresses#street`]: '1 New Street' });
    for (const s of systems()) {
      const only = { ...plan, systems: plan.systems.filter((x) => x.system === s) };
      const snapshot = await dump(s);
      const [dry] = await runPlan(only, { mode: 'dry-run', connect, corrections: corrections(s) });
      expect(dry!.status, dry!.error).toBe('done');
      const t = Object.fromEntries(dry!.tables.map((x) => [x.table.table, x]));
      expect(t.customers!.fields).toEqual([{ column: 'name', action: 'correct', rows: 1 }]);
      expect(t.payments!.fields).toEqual([{ column: 'card_holder', action: 'correct', rows: 1 }]);
      expect(t.addresses!.fields).toEqual([{ column: 'street', action: 'correct', rows: 1 }]);
      expect(t.employees!.fields).toEqual([{ column: 'name', action: 'correct', rows: 1 }]);
      expect(t.orders!.fields).toEqual([]);
      expect(await dump(s)).toEqual(snapshot);

      const [done] = await runPlan(only, { mode: 'rectify', connect, corrections: corrections(s) });
      expect(done!.status, done!.error).toBe('done');
      const after = await dump(s);
      const rows = (table: string) => after[table]!.map((r) => JSON.parse(r) as Record<string, unknown>);
      expect(rows('customers').find((c) => c.id === 1)!.name).toBe('Alice Corrected');
      expect(rows('customers').filter((c) => c.name === 'Alice Corrected')).toHaveLength(1);
      expect(rows('addresses').filter((a) => a.street === '1 New Street').map((a) => a.customer_id)).toEqual([1]);
      // Everyone else's rows are as they were.
      const changed = (table: string) => after[table]!.filter((r) => !snapshot[table]!.includes(r)).length;
      expect(changed('customers') + changed('payments') + changed('addresses') + changed('employees')).toBe(4);
      expect(changed('orders') + changed('shared_orders') + changed('notes')).toBe(0);

      const [again] = await runPlan(only, { mode: 'dry-run', connect, corrections: corrections(s) });
      expect(again!.tables.flatMap((x) => x.fields).every((f) => f.rows === 0)).toBe(true);
    }
  });

  it('rolls a system back and reports without values when the database refuses', async () => {
    await reset();
    const plan = await buildPlan();
    // A foreign key the map does not know: deleting Alice's orders must fail, and nothing may change.
    const q = (n: string) => pg.escapeIdentifier(n);
    await pgPool.query(`create table ${q(PG_SCHEMA)}.refunds (id int primary key, order_id int not null references ${q(PG_SCHEMA)}.orders (id) on delete restrict)`);
    await pgPool.query(`insert into ${q(PG_SCHEMA)}.refunds values (1, 10)`);
    const snapshot = await dump('pg');
    const [pgResult] = await runPlan({ ...plan, systems: plan.systems.filter((s) => s.system === 'pg') }, { mode: 'erase', connect, pseudonymKey: KEY });
    expect(pgResult!.status).toBe('failed');
    // One statement erases every table: PostgreSQL's error names the constraint and its table.
    expect(pgResult!.error).toBe(`erase: database error 23503 (constraint refunds_order_id_fkey on ${PG_SCHEMA}.refunds)`);
    expect(await dump('pg')).toEqual(snapshot);
    await pgPool.query(`drop table ${q(PG_SCHEMA)}.refunds`);
  });
});
