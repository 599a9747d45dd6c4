/**
 * Features of real schemas the demo shop does not have, each a case of its own (a held-out trial on
 * a public sample schema found them): a partitioned table with an ON DELETE RESTRICT foreign key to
 * the subject declared on the parent and another only on one partition (the map knows that one as
 * inferred, since the parent declares nothing), a view, a link with no foreign key at all, a home
 * address shared by two people, a lookup table the scanner classified as personal (region names:
 * `user.location.imprecise`), an employee table with identities that every visit points at, and
 * e-mail addresses stored in mixed case with spaces. Own schema and data; runs on the real PostgreSQL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { MapField, MapState, MapTable, Reference } from '../../datamap/datamap.types.js';
import { identityGraphOf } from '../../datamap/map.js';
import { compilePlan, describeColumns, postgresConnection, runPlan, type EngineConnection, type ErasurePolicy, type Plan, type RunOptions, type SystemResult } from './index.js';

const SYSTEM = 'heldout';
const SCHEMA = 'Held Out';
const KEY = 'b2'.repeat(32);
const POLICY: ErasurePolicy = { rules: { 'user.financial': { action: 'retain', reason: 'statutory accounting records' } } };

const q = (n: string) => pg.escapeIdentifier(n);
const rel = (t: string) => `${q(SCHEMA)}.${q(t)}`;

const DDL = [
  `create table ${rel('region')} (id int primary key, name text not null)`,
  `create table ${rel('home')} (id int primary key, street text not null, region_id int not null references ${rel('region')} (id) on delete restrict)`,
  `create table ${rel('person')} (id int primary key, email text, full_name text not null, home_id int not null references ${rel('home')} (id) on delete restrict)`,
  `create table ${rel('clerk')} (id int primary key, email text, name text not null)`,
  `create table ${rel('visit')} (id int primary key, person_id int not null references ${rel('person')} (id) on delete restrict, clerk_id int references ${rel('clerk')} (id) on delete restrict, at date not null)`,
  // Partitioned: the RESTRICT key to the subject on the parent; the key to visit only on one partition.
  `create table ${rel('charge')} (id int not null, charged_on date not null, person_id int not null references ${rel('person')} (id) on delete restrict, visit_id int, amount numeric(6,2) not null, primary key (id, charged_on)) partition by range (charged_on)`,
  `create table ${rel('charge_2025_01')} partition of ${rel('charge')} for values from ('2025-01-01') to ('2025-02-01')`,
  `create table ${rel('charge_2025_02')} partition of ${rel('charge')} for values from ('2025-02-01') to ('2025-03-01')`,
  `alter table ${rel('charge_2025_01')} add foreign key (visit_id) references ${rel('visit')} (id) on delete restrict`,
  // Partitioned by list, its key to visit only on its partition, and a name that sorts after visit's.
  `create table ${rel('voucher')} (id int not null, kind text not null, visit_id int not null, primary key (id, kind)) partition by list (kind)`,
  `create table ${rel('voucher_paper')} partition of ${rel('voucher')} for values in ('paper')`,
  `alter table ${rel('voucher_paper')} add foreign key (visit_id) references ${rel('visit')} (id) on delete restrict`,
  // A link no constraint declares.
  `create table ${rel('ticket')} (id int primary key, customer_ref int, body text)`,
  `create view ${rel('person_list')} as select p.id, p.full_name as name, h.street, r.name as region from ${rel('person')} p join ${rel('home')} h on h.id = p.home_id join ${rel('region')} r on r.id = h.region_id`,
];

/**
 * Ann and Ben share home 1 (region North, which also holds Cid's and Eve's homes); Dee lives alone
 * in region Lonely. Cid paid for Ben's visit 20. Eve is reached only through links with no foreign
 * key (a ticket, and a charge in the partition without keys). Visits name the clerk who served them.
 */
