/** The PostgreSQL executor's index-aware e-mail matching, against the real server. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { MapState } from '../../datamap/datamap.types.js';
import { identityGraphOf } from '../../datamap/map.js';
import { emailFormOf } from './execute-pg.js';
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
