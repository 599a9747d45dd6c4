/**
 * The data map on the demo company in real PostgreSQL and MariaDB: built from a scan, the identity
 * graph reaching every personal table from an e-mail, the CI gate failing until activities cover
 * every category, and drift when a column of phone numbers appears.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { provisionDemo } from '../demo/index.js';
import { DEMO_PG_SCHEMA } from '../demo/demo.targets.js';
import { createPostgresDatabase, type TestDatabase } from '../../test/support/databases.js';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';
import type { ActivityInput } from './datamap.schemas.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };

async function scanNow(custos: RunningCustos, systemId: string) {
  const scan = await custos.app.discovery.requestScan(ACTOR, systemId, {}, { enqueue: false });
  return custos.app.discovery.runScan(scan.id);
}

/** One activity per top-level area of the categories the map holds, so coverage is earned, not blanket. */
function activitiesCovering(categories: string[], system: string): ActivityInput[] {
  const areas = [...new Set(categories.map((c) => c.split('.').slice(0, 2).join('.')))].sort();
  return areas.map((area) => ({
    key: `ops-${area.replace(/\./g, '-')}`,
    name: `Operations on ${area}`,
    dataUses: ['essential.service'],
    dataCategories: [area],
    dataSubjects: ['customer', 'employee'],
    legalBases: [{ jurisdiction: 'GDPR', basis: 'contract', specialCondition: 'explicit_consent' }, { jurisdiction: 'PIPL', basis: 'contract_or_hr', specialCondition: 'separate_consent' }],
    retention: { period: 'P6Y', trigger: 'end of contract' },
    systems: [system],
    dpia: { status: 'completed', reference: 'DPIA-1' },
  }));
}

