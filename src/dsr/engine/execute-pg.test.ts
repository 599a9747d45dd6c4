/** The PostgreSQL executor's index-aware e-mail matching, against the real server. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { MapState } from '../../datamap/datamap.types.js';
import { identityGraphOf } from '../../datamap/map.js';
import { emailFormOf } from './execute-pg.js';
import { prepareOption } from './connections.js';
import { compilePlan, describeColumns, postgresConnection, runPlan } from './index.js';

describe('emailFormOf', () => {
  it('reads the index expressions PostgreSQL prints for lower(col) and lower(trim(col))', () => {
    expect(emailFormOf('lower(email)', 'email')).toBe('lower');
    expect(emailFormOf('lower((email)::text)', 'email')).toBe('lower');
    expect(emailFormOf('lower("E-Mail")', 'E-Mail')).toBe('lower');
    expect(emailFormOf('lower(TRIM(BOTH FROM email))', 'email')).toBe('lower_trim');
    expect(emailFormOf('lower(btrim((email)::text))', 'email')).toBe('lower_trim');
    expect(emailFormOf('email', 'email')).toBeNull();
    expect(emailFormOf('lower(other)', 'email')).toBeNull();
    expect(emailFormOf('upper(email)', 'email')).toBeNull();
  });
});

describe('e-mail matching in the form the column’s index supports', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const state: MapState = {
    organisation: null,
    systems: [],
    tables: [{ systemId: 's', system: 's', schema: 'public', table: 'people', kind: 'table', rowEstimate: null, primaryKey: ['id'], columns: [{ name: 'id', kind: 'number', dataType: 'integer' }, { name: 'email', kind: 'text', dataType: 'text' }], origin: 'scanner' }],
    fields: [{ id: 'f', systemId: 's', system: 's', schema: 'public', table: 'people', column: 'email', dataType: 'text', entity: 'EMAIL_ADDRESS', category: 'user.contact.email', level: 'L2', confidence: 1, provenance: 'human', identity: 'email', freeText: false }],
    references: [],
    activities: [],
    taxonomy: [],
  };

  async function matchedIds(): Promise<number[]> {
    const graph = identityGraphOf(state, { identityKinds: ['email'] });
    const conn = await postgresConnection(pool);
    const columns = await describeColumns(conn, graph.reachable.map((r) => r.table)).finally(() => conn.release());
    const plan = compilePlan({ graph, state, identities: [{ kind: 'email', value: 'Alice@Example.com' }], policy: { rules: {} }, columns });
    const ids: number[] = [];
    // runPlan releases the connection it is given.
    const [result] = await runPlan(plan, { mode: 'access', connect: () => postgresConnection(pool), onRows: (_s, _t, rows) => void ids.push(...rows.map((r) => Number(r.id))) });
    expect(result!.status).toBe('done');
    return ids.sort();
  }

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_dsr_form');
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    await pool.query(`create table people (id int primary key, email text not null)`);
    await pool.query(`insert into people values (1, 'alice@example.com'), (2, 'ALICE@EXAMPLE.COM'), (3, '  Alice@Example.com '), (4, 'bob@example.com')`);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('without an index: the full normal form (case and surrounding spaces ignored)', async () => {
    expect(await matchedIds()).toEqual([1, 2, 3]);
  });

  it('with an index on lower(email): that form, so the index serves it (surrounding spaces then count)', async () => {
    await pool.query('create index people_email_lower on people (lower(email))');
    expect(await matchedIds()).toEqual([1, 2]);
  });

  it('with an index on lower(trim(email)) as well: the full normal form again, through that index', async () => {
    await pool.query('create index people_email_norm on people (lower(trim(email)))');
    expect(await matchedIds()).toEqual([1, 2, 3]);
  });
});

describe('the PostgreSQL executor on one pooled session, request after request', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const table = (name: string, columns: [string, string][]) => ({ systemId: 's', system: 's', schema: 'public', table: name, kind: 'table' as const, rowEstimate: null, primaryKey: ['id'], columns: columns.map(([n, kind]) => ({ name: n, kind: kind as 'number', dataType: kind === 'number' ? 'integer' : 'text' })), origin: 'scanner' as const });
  const state: MapState = {
    organisation: null,
    systems: [],
    tables: [table('people', [['id', 'number'], ['email', 'text']]), table('notes', [['id', 'number'], ['person_id', 'number'], ['body', 'text']])],
    fields: [
      { id: 'f', systemId: 's', system: 's', schema: 'public', table: 'people', column: 'email', dataType: 'text', entity: 'EMAIL_ADDRESS', category: 'user.contact.email', level: 'L2', confidence: 1, provenance: 'human', identity: 'email', freeText: false },
      { id: 'g', systemId: 's', system: 's', schema: 'public', table: 'notes', column: 'body', dataType: 'text', entity: null, category: 'user.content', level: 'L2', confidence: 1, provenance: 'human', identity: null, freeText: true },
    ],
    references: [{ id: 'r', from: { system: 's', schema: 'public', table: 'notes', columns: ['person_id'] }, to: { system: 's', schema: 'public', table: 'people', columns: ['id'] }, origin: 'introspected', confidence: 1, status: 'active', evidence: {}, note: null }],
    activities: [],
    taxonomy: [],
  } as MapState;

  async function run(mode: 'access' | 'dry-run', executor?: 'portable', connect = () => postgresConnection(pool)) {
    const graph = identityGraphOf(state, { identityKinds: ['email'] });
    const conn = await postgresConnection(pool);
    const columns = await describeColumns(conn, graph.reachable.map((r) => r.table)).finally(() => conn.release());
    const plan = compilePlan({ graph, state, identities: [{ kind: 'email', value: 'alice@example.com' }], policy: { rules: { 'user.content': 'delete_row' } }, columns });
    const rows: Record<string, Record<string, unknown>[]> = {};
    const [result] = await runPlan(plan, { mode, ...(executor ? { executor } : {}), connect, onRows: (_s, t, batch) => void (rows[t.table] ??= []).push(...batch) });
    expect(result!.status, result!.error).toBe('done');
    return { rows, tables: result!.tables.map((t) => [t.table.table, t.matched, t.shared, t.deleted, t.updated, t.retained]).sort() };
  }

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_dsr_session');
    // One connection: every request runs on the same server session, its prepared statements and temporary table.
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    await pool.query(`create table people (id int primary key, email text not null)`);
    await pool.query(`create table notes (id int primary key, person_id int not null references people (id), body text)`);
    await pool.query(`insert into people values (1, 'alice@example.com'), (2, 'bob@example.com')`);
    await pool.query(`insert into notes select g, 1 + (g % 2), 'note ' || g from generate_series(1, 40) g`);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('reads a table whose columns changed since the last request (statements prepared for the old ones are not reused)', async () => {
    expect((await run('access')).rows.people).toEqual([{ id: 1, email: 'alice@example.com' }]);
    await pool.query(`alter table people add column nickname text`);
    expect((await run('access')).rows.people).toEqual([{ id: 1, email: 'alice@example.com', nickname: null }]);
  });

  it('runs every statement unnamed when prepared statements are turned off (custos_prepare=off in a system URL)', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const named = async () => Number((await client.query('select count(*) as n from pg_prepared_statements')).rows[0].n);
      expect((await run('access', undefined, () => postgresConnection(client, { prepare: false }))).rows.people!.map((r) => r.id)).toEqual([1]);
      expect(await named()).toBe(0);
      await run('access', undefined, () => postgresConnection(client));
      expect(await named()).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    expect(prepareOption('postgres://h/db?custos_prepare=off')).toEqual({ url: 'postgres://h/db', prepare: false });
    expect(prepareOption('postgres://h/db?sslmode=require&custos_prepare=off')).toEqual({ url: 'postgres://h/db?sslmode=require', prepare: false });
    expect(prepareOption('postgres://h/db?custos_prepare=off&sslmode=require')).toEqual({ url: 'postgres://h/db?sslmode=require', prepare: false });
    expect(prepareOption('postgres://h/db?a=1&custos_prepare=on&b=2')).toEqual({ url: 'postgres://h/db?a=1&b=2', prepare: true });
    expect(prepareOption('postgres://h/db')).toEqual({ url: 'postgres://h/db', prepare: true });
    expect(() => prepareOption('postgres://h/db?custos_prepare=maybe')).toThrow(/custos_prepare .* must be on or off/);
  });

  it('a person with more rows than the small-set plans serve: the same decisions as the portable executor', async () => {
    await pool.query(`insert into notes select g, 1, 'note ' || g from generate_series(1000, 1700) g`);
    const pgRun = await run('dry-run');
    expect(pgRun.tables).toEqual((await run('dry-run', 'portable')).tables);
    expect(pgRun.tables).toContainEqual(['notes', 721, 0, 721, 0, 0]);
    // And a small set again on the same session afterwards.
    await pool.query(`delete from notes where id >= 1000`);
    expect((await run('access')).rows.notes).toHaveLength(20);
  });

  it('recovers on the same session after a key column changes type (the cached facts no longer compile)', async () => {
    // Integer keys made text on both sides of the reference (a migration to string ids).
    await pool.query(`alter table notes drop constraint notes_person_id_fkey`);
    await pool.query(`alter table notes alter column person_id type text`);
    await pool.query(`alter table people alter column id type text`);
    await pool.query(`alter table notes add foreign key (person_id) references people (id)`);
    // The first request may fail (its statement was written for the old type); the next one reads the catalog again.
    await run('access').catch(() => undefined);
    expect((await run('access')).rows.notes!.length).toBeGreaterThan(0);
  });
});