const DATA: [string, unknown[][]][] = [
  ['region', [[1, 'North'], [2, 'Lonely']]],
  ['home', [[1, 'Shared Lane 1', 1], [2, 'Other Road 2', 1], [3, 'Solo Street 3', 2], [4, 'Eve Street 4', 1]]],
  ['person', [[1, '  Ann.Lee@Example.COM ', 'Ann Lee', 1], [2, 'ben@example.com', 'Ben Ode', 1], [3, 'CID@example.com', 'Cid Roe', 2], [4, 'Dee.Fox@Example.com', 'Dee Fox', 3], [5, 'eve@example.com', 'Eve Ash', 4]]],
  ['clerk', [[1, 'Clerk.One@Example.com', 'Carl Clerk']]],
  ['visit', [[10, 1, 1, '2025-01-10'], [11, 1, 1, '2025-02-11'], [20, 2, 1, '2025-01-20'], [30, 3, 1, '2025-01-30'], [40, 4, null, '2025-01-05']]],
  ['charge', [
    [100, '2025-01-15', 1, 10, 5], [101, '2025-02-15', 1, 11, 6], [200, '2025-01-20', 2, 20, 7], [201, '2025-02-03', 3, 20, 8],
    [300, '2025-01-30', 3, 30, 9], [400, '2025-01-06', 4, 40, 3], [401, '2025-02-06', 4, 40, 4], [500, '2025-02-10', 5, null, 2],
  ]],
  ['voucher', [[1, 'paper', 40]]],
  ['ticket', [[1, 1, 'Ann asked about a late fee'], [2, 5, 'Eve complained about noise'], [3, 2, 'Ben moved in with Ann']]],
];

type Col = [name: string, kind: string, dataType: string, category?: string, identity?: string];
const TABLES: { name: string; kind: string; pk: string[]; cols: Col[] }[] = [
  { name: 'region', kind: 'table', pk: ['id'], cols: [['id', 'number', 'integer'], ['name', 'text', 'text', 'user.location.imprecise']] },
  { name: 'home', kind: 'table', pk: ['id'], cols: [['id', 'number', 'integer'], ['street', 'text', 'text', 'user.contact.address.street'], ['region_id', 'number', 'integer']] },
  { name: 'person', kind: 'table', pk: ['id'], cols: [['id', 'number', 'integer'], ['email', 'text', 'text', 'user.contact.email', 'email'], ['full_name', 'text', 'text', 'user.name'], ['home_id', 'number', 'integer']] },
  { name: 'clerk', kind: 'table', pk: ['id'], cols: [['id', 'number', 'integer'], ['email', 'text', 'text', 'user.contact.email', 'email'], ['name', 'text', 'text', 'user.name']] },
  { name: 'visit', kind: 'table', pk: ['id'], cols: [['id', 'number', 'integer'], ['person_id', 'number', 'integer'], ['clerk_id', 'number', 'integer'], ['at', 'temporal', 'date']] },
  { name: 'charge', kind: 'partitioned', pk: ['id', 'charged_on'], cols: [['id', 'number', 'integer'], ['charged_on', 'temporal', 'date'], ['person_id', 'number', 'integer'], ['visit_id', 'number', 'integer'], ['amount', 'number', 'numeric']] },
  { name: 'voucher', kind: 'partitioned', pk: ['id', 'kind'], cols: [['id', 'number', 'integer'], ['kind', 'text', 'text'], ['visit_id', 'number', 'integer']] },
  { name: 'ticket', kind: 'table', pk: ['id'], cols: [['id', 'number', 'integer'], ['customer_ref', 'number', 'integer'], ['body', 'text', 'text', 'user.content']] },
  { name: 'person_list', kind: 'view', pk: [], cols: [['id', 'number', 'integer'], ['name', 'text', 'text', 'user.name'], ['street', 'text', 'text', 'user.contact.address.street'], ['region', 'text', 'text', 'user.location.imprecise']] },
];

/** What discovery records: introspected keys of the parents, inferred links where nothing is declared on the table the map knows. */
const REFERENCES: [string, string, string, string, 'introspected' | 'inferred'][] = [
  ['home', 'region_id', 'region', 'id', 'introspected'],
  ['person', 'home_id', 'home', 'id', 'introspected'],
  ['visit', 'person_id', 'person', 'id', 'introspected'],
  ['visit', 'clerk_id', 'clerk', 'id', 'introspected'],
  ['charge', 'person_id', 'person', 'id', 'introspected'],
  ['charge', 'visit_id', 'visit', 'id', 'inferred'],
  ['voucher', 'visit_id', 'visit', 'id', 'inferred'],
  ['ticket', 'customer_ref', 'person', 'id', 'inferred'],
];

