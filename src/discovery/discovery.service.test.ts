/**
 * Discovery end to end on real servers: the demo company in PostgreSQL and MariaDB, registered,
 * scanned, re-scanned incrementally, with people's decisions kept, unreadable tables recorded.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { provisionDemo, type DemoSummary } from '../demo/index.js';
import { createPostgresDatabase, type TestDatabase } from '../../test/support/databases.js';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };
const CATALOGUE = ['products'];

async function scanNow(custos: RunningCustos, systemId: string, request = {}) {
  const scan = await custos.app.discovery.requestScan(ACTOR, systemId, request, { enqueue: false });
  return custos.app.discovery.runScan(scan.id);
}

function expectGroundTruthFound(findings: { table: string; column: string; entity: string | null; level: string | null }[], summary: DemoSummary) {
  const flagged = new Set(findings.filter((f) => f.entity).map((f) => `${f.table}.${f.column}`));
  const missed = summary.personalColumns.map((c) => `${c.table}.${c.column}`).filter((key) => !flagged.has(key));
  expect(missed).toEqual([]);
  const catalogue = findings.filter((f) => CATALOGUE.includes(f.table) && f.entity);
  expect(catalogue.map((f) => `${f.table}.${f.column}=${f.entity}`)).toEqual([]);
}

describe('discovery on the demo company in PostgreSQL', () => {
  let custos: RunningCustos;
  let database: TestDatabase;
  let summary: DemoSummary;
  let systemId: string;

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_disc');
    summary = await provisionDemo({ kind: 'postgres', url: database.url }, { people: 300 });
    custos = await startCustos({ store: 'pglite' });
    const system = await custos.app.systems.upsertSystem(ACTOR, { name: 'shop', description: '', engine: 'postgres', connection: 'shop', target: database.url, origin: 'user' });
    systemId = system.id;
  });
  afterAll(async () => {
    await custos?.close();
    await database?.drop();
  });

  it('finds every personal-data column the generator made, grades them, and flags no catalogue column', async () => {
    const scan = await scanNow(custos, systemId);
    expect(scan.status).toBe('completed');
    expect(scan.tables.filter((t) => t.error)).toEqual([]);
    const findings = await custos.app.discovery.listFindings({ systemId, limit: 1000 });
    expectGroundTruthFound(findings, summary);
    const byColumn = new Map(findings.map((f) => [`${f.table}.${f.column}`, f]));
    expect(byColumn.get('customers.email')).toMatchObject({ entity: 'EMAIL_ADDRESS', category: 'user.contact.email', level: 'L3' });
    expect(byColumn.get('customers.national_id')!.level).toBe('L4');
    expect(byColumn.get('support_tickets.body')!.evidence).toMatchObject({ freeText: true });
    for (const example of byColumn.get('customers.email')!.examples) expect(example).toMatch(/^.\*\*\*@/);
    const heat = await custos.app.discovery.heatmap();
    expect(heat.find((c) => c.table === 'customers')!.level).toBe('L4');
  });

  it('never stores a raw sampled value', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ email: string }>('select email from shop.customers limit 20');
    await client.end();
    const stored = JSON.stringify((await custos.app.store.executeSql('select evidence, examples from findings')).rows);
    for (const { email } of rows) expect(stored).not.toContain(email);
  });

  it('re-scans only what changed, and records a new personal-data column', async () => {
    const quiet = await scanNow(custos, systemId);
    expect(quiet.summary).toMatchObject({ tablesScanned: 0 });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("alter table shop.products add column supplier_contact text; update shop.products set supplier_contact = 'buyer' || id || '@supplier.example.com'");
    await client.end();
    const changed = await scanNow(custos, systemId);
    expect(changed.tables.map((t) => t.table)).toEqual(['products']);
    const findings = await custos.app.discovery.listFindings({ systemId, table: 'products', limit: 100 });
    expect(findings.map((f) => `${f.column}:${f.entity}`)).toEqual(['supplier_contact:EMAIL_ADDRESS']);
  });

  it('keeps a person’s decision across re-scans', async () => {
    const [email] = await custos.app.discovery.listFindings({ systemId, table: 'customers', entity: 'EMAIL_ADDRESS', limit: 1 });
    const [gender] = await custos.app.discovery.listFindings({ systemId, table: 'customers', limit: 100 }).then((all) => all.filter((f) => f.column === 'gender'));
    await custos.app.discovery.decideFinding(ACTOR, email!.id, { status: 'confirmed', note: 'checked with the shop team' });
    await custos.app.discovery.decideFinding(ACTOR, gender!.id, { status: 'confirmed', entity: 'GENDER', category: 'user.demographic.gender' });
    await scanNow(custos, systemId, { incremental: false });
    const after = await custos.app.discovery.listFindings({ systemId, table: 'customers', limit: 100 });
    expect(after.find((f) => f.id === email!.id)).toMatchObject({ status: 'confirmed', decision: { note: 'checked with the shop team' } });
    expect(after.find((f) => f.id === gender!.id)).toMatchObject({ status: 'confirmed', entity: 'GENDER', category: 'user.demographic.gender' });
    const rejected = await custos.app.discovery.decideFinding(ACTOR, email!.id, { status: 'rejected' });
    expect(rejected.status).toBe('rejected');
    expect((await custos.app.discovery.heatmap()).find((c) => c.table === 'customers')!.columns).toBeLessThan(after.filter((f) => f.entity).length);
    const events = await custos.app.audit.search({ action: 'finding.decide', limit: 10 });
    expect(events.length).toBe(3);
  });

  it('records a table it cannot read and goes on', async () => {
    const role = `custos_limited_${Date.now()}`;
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`create role ${role} login; grant usage on schema shop to ${role}; grant select on all tables in schema shop to ${role}; revoke select on shop.payments from ${role}`);
    await client.end();
    const url = new URL(database.url);
    url.username = role;
    const limited = await custos.app.systems.upsertSystem(ACTOR, { name: 'shop-limited', description: '', engine: 'postgres', connection: 'limited', target: url.toString(), origin: 'user' });
    const scan = await scanNow(custos, limited.id);
    expect(scan.status).toBe('completed');
    expect(scan.tables.find((t) => t.table === 'payments')!.error).toMatch(/42501|permission denied/);
    expect(scan.tables.filter((t) => !t.error).length).toBeGreaterThan(5);
  });

  it('reports an unreachable system as a failed scan with a clear reason, never its password', async () => {
    const dead = await custos.app.systems.upsertSystem(ACTOR, { name: 'dead', description: '', engine: 'postgres', connection: 'dead', target: 'postgres://u:s3cret@127.0.0.1:1/x', origin: 'user' });
    const scan = await scanNow(custos, dead.id);
    expect(scan.status).toBe('failed');
    expect(scan.error).toMatch(/cannot connect to postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/);
    expect(JSON.stringify(await custos.app.audit.search({ limit: 50 }))).not.toContain('s3cret');
  });

  it('cancels a queued scan, and resumes a scan whose tables were partly done', async () => {
    const queued = await custos.app.discovery.requestScan(ACTOR, systemId, {}, { enqueue: false });
    expect((await custos.app.discovery.cancelScan(ACTOR, queued.id)).status).toBe('cancelled');
    expect((await custos.app.discovery.runScan(queued.id)).status).toBe('cancelled');

    const resumed = await custos.app.discovery.requestScan(ACTOR, systemId, { incremental: false }, { enqueue: false });
    // As if a worker died after recording two tables: those are not scanned again.
    await custos.app.store.executeSql(
      `insert into scan_tables (scan_id, schema_name, table_name, kind, fingerprint, sampled_rows, personal_columns) values ($1, 'shop', 'customers', 'table', 'x', 0, 0), ($1, 'shop', 'orders', 'table', 'x', 0, 0)`,
      [resumed.id],
    );
    const done = await custos.app.discovery.runScan(resumed.id);
    expect(done.status).toBe('completed');
    expect(done.tables.find((t) => t.table === 'customers')!.sampledRows).toBe(0);
    expect(done.tables.find((t) => t.table === 'addresses')!.sampledRows).toBeGreaterThan(0);
  });
});

describe('discovery on the demo company in MariaDB', () => {
  const base = inject('mysqlUrl');
  const name = `custos_disc_${Date.now()}`;
  let custos: RunningCustos;
  let summary: DemoSummary;

  beforeAll(async () => {
    if (!base) return;
    summary = await provisionDemo({ kind: 'mysql', url: `${base.replace(/\/$/, '')}/${name}` }, { people: 300 });
    custos = await startCustos({ store: 'pglite' });
  });
  afterAll(async () => {
    if (!base) return;
    await custos?.close();
    const admin = await mysql.createConnection({ uri: base });
    await admin.query(`drop database if exists ${mysql.escapeId(name)}`);
    await admin.end();
  });

  it.skipIf(!base)('finds every personal-data column and no catalogue column', async () => {
    const system = await custos.app.systems.upsertSystem(ACTOR, { name: 'shop-mariadb', description: '', engine: 'mysql', connection: 'mariadb', target: `${base!.replace(/\/$/, '')}/${name}`, origin: 'user' });
    const scan = await scanNow(custos, system.id);
    expect(scan.status).toBe('completed');
    expectGroundTruthFound(await custos.app.discovery.listFindings({ systemId: system.id, limit: 1000 }), summary);
  });
});
