/**
 * Issue #5's acceptance, as a new user would try it, over HTTP: on the demo shop, a person asks
 * for their data through the public portal with their e-mail written in another case, proves it
 * with the code from the SMTP message, staff run the request and download the package; it holds
 * every row of that customer in every table the data map reaches, and nothing of anyone else
 * (checked against SQL on the demo database).
 */
import { PGlite } from '@electric-sql/pglite';
import { strFromU8, unzipSync } from 'fflate';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startCustos, type RunningCustos } from '../../test/support/custos-server.js';
import { codeFrom, startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { DEMO_PG_SCHEMA } from '../demo/demo.targets.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };

describe('access request from the portal to the package, on the demo shop', () => {
  let smtp: TestSmtp;
  let custos: RunningCustos;

  beforeAll(async () => {
    smtp = await startSmtp();
    custos = await startCustos({ store: 'pglite', demo: true, config: { smtp: smtp.config } });
    // As a new user would: the demo system is registered; scanning it builds the data map.
    const demo = (await custos.app.systems.listSystems()).find((s) => s.origin === 'demo')!;
    const scan = await custos.app.discovery.requestScan(ACTOR, demo.id, {}, { enqueue: false });
    expect((await custos.app.discovery.runScan(scan.id)).status).toBe('completed');
  });
  afterAll(async () => {
    await custos?.close();
    await smtp?.close();
  });

  /** Reads the demo database directly (the engine opens it per run; nothing else has it open now). */
  async function onDemo<T>(fn: (db: PGlite) => Promise<T>): Promise<T> {
    const db = await PGlite.create(path.join(custos.dataDir, 'demo'));
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  it('portal → e-mailed code → run → package with every row of the customer and none of anyone else', async () => {
    const s = DEMO_PG_SCHEMA;
    const customer = await onDemo(async (db) => (await db.query<{ id: number; email: string }>(`select c.id, c.email from ${s}.customers c where exists (select 1 from ${s}.orders o join ${s}.payments p on p.order_id = o.id where o.customer_id = c.id) and exists (select 1 from ${s}.support_tickets t where t.customer_id = c.id) order by c.id limit 1`)).rows[0]!);
    const typed = customer.email.toUpperCase();
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${custos.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    const submitted = await post('/api/portal/requests', { type: 'access', email: typed, country: 'DE' });
    expect(submitted.status).toBe(202);
    const { request } = (await submitted.json()) as { request: { id: string } };
    const mail = smtp.mails.find((m) => m.to.some((to) => to.toLowerCase() === customer.email.toLowerCase()))!;
    expect((await post(`/api/portal/requests/${request.id}/verify`, { code: codeFrom(mail) })).status).toBe(200);

    const cookie = { cookie: await login(custos.url) };
    const run = await post(`/api/requests/${request.id}/run`, {}, cookie);
    expect(run.status).toBe(200);
    // The subject is told the request is complete: counts only, no table names, no values.
    const response = smtp.mails.filter((m) => m.to.some((to) => to.toLowerCase() === customer.email.toLowerCase())).at(-1)!;
    expect(response.raw).toMatch(/Subject: Your access request to .* is complete/);
    expect(response.raw).toMatch(/We found \d+ records about you in 1 system/);
    expect(response.raw).not.toMatch(/\b(customers|orders|order_items|payments|addresses)\b/);
    const packaged = await fetch(`${custos.url}/api/requests/${request.id}/package`, { headers: cookie });
    expect(packaged.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await packaged.arrayBuffer()));
    const rowsOf = (table: string) => JSON.parse(strFromU8(zip[`data/demo-shop/${s}.${table}.json`] ?? new TextEncoder().encode('[]'))) as { id: number }[];
    // order_items is keyed by (order_id, line_no): compared as order_id * 1000 + line_no.
    const ids = (rows: { id?: number; order_id?: number; line_no?: number }[]) => rows.map((r) => (r.id === undefined ? Number(r.order_id) * 1000 + Number(r.line_no) : Number(r.id))).sort((a, b) => a - b);

    const expected = await onDemo(async (db) => {
      const q = async (sql: string) => (await db.query<{ id: number }>(sql, [customer.id])).rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      return {
        customers: [customer.id],
        orders: await q(`select id from ${s}.orders where customer_id = $1`),
        order_items: await q(`select i.order_id * 1000 + i.line_no as id from ${s}.order_items i join ${s}.orders o on o.id = i.order_id where o.customer_id = $1`),
        payments: await q(`select p.id from ${s}.payments p join ${s}.orders o on o.id = p.order_id where o.customer_id = $1`),
        addresses: await q(`select id from ${s}.addresses where customer_id = $1 union select shipping_address_id from ${s}.orders where customer_id = $1 and shipping_address_id is not null`),
        support_tickets: await q(`select id from ${s}.support_tickets where customer_id = $1`),
        marketing_events: await q(`select id from ${s}.marketing_events where customer_id = $1`),
      };
    });
    for (const [table, wanted] of Object.entries(expected)) expect(ids(rowsOf(table)), table).toEqual(wanted);
    // Catalogue rows and other people (staff) are not the customer's data.
    expect(rowsOf('products')).toEqual([]);
    expect(rowsOf('employees')).toEqual([]);
    const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as { tables: { table: string; rows: number }[] };
    expect(manifest.tables.map((t) => t.table).sort()).toEqual(Object.entries(expected).filter(([, v]) => v.length).map(([t]) => `${s}.${t}`).sort());

    // Nothing of anyone else: no other customer's e-mail anywhere in the package.
    const others = await onDemo(async (db) => (await db.query<{ email: string }>(`select email from ${s}.customers where id <> $1`, [customer.id])).rows.map((r) => r.email.toLowerCase()));
    const everything = Object.entries(zip).filter(([name]) => name.startsWith('data/')).map(([, bytes]) => strFromU8(bytes)).join('\n').toLowerCase();
    expect(others.filter((email) => everything.includes(email))).toEqual([]);
    expect(everything).toContain(customer.email.toLowerCase());
  });
});
