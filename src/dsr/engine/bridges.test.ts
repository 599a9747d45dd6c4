/**
 * References between systems (declared in the map): the person's rows in the CRM carry their keys
 * to the app's tickets, which hold no identity of their own; access finds them, erasure removes
 * them, and an erasure interrupted after the CRM was erased still finds the tickets when resumed.
 * Two systems on the real PostgreSQL (two schemas, each its own connection).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { MapField, MapState, MapTable, Reference } from '../../datamap/datamap.types.js';
import { identityGraphOf } from '../../datamap/map.js';
import { compilePlan, describeColumns, postgresConnection, runPlan, type BridgeSeed, type Plan, type RunOptions } from './index.js';

const KEY = 'c3'.repeat(32);
const CRM = 'a-crm';
const APP = 'b-app';

function table(system: string, name: string, columns: [string, string][]): MapTable {
  return { systemId: system, system, schema: system, table: name, kind: 'table', rowEstimate: null, primaryKey: ['id'], columns: columns.map(([c, kind]) => ({ name: c, kind, dataType: kind === 'number' ? 'integer' : 'text' })), origin: 'scanner' };
}
function field(system: string, name: string, column: string, category: string, identity: string | null = null): MapField {
  return { id: `${system}.${name}.${column}`, systemId: system, system, schema: system, table: name, column, dataType: 'text', entity: null, category, level: 'L2', confidence: 1, provenance: 'human', identity, freeText: false };
}
function reference(id: string, from: [string, string, string], to: [string, string, string], origin: Reference['origin']): Reference {
  return { id, from: { system: from[0], schema: from[0], table: from[1], columns: [from[2]] }, to: { system: to[0], schema: to[0], table: to[1], columns: [to[2]] }, origin, confidence: 1, status: 'active', evidence: {}, note: null };
}

const STATE: MapState = {
  organisation: null,
  systems: [],
  tables: [table(CRM, 'contacts', [['id', 'number'], ['email', 'text']]), table(APP, 'tickets', [['id', 'number'], ['contact_ref', 'number'], ['body', 'text']]), table(APP, 'ticket_notes', [['id', 'number'], ['ticket_id', 'number'], ['note', 'text']])],
  fields: [field(CRM, 'contacts', 'email', 'user.contact.email', 'email'), field(APP, 'tickets', 'body', 'user.content'), field(APP, 'ticket_notes', 'note', 'user.content')],
  references: [reference('notes-ticket', [APP, 'ticket_notes', 'ticket_id'], [APP, 'tickets', 'id'], 'introspected'), reference('ticket-contact', [APP, 'tickets', 'contact_ref'], [CRM, 'contacts', 'id'], 'declared')],
  activities: [],
  taxonomy: [],
};

describe('references between systems (bridges)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const connect = () => postgresConnection(pool);

  async function reset() {
    const q = pg.escapeIdentifier;
    await pool.query(`drop schema if exists ${q(CRM)} cascade; drop schema if exists ${q(APP)} cascade; create schema ${q(CRM)}; create schema ${q(APP)}`);
    await pool.query(`create table ${q(CRM)}.contacts (id int primary key, email text not null)`);
    await pool.query(`create table ${q(APP)}.tickets (id int primary key, contact_ref int, body text)`);
    await pool.query(`create table ${q(APP)}.ticket_notes (id int primary key, ticket_id int not null references ${q(APP)}.tickets (id), note text)`);
    await pool.query(`insert into ${q(CRM)}.contacts values (1, 'Alice@Example.com'), (2, 'bob@example.com')`);
    await pool.query(`insert into ${q(APP)}.tickets values (10, 1, 'printer broken'), (11, 2, 'bob asks'), (12, 1, 'still broken')`);
    await pool.query(`insert into ${q(APP)}.ticket_notes values (100, 10, 'called alice'), (101, 11, 'called bob')`);
  }

  async function plan(): Promise<Plan> {
    const graph = identityGraphOf(STATE, { identityKinds: ['email'] });
    const conn = await connect();
    const columns = await describeColumns(conn, graph.reachable.map((r) => r.table)).finally(() => conn.release());
    return compilePlan({ graph, state: STATE, identities: [{ kind: 'email', value: 'alice@example.com' }], policy: { rules: {} }, columns });
  }

  const ids = async (sql: string) => (await pool.query<{ id: number }>(sql)).rows.map((r) => r.id).sort((a, b) => a - b);

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_dsr_bridges');
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('compiles the declared reference between the systems into a bridge', async () => {
    await reset();
    const compiled = await plan();
    expect(compiled.systems.map((s) => s.system)).toEqual([CRM, APP]);
    expect(compiled.bridges).toEqual([{ id: 'ticket-contact', from: { system: APP, table: `${APP}/${APP}/tickets`, columns: ['contact_ref'] }, to: { system: CRM, table: `${CRM}/${CRM}/contacts`, columns: ['id'] } }]);
  });

  it('access follows the bridge: the tickets and their notes in the app, nothing of Bob', async () => {
    await reset();
    const rows: Record<string, number[]> = {};
    const results = await runPlan(await plan(), { mode: 'access', connect, onRows: (_s, t, batch) => void (rows[t.table] ??= []).push(...batch.map((r) => Number(r.id))) });
    expect(results.map((r) => [r.status, r.error])).toEqual([['done', undefined], ['done', undefined]]);
    expect(rows).toEqual({ contacts: [1], tickets: [10, 12], ticket_notes: [100] });
    const portable: Record<string, number[]> = {};
    await runPlan(await plan(), { mode: 'access', connect, executor: 'portable', onRows: (_s, t, batch) => void (portable[t.table] ??= []).push(...batch.map((r) => Number(r.id))) });
    expect(portable).toEqual(rows);
  });

  it('an erasure interrupted after the CRM was erased finds the app’s rows when resumed, with the values it kept', async () => {
    await reset();
    const compiled = await plan();
    const done = new Set<string>();
    let kept: Map<string, BridgeSeed[]> | null = null;
    const options: RunOptions = {
      mode: 'erase',
      connect,
      pseudonymKey: KEY,
      isDone: (id) => done.has(id),
      markDone: (id) => void done.add(id),
      bridges: { load: async () => kept, save: async (seeds) => void (kept = seeds) },
    };
    // The app's connection fails the first time: the CRM's part has committed, the app's has not.
    let failOnce = true;
    const interrupted = runPlan(compiled, { ...options, connect: async (system) => {
      if (system === APP && failOnce) {
        failOnce = false;
        throw new Error('connection lost');
      }
      return connect();
    } });
    await expect(interrupted).rejects.toThrow('connection lost');
    expect(await ids(`select id from "${CRM}".contacts`)).toEqual([2]);
    expect(await ids(`select id from "${APP}".tickets`)).toEqual([10, 11, 12]);

    const resumed = await runPlan(compiled, options);
    expect(resumed.map((r) => r.status)).toEqual(['skipped', 'done']);
    expect(await ids(`select id from "${APP}".tickets`)).toEqual([11]);
    expect(await ids(`select id from "${APP}".ticket_notes`)).toEqual([101]);
  });
});
