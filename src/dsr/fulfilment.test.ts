/**
 * Requests fulfilled on the demo shop in real PostgreSQL: an access package with every row of one
 * customer and nothing of anyone else; an erasure that leaves no trace of another customer's
 * e-mail, name or phone, keeps payment records under the retention rule with the customer
 * pseudonymised, keeps every foreign key valid, and does nothing more when run again.
 */
import pg from 'pg';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDemo } from '../demo/index.js';
import { DEMO_PG_SCHEMA } from '../demo/demo.targets.js';
import { createPostgresDatabase, type TestDatabase } from '../../test/support/databases.js';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };

describe('fulfilment on the demo shop', () => {
  let database: TestDatabase;
  let custos: RunningCustos;
  let client: pg.Client;
  let alice: { id: number; email: string; first_name: string; last_name: string; phone: string | null };
  let bob: { id: number; email: string; first_name: string; last_name: string; phone: string | null };

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_fulfil');
    await provisionDemo({ kind: 'postgres', url: database.url }, { people: 150 });
    custos = await startCustos({ store: 'pglite' });
    const system = await custos.app.systems.upsertSystem(ACTOR, { name: 'demo-shop', description: '', engine: 'postgres', connection: 'shop', target: database.url, origin: 'user' });
    const scan = await custos.app.discovery.requestScan(ACTOR, system.id, {}, { enqueue: false });
    expect((await custos.app.discovery.runScan(scan.id)).status).toBe('completed');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // Two customers with orders and payments: the test's subjects.
    const { rows } = await client.query(`select c.id, c.email, c.first_name, c.last_name, c.phone from ${DEMO_PG_SCHEMA}.customers c where exists (select 1 from ${DEMO_PG_SCHEMA}.orders o join ${DEMO_PG_SCHEMA}.payments p on p.order_id = o.id where o.customer_id = c.id) order by c.id limit 2`);
    [alice, bob] = rows as [typeof alice, typeof bob];
  });
  afterAll(async () => {
    await client?.end();
    await custos?.close();
    await database?.drop();
  });

  async function verified(type: 'access' | 'erasure', email: string) {
    const request = await custos.app.dsr.submit(ACTOR, { type, identities: [{ kind: 'email', value: email.toUpperCase() }] }, 'staff');
    await custos.app.dsr.staffVerify(ACTOR, request.id, 'checked by phone');
    return request.id;
  }

  it('refuses to run before the identity is verified', async () => {
    const request = await custos.app.dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: alice.email }] }, 'staff');
    await expect(custos.app.fulfilment.run(ACTOR, request.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('packages every row of the customer, and nothing of anyone else', async () => {
    const id = await verified('access', alice.email);
    // The plan of an access request counts what would be collected, and changes nothing.
    const planned = await custos.app.fulfilment.plan(id);
    expect(planned.type).toBe('access');
    expect(planned.counts.flatMap((c) => c.tables).find((t) => t.table.table === 'customers')).toMatchObject({ matched: 1, deleted: 0, updated: 0 });
    const zip = unzipSync(new Uint8Array(await custos.app.fulfilment.exportPackage(ACTOR, id)));
    const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as { tables: { table: string; rows: number }[] };
    const count = async (sql: string) => Number((await client.query(sql, [alice.id])).rows[0].n);
    const expected: Record<string, number> = {
      'shop.customers': 1,
      'shop.orders': await count(`select count(*) n from ${DEMO_PG_SCHEMA}.orders where customer_id = $1`),
      'shop.payments': await count(`select count(*) n from ${DEMO_PG_SCHEMA}.payments p join ${DEMO_PG_SCHEMA}.orders o on o.id = p.order_id where o.customer_id = $1`),
      'shop.addresses': await count(`select count(*) n from ${DEMO_PG_SCHEMA}.addresses where customer_id = $1`),
    };
    for (const [table, rows] of Object.entries(expected)) if (rows > 0) expect(manifest.tables.find((t) => t.table === table)?.rows, table).toBe(rows);
    const customers = JSON.parse(strFromU8(zip['data/demo-shop/shop.customers.json']!)) as { email: string }[];
    expect(customers.map((c) => c.email)).toEqual([alice.email]);
    const everything = Object.entries(zip).filter(([name]) => name.startsWith('data/')).map(([, bytes]) => strFromU8(bytes)).join('\n');
    expect(everything).not.toContain(bob.email);
    expect(strFromU8(zip['report.html']!)).toContain('Your personal data');
  });

  it('erases another customer: no trace of e-mail, name or phone, payments retained with the reason, foreign keys valid, idempotent', async () => {
    const id = await verified('erasure', bob.email);
    const planned = await custos.app.fulfilment.plan(id);
    expect(planned.counts.flatMap((c) => c.tables).find((t) => t.table.table === 'customers')!.matched).toBe(1);
    const before = await client.query(`select count(*)::int n from ${DEMO_PG_SCHEMA}.customers where id <> $1`, [bob.id]);
    const result = await custos.app.fulfilment.run(ACTOR, id);
    expect(result.results.every((r) => r.status === 'done')).toBe(true);
    const payments = result.summary.systems[0]!.tables.find((t) => t.table === 'shop.payments');
    if (payments && payments.matched > 0) expect(payments.retainReason).toMatch(/statutory/);
    const dump = (await client.query(`select string_agg(t::text, ' ') s from (select * from ${DEMO_PG_SCHEMA}.customers) t`)).rows[0].s as string;
    expect(dump.toLowerCase()).not.toContain(bob.email.toLowerCase());
    const stillThere = await client.query(`select first_name, last_name, email from ${DEMO_PG_SCHEMA}.customers where id = $1`, [bob.id]);
    for (const row of stillThere.rows) expect(JSON.stringify(row)).not.toContain(bob.last_name);
    const others = await client.query(`select count(*)::int n from ${DEMO_PG_SCHEMA}.customers where id <> $1`, [bob.id]);
    expect(others.rows[0].n).toBe(before.rows[0].n);
    expect((await client.query(`select email from ${DEMO_PG_SCHEMA}.customers where id = $1`, [alice.id])).rows[0].email).toBe(alice.email);
    const orphans = await client.query(`select count(*)::int n from ${DEMO_PG_SCHEMA}.payments p left join ${DEMO_PG_SCHEMA}.orders o on o.id = p.order_id where o.id is null`);
    expect(orphans.rows[0].n).toBe(0);
    const again = await custos.app.fulfilment.run(ACTOR, id).catch((err: unknown) => err);
    expect(again).toMatchObject({ code: 'CONFLICT' });
    const shown = await custos.app.dsr.get(id);
    expect(shown.status).toBe('completed');
  });

  it('rectifies a customer’s phone number: the plan counts it, the run writes it, no one else changes', async () => {
    const { rows } = await client.query(`select id, email from ${DEMO_PG_SCHEMA}.customers where id not in ($1, $2) and phone is not null order by id limit 1`, [alice.id, bob.id]);
    const subject = rows[0] as { id: number; email: string };
    const request = await custos.app.dsr.submit(ACTOR, { type: 'rectification', identities: [{ kind: 'email', value: subject.email }], corrections: { 'user.contact.phone_number': '+44 20 7946 0958' } }, 'staff');
    await custos.app.dsr.staffVerify(ACTOR, request.id, 'checked by phone');
    const planned = await custos.app.fulfilment.plan(request.id);
    const customers = planned.counts.flatMap((c) => c.tables).find((t) => t.table.table === 'customers')!;
    expect(customers.fields).toEqual([{ column: 'phone', action: 'correct', rows: 1 }]);
    const before = (await client.query(`select md5(string_agg(t::text, ',' order by id)) h from ${DEMO_PG_SCHEMA}.customers t where id <> $1`, [subject.id])).rows[0].h as string;
    const result = await custos.app.fulfilment.run(ACTOR, request.id);
    expect(result.results.every((r) => r.status === 'done')).toBe(true);
    expect((await client.query(`select phone from ${DEMO_PG_SCHEMA}.customers where id = $1`, [subject.id])).rows[0].phone).toBe('+44 20 7946 0958');
    expect((await client.query(`select md5(string_agg(t::text, ',' order by id)) h from ${DEMO_PG_SCHEMA}.customers t where id <> $1`, [subject.id])).rows[0].h).toBe(before);
    expect((await custos.app.dsr.get(request.id)).status).toBe('completed');
  });

  it('keeps what a legal hold covers: a subject on hold is erased nowhere, the plan and the response give the reason; a category hold keeps only that category', async () => {
    const { rows } = await client.query(`select id, email, first_name from ${DEMO_PG_SCHEMA}.customers where id not in ($1, $2) order by id desc limit 2`, [alice.id, bob.id]);
    const [held, other] = rows as { id: number; email: string; first_name: string }[];
    const hold = await custos.app.holds.add(ACTOR, { scope: 'subject', identity: { kind: 'email', value: held!.email.toUpperCase() }, reason: 'pending litigation', matter: 'Case 2026-17' });
    expect(hold).toMatchObject({ scope: 'subject', subject: true, reason: 'pending litigation' });
    expect(JSON.stringify(await custos.app.holds.list())).not.toContain(held!.email);

    const id = await verified('erasure', held!.email);
    const planned = await custos.app.fulfilment.plan(id);
    const tables = planned.counts.flatMap((c) => c.tables).filter((t) => t.matched > 0);
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.every((t) => t.deleted === 0 && t.updated === 0 && t.retainReason === 'legal hold: pending litigation (Case 2026-17)')).toBe(true);
    await custos.app.fulfilment.run(ACTOR, id);
    expect((await client.query(`select email from ${DEMO_PG_SCHEMA}.customers where id = $1`, [held!.id])).rows[0].email).toBe(held!.email);
    const response = (await custos.app.dsr.get(id)).events.find((e) => e.kind.startsWith('response_'))!;
    expect(String((response.details as { text: string }).text)).toContain('legal hold: pending litigation (Case 2026-17)');
    await expect(custos.app.holds.add(ACTOR, { scope: 'subject', identity: { kind: 'email', value: held!.email }, reason: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    // Released: it no longer applies. A category hold keeps that category only (names here), the rest is erased.
    await custos.app.holds.release(ACTOR, hold.id);
    const names = await custos.app.holds.add(ACTOR, { scope: 'category', category: 'user.name', reason: 'authority order 4711' });
    const next = await verified('erasure', other!.email);
    const customers = (await custos.app.fulfilment.plan(next)).counts.flatMap((c) => c.tables).find((t) => t.table.table === 'customers')!;
    expect(customers.fields.filter((f) => f.action === 'retain').map((f) => f.column)).toEqual(expect.arrayContaining(['first_name', 'last_name']));
    expect(customers.fields.find((f) => f.column === 'email')!.action).not.toBe('retain');
    await custos.app.holds.release(ACTOR, names.id);
    expect(await custos.app.holds.list()).toEqual([]);
  });

  it('gives systems with no connection a task for their owner, and completes the request when the last one is closed', async () => {
    await custos.app.systems.upsertSystem(ACTOR, { name: 'newsletter-vendor', description: 'e-mail marketing service', engine: 'none', connection: '', origin: 'user' });
    await custos.app.datamap.saveActivity(ACTOR, { key: 'newsletter', name: 'Newsletter', dataCategories: ['user.contact.email'], legalBases: [{ jurisdiction: 'GDPR', basis: 'consent' }], retention: { period: 'P2Y', trigger: 'unsubscribe' }, systems: ['newsletter-vendor'] });
    const { rows } = await client.query(`select email from ${DEMO_PG_SCHEMA}.customers where id not in ($1, $2) order by id limit 1`, [alice.id, bob.id]);
    const id = await verified('erasure', rows[0].email as string);
    const result = await custos.app.fulfilment.run(ACTOR, id);
    expect(result.summary.manualTasks).toEqual([{ system: 'newsletter-vendor', status: 'open' }]);
    expect((await custos.app.dsr.get(id)).status).toBe('running');
    const [task] = await custos.app.fulfilment.listTasks(id);
    await custos.app.fulfilment.closeTask(ACTOR, id, task!.id, { status: 'done', note: 'unsubscribed and deleted in the vendor console' });
    const shown = await custos.app.dsr.get(id);
    expect(shown.status).toBe('completed');
    // No SMTP in this test: the response waits for staff, its text on the timeline.
    expect(shown.events.map((e) => e.kind)).toEqual(['received', 'verified', 'waiting_for_tasks', 'task_closed', 'completed', 'response_pending']);
    const response = shown.events.at(-1)!.details as { text: string; why: string };
    expect(response.why).toMatch(/mail is not configured/);
    expect(response.text).toContain('We deleted');
    expect(response.text).toContain('other system');
  });
});