function mapState(): MapState {
  const tables: MapTable[] = TABLES.map((t) => ({
    systemId: SYSTEM,
    system: SYSTEM,
    schema: SCHEMA,
    table: t.name,
    kind: t.kind,
    rowEstimate: null,
    primaryKey: t.pk,
    columns: t.cols.map(([name, kind, dataType]) => ({ name, kind, dataType })),
    origin: 'scanner',
  }));
  const fields: MapField[] = TABLES.flatMap((t) =>
    t.cols
      .filter((c) => c[3])
      .map(([column, , dataType, category, identity]) => ({
        id: `${t.name}.${column}`,
        systemId: SYSTEM,
        system: SYSTEM,
        schema: SCHEMA,
        table: t.name,
        column,
        dataType,
        entity: null,
        category: category!,
        level: 'L3',
        confidence: 1,
        provenance: 'scanner' as const,
        identity: identity ?? null,
        freeText: false,
      })),
  );
  const references: Reference[] = REFERENCES.map(([from, fc, to, tc, origin], i) => ({
    id: `heldout-ref-${i}`,
    from: { system: SYSTEM, schema: SCHEMA, table: from, columns: [fc] },
    to: { system: SYSTEM, schema: SCHEMA, table: to, columns: [tc] },
    origin,
    confidence: origin === 'inferred' ? 0.99 : 1,
    status: 'active',
    evidence: {},
    note: null,
  }));
  return { organisation: null, systems: [], tables, fields, references, activities: [], taxonomy: [] };
}

type Rows = Record<string, Record<string, unknown>[]>;
const BASE = ['region', 'home', 'person', 'clerk', 'visit', 'charge', 'voucher', 'ticket'];
/** Portable executor (the option exists while both executors live; ignored if it goes). */
const PORTABLE = { executor: 'portable' } as unknown as Partial<RunOptions>;