describe('the data map on the demo company in PostgreSQL', () => {
  let custos: RunningCustos;
  let database: TestDatabase;
  let systemId: string;

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_map');
    await provisionDemo({ kind: 'postgres', url: database.url }, { people: 300 });
    custos = await startCustos({ store: 'pglite' });
    const system = await custos.app.systems.upsertSystem(ACTOR, { name: 'shop', description: '', engine: 'postgres', connection: 'shop', target: database.url, origin: 'user' });
    systemId = system.id;
    expect((await scanNow(custos, systemId)).status).toBe('completed');
  });
  afterAll(async () => {
    await custos?.close();
    await database?.drop();
  });

  it('shows every personal-data field with category and level, and reaches every personal table from an e-mail', async () => {
    const view = await custos.app.datamap.view();
    const shop = view.systems.find((s) => s.name === 'shop')!;
    const customers = shop.tables.find((t) => t.table === 'customers')!;
    expect(customers.fields.find((f) => f.column === 'email')).toMatchObject({ category: 'user.contact.email', level: 'L3', identity: 'email', provenance: 'scanner' });
    const graph = await custos.app.datamap.identityGraph({ identityKinds: ['email'] });
    expect(graph.unreachable).toEqual([]);
    const reached = new Map(graph.reachable.map((r) => [r.table.table, r]));
    for (const table of ['customers', 'addresses', 'orders', 'order_items', 'payments', 'support_tickets', 'marketing_events', 'employees']) expect(reached.has(table), table).toBe(true);
    // payments hang off orders, which hang off customers: two introspected hops from customers.email.
    expect(reached.get('payments')!.path.map((h) => h.to.table.table)).toEqual(['orders', 'payments']);
    expect(reached.get('payments')!.via[0]).toMatchObject({ table: 'customers', column: 'email' });
    expect(view.categories.find((c) => c.category === 'user.contact.email')!.systems).toEqual(['shop']);
  });

  it('fails the CI gate until activities with legal bases and retention cover every category, then passes', async () => {
    const before = await custos.app.datamap.check();
    expect(before.ok).toBe(false);
    expect(before.violations.some((v) => v.rule === 'category-no-activity')).toBe(true);
    const categories = (await custos.app.datamap.view()).categories.map((c) => c.category);
    for (const activity of activitiesCovering(categories, 'shop')) await custos.app.datamap.saveActivity(ACTOR, activity);
    const after = await custos.app.datamap.check();
    expect(after.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(after.ok).toBe(true);
  });

  it('refuses an activity naming a legal basis, category or mechanism that does not exist, naming the field', async () => {
    await expect(custos.app.datamap.saveActivity(ACTOR, { key: 'bad', name: 'Bad', dataCategories: ['user.contact.emial'], legalBases: [{ jurisdiction: 'GDPR', basis: 'because' }], transfers: [{ destination: 'US', mechanism: 'handshake' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([
        expect.objectContaining({ field: 'dataCategories.0' }),
        expect.objectContaining({ field: 'legalBases.0.basis' }),
        expect.objectContaining({ field: 'transfers.0.mechanism' }),
      ]),
    });
  });

  it('records drift when a column of phone numbers appears, and marks the covering activity for review', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`alter table ${DEMO_PG_SCHEMA}.orders add column contact_phone text`);
      await client.query(`update ${DEMO_PG_SCHEMA}.orders set contact_phone = '+44 20 7946 ' || lpad((id % 10000)::text, 4, '0')`);
      await client.query(`analyze ${DEMO_PG_SCHEMA}.orders`);
    } finally {
      await client.end();
    }
    expect((await scanNow(custos, systemId)).status).toBe('completed');
    const drift = await custos.app.datamap.listDrift();
    const phone = drift.find((d) => d.table === 'orders' && d.column === 'contact_phone');
    expect(phone).toMatchObject({ kind: 'new_personal_column', category: 'user.contact.phone_number', status: 'open' });
    expect(phone!.affectedActivities).toEqual(['ops-user-contact']);
    const activity = await custos.app.datamap.getActivity('ops-user-contact');
    expect(activity.reviewRequired).toBe(true);
    expect(activity.dpia.status).toBe('needs_review');
    expect((await custos.app.datamap.listNotifications())[0]!.title).toMatch(/1 change to the data map in shop/);
    const check = await custos.app.datamap.check();
    expect(check.violations.map((v) => v.rule)).toContain('activity-review-required');
    const resolved = await custos.app.datamap.resolveDrift(ACTOR, phone!.id, { status: 'resolved', note: 'covered by ops-user-contact' });
    expect(resolved.status).toBe('resolved');
  });

  it('renders the Art. 30 record from the live map', async () => {
    const html = (await custos.app.datamap.report('ropa', 'html')).body.toString('utf8');
    expect(html).toContain('Operations on user.contact');
    const xlsx = await custos.app.datamap.report('ropa', 'xlsx');
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the data map on the demo company in MariaDB', () => {
  const base = inject('mysqlUrl');
  const name = `custos_map_${process.pid}`;
  let custos: RunningCustos;

  beforeAll(async () => {
    if (!base) return;
    await provisionDemo({ kind: 'mysql', url: `${base.replace(/\/$/, '')}/${name}` }, { people: 200 });
    custos = await startCustos({ store: 'pglite' });
  });
  afterAll(async () => {
    await custos?.close();
    if (!base) return;
    const admin = await mysql.createConnection({ uri: base });
    await admin.query(`drop database if exists ${mysql.escapeId(name)}`);
    await admin.end();
  });

  it.skipIf(!base)('introspects foreign keys and reaches every personal table from an e-mail', async () => {
    const system = await custos.app.systems.upsertSystem(ACTOR, { name: 'shop-mariadb', description: '', engine: 'mysql', connection: 'mariadb', target: `${base!.replace(/\/$/, '')}/${name}`, origin: 'user' });
    expect((await scanNow(custos, system.id)).status).toBe('completed');
    const references = await custos.app.datamap.listReferences({ systemId: system.id });
    expect(references.filter((r) => r.origin === 'introspected').map((r) => `${r.from.table}.${r.from.columns.join()}->${r.to.table}`)).toEqual(
      expect.arrayContaining(['orders.customer_id->customers', 'order_items.order_id->orders', 'employees.manager_id->employees']),
    );
    const graph = await custos.app.datamap.identityGraph({ identityKinds: ['email'] });
    expect(graph.unreachable).toEqual([]);
  });
});