describe('DSR engine on held-out schema features (PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const connect = (): Promise<EngineConnection> => postgresConnection(pool);

  async function reset() {
    await pool.query(`drop schema if exists ${q(SCHEMA)} cascade; create schema ${q(SCHEMA)}`);
    for (const s of DDL) await pool.query(s);
    for (const [table, rows] of DATA) for (const row of rows) await pool.query(`insert into ${rel(table)} values (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row);
  }

  async function plan(email: string): Promise<Plan> {
    const state = mapState();
    const graph = identityGraphOf(state, { identityKinds: ['email'] });
    const db = await connect();
    try {
      const columns = await describeColumns(db, TABLES.filter((t) => t.kind !== 'view').map((t) => ({ system: SYSTEM, schema: SCHEMA, table: t.name })));
      return compilePlan({ graph, state, identities: [{ kind: 'email', value: email }], policy: POLICY, columns });
    } finally {
      await db.release();
    }
  }

  async function dump(): Promise<Rows> {
    const out: Rows = {};
    for (const t of BASE) out[t] = (await pool.query(`select * from ${rel(t)} order by 1, 2`)).rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v])));
    return out;
  }
  const text = (rows: Rows | Record<string, unknown>[]) => JSON.stringify(rows);
  const ids = (rows: Record<string, unknown>[] | undefined) => (rows ?? []).map((r) => Number(r.id)).sort((a, b) => a - b);

  async function access(email: string, extra: Partial<RunOptions> = {}): Promise<{ rows: Rows; result: SystemResult }> {
    const rows: Rows = {};
    const [result] = await runPlan(await plan(email), {
      mode: 'access',
      connect,
      onRows: (_system, table, batch) => void (rows[table.table] ??= []).push(...batch),
      ...extra,
    });
    return { rows, result: result! };
  }

  async function erase(email: string, extra: Partial<RunOptions> = {}): Promise<SystemResult> {
    const [result] = await runPlan(await plan(email), { mode: 'erase', connect, pseudonymKey: KEY, ...extra });
    return result!;
  }

  /** Rows of a table that are not in `after` exactly as they were `before`. */
  const changed = (before: Rows, after: Rows, table: string, keep: (r: Record<string, unknown>) => boolean) =>
    before[table]!.filter(keep).filter((r) => !after[table]!.some((a) => text([a]) === text([r])));

  async function orphans(): Promise<number> {
    const links: [string, string, string][] = [['home', 'region_id', 'region'], ['person', 'home_id', 'home'], ['visit', 'person_id', 'person'], ['visit', 'clerk_id', 'clerk'], ['charge', 'person_id', 'person'], ['charge', 'visit_id', 'visit'], ['voucher', 'visit_id', 'visit'], ['ticket', 'customer_ref', 'person']];
    let n = 0;
    for (const [from, col, to] of links) {
      const { rows } = await pool.query(`select count(*)::int as n from ${rel(from)} c where c.${q(col)} is not null and not exists (select 1 from ${rel(to)} p where p.id = c.${q(col)})`);
      n += rows[0].n as number;
    }
    return n;
  }

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_heldout');
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('plans the partitioned table as one table and leaves the view out', async () => {
    await reset();
    const p = await plan('ANN.LEE@example.com');
    const sp = p.systems.find((s) => s.system === SYSTEM)!;
    const tables = sp.tables.map((t) => t.ref.table).sort();
    expect(tables).toContain('charge');
    expect(tables).not.toContain('person_list');
    expect(tables.some((t) => t.startsWith('charge_'))).toBe(false);
    expect(JSON.stringify(sp).toLowerCase()).not.toContain('ann');
  });

  it('access (mixed case, spaces): every row of Ann, through the partition without keys and the link without a key', async () => {
    await reset();
    const { rows, result } = await access('ann.LEE@EXAMPLE.com');
    expect(result.status, result.error).toBe('done');
    expect(ids(rows.person)).toEqual([1]);
    expect(ids(rows.visit)).toEqual([10, 11]);
    expect(ids(rows.charge)).toEqual([100, 101]);
    expect(ids(rows.ticket)).toEqual([1]);
    expect(ids(rows.home)).toEqual([1]);
  });

  it('access: nothing of anyone else (no neighbour’s home reached down from a lookup row reached up)', async () => {
    await reset();
    const { rows } = await access('ann.LEE@EXAMPLE.com');
    const all = text(rows);
    // Home 1 is Ann's (shared with Ben); homes 2 and 4 are Cid's and Eve's, in the same region.
    expect(all).not.toContain('Other Road 2');
    expect(all).not.toContain('Eve Street 4');
    expect(all.toLowerCase()).not.toMatch(/cid@|eve@|dee\.fox|ben@/);
    // Cid's payment for Ben's visit is not Ann's.
    expect(ids(rows.charge)).not.toContain(201);
  });

  it('access: a person reached only through links with no foreign key (ticket, charge in the partition without keys)', async () => {
    await reset();
    const { rows, result } = await access('EVE@example.com');
    expect(result.status, result.error).toBe('done');
    expect(ids(rows.person)).toEqual([5]);
    expect(ids(rows.ticket)).toEqual([2]);
    expect(ids(rows.charge)).toEqual([500]);
    expect(ids(rows.home)).toEqual([4]);
  });

  it('erasure of Ann: no trace, RESTRICT keys and partitions handled, foreign keys valid, Ben’s shared home and Cid’s rows untouched', async () => {
    await reset();
    const before = await dump();
    const result = await erase('Ann.Lee@example.com');
    expect(result.status, result.error).toBe('done');
    const after = await dump();
    const all = text(after).toLowerCase();
    expect(all).not.toContain('ann.lee');
    expect(all).not.toContain('ann lee');
    expect(all).not.toContain('late fee');
    expect(await orphans()).toBe(0);
    // Everyone else's person, home, ticket and charge rows are exactly as they were; the shared home stays.
    const others = (r: Record<string, unknown>) => Number(r.person_id ?? r.customer_ref ?? r.id) !== 1;
    expect(changed(before, after, 'person', (r) => r.id !== 1)).toEqual([]);
    expect(changed(before, after, 'home', (r) => r.id !== 1)).toEqual([]);
    expect(changed(before, after, 'ticket', others)).toEqual([]);
    expect(changed(before, after, 'charge', others)).toEqual([]);
    expect(after.home!.find((h) => h.id === 1)).toEqual(before.home!.find((h) => h.id === 1));
  });

  it('erasure of Ann leaves the lookup rows other people point at (region names) unchanged', async () => {
    await reset();
    const before = await dump();
    const result = await erase('Ann.Lee@example.com');
    expect(result.status, result.error).toBe('done');
    expect((await dump()).region).toEqual(before.region);
  });

  it('erasure of Dee (alone in her region): her rows go, RESTRICT keys on the partitioned table and its partition hold, the region row stays', async () => {
    await reset();
    const result = await erase('  DEE.FOX@example.COM');
    expect(result.status, result.error).toBe('done');
    const after = await dump();
    expect(text(after).toLowerCase()).not.toContain('dee');
    expect(ids(after.charge)).not.toContain(400);
    expect(ids(after.charge)).not.toContain(401);
    expect(ids(after.visit)).not.toContain(40);
    expect(await orphans()).toBe(0);
    // The region is pointed at only through her home: reference data, kept as it is.
    expect(after.region).toEqual([{ id: 1, name: 'North' }, { id: 2, name: 'Lonely' }]);
  });

  it('erasure of Dee with the portable executor: deletes a partition’s rows before the visit they reference (the key the map knows only as inferred)', async () => {
    await reset();
    const result = await erase('dee.fox@example.com', PORTABLE);
    expect(result.status, result.error).toBe('done');
    const after = await dump();
    expect(ids(after.charge)).not.toContain(400);
    expect(ids(after.visit)).not.toContain(40);
    expect(after.voucher).toEqual([]);
    expect(await orphans()).toBe(0);
  });

  it('erasure of Eve, reached only through links with no foreign key: ticket and charge gone, neighbours untouched', async () => {
    await reset();
    const before = await dump();
    const result = await erase('eve@EXAMPLE.com');
    expect(result.status, result.error).toBe('done');
    const after = await dump();
    expect(text(after).toLowerCase()).not.toMatch(/eve@|eve ash|noise/);
    expect(ids(after.ticket)).toEqual([1, 3]);
    expect(ids(after.charge)).not.toContain(500);
    expect(changed(before, after, 'home', (r) => r.id !== 4)).toEqual([]);
    expect(await orphans()).toBe(0);
  });

  it('erasure of Ann: visits a clerk (another identity table) served are kept as shared with the clerk, and the clerk is untouched', async () => {
    // A row that also names another person is not erased for one of them: the engine cannot tell
    // a mention (the clerk) from a co-owner (the other party of a joint order) from the schema, so
    // it keeps the row and pseudonymises the person it is erasing.
    await reset();
    const result = await erase('ann.lee@example.com');
    expect(result.status, result.error).toBe('done');
    const t = Object.fromEntries(result.tables.map((x) => [x.table.table, x]));
    expect(t.visit).toMatchObject({ matched: 2, shared: 2, deleted: 0 });
    const after = await dump();
    expect(ids(after.visit)).toEqual([10, 11, 20, 30, 40].filter((id) => ids(after.visit).includes(id)));
    const ann = after.person!.find((r) => r.id === 1)!;
    expect(String(ann.email)).toMatch(/^p-[a-p]+@invalid\.example$/);
    expect(String(ann.full_name)).toMatch(/^p-[a-p]+$/);
    expect(after.clerk).toEqual(DATA.find(([t]) => t === 'clerk')![1].map(([id, email, name]) => ({ id, email, name })));
  });

  it('erasure of Ben: the home he shares with Ann and Cid’s payment for his visit stay as they were', async () => {
    await reset();
    const before = await dump();
    const result = await erase('BEN@example.com');
    expect(result.status, result.error).toBe('done');
    const after = await dump();
    expect(after.home!.find((h) => h.id === 1)).toEqual(before.home!.find((h) => h.id === 1));
    expect(after.charge!.find((c) => c.id === 201)).toEqual(before.charge!.find((c) => c.id === 201));
    expect(changed(before, after, 'person', (r) => r.id !== 2)).toEqual([]);
    expect(await orphans()).toBe(0);
  });
});
