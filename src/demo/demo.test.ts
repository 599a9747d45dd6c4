/**
 * The demo company database against all three targets: PGlite (always), PostgreSQL and MariaDB
 * (servers provided by test/support/global-setup.ts; under CI=true a missing server fails the run,
 * otherwise the MariaDB suite is skipped with a one-line notice). The national-id validators below
 * are written from the published rules, independently of the generator's code.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase } from '../../test/support/databases.js';
import { IS_CI } from '../../test/support/services.js';
import { CustosError } from '../lib/errors.js';
import { describeDemoTarget, parseDemoTarget, provisionDemo, type DemoSummary, type DemoTarget } from './index.js';

const PEOPLE = 200;
const SEED = 4242;

type Rows = Record<string, unknown>[];

/** One provisioned target plus a way to query it and to qualify table names in SQL. */
interface Harness {
  label: string;
  /** A fresh, empty target. */
  freshTarget(): Promise<DemoTarget>;
  query(target: DemoTarget, sql: string): Promise<Rows>;
  /** Table name as written in test SQL for this target. */
  t(table: string): string;
  /** Puts someone else's `customers` table (no demo marker) where the demo would go. */
  plantForeignTable(target: DemoTarget): Promise<void>;
  cleanup(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Independent validators.

function isValidCpf(value: string): boolean {
  if (!/^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(value)) return false;
  const d = value.replace(/\D/g, '').split('').map(Number);
  if (d.every((x) => x === d[0])) return false;
  const check = (n: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (d[i] as number) * (n + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === d[9] && check(10) === d[10];
}

function isValidChineseId(value: string, birthDate: string | null): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (weights[i] as number);
  if ('10X98765432'[sum % 11] !== value[17]) return false;
  const born = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (Number.isNaN(Date.parse(born))) return false;
  return birthDate === null || born === birthDate;
}

function isValidNric(value: string, birthDate: string | null): boolean {
  const m = /^([STFG])(\d{7})([A-Z])$/.exec(value);
  if (!m) return false;
  const [, prefix, digits, letter] = m as unknown as [string, string, string, string];
  const weights = [2, 7, 6, 5, 4, 3, 2];
  let sum = prefix === 'T' || prefix === 'G' ? 4 : 0;
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * (weights[i] as number);
  const table = prefix === 'S' || prefix === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  if (table[sum % 11] !== letter) return false;
  if (birthDate === null) return true;
  const year = Number(birthDate.slice(0, 4));
  if ((year >= 2000) !== (prefix === 'T')) return false;
  return year < 1968 || digits.slice(0, 2) === birthDate.slice(2, 4);
}

function isValidSsn(value: string): boolean {
  const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(value);
  if (!m) return false;
  const area = Number(m[1]);
  return area !== 0 && area !== 666 && area < 900 && m[2] !== '00' && m[3] !== '0000';
}

function isValidGermanTaxId(value: string): boolean {
  if (!/^[1-9]\d{10}$/.test(value)) return false;
  const digits = value.split('').map(Number);
  const counts = new Map<number, number>();
  for (const d of digits.slice(0, 10)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const repeated = [...counts.values()].filter((c) => c > 1);
  if (repeated.length !== 1 || (repeated[0] as number) > 3) return false;
  let product = 10;
  for (const d of digits.slice(0, 10)) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product === 10 ? 0 : 11 - product;
  return check === digits[10];
}

function isValidIban(value: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(value)) return false;
  const rearranged = (value.slice(4) + value.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of rearranged) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

// ---------------------------------------------------------------------------------------------
// Targets.

const FOREIGN_TABLE_PG = `CREATE SCHEMA shop; CREATE TABLE shop.customers (id int primary key, note text); INSERT INTO shop.customers VALUES (1, 'keep me');`;
const FOREIGN_TABLE_MYSQL = [`CREATE TABLE customers (id int primary key, note text)`, `INSERT INTO customers VALUES (1, 'keep me')`];

function pgliteHarness(): Harness {
  const dirs: string[] = [];
  return {
    label: 'PGlite',
    freshTarget: async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'custos-demo-test-'));
      dirs.push(dir);
      return { kind: 'pglite', dataDir: path.join(dir, 'demo') };
    },
    query: async (target, sql) => {
      if (target.kind !== 'pglite') throw new Error('not a PGlite target');
      const db = new PGlite(target.dataDir);
      try {
        return (await db.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await db.close();
      }
    },
    t: (table) => `shop.${table}`,
    plantForeignTable: async (target) => {
      if (target.kind !== 'pglite') throw new Error('not a PGlite target');
      const db = new PGlite(target.dataDir);
      await db.exec(FOREIGN_TABLE_PG);
      await db.close();
    },
    cleanup: async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    },
  };
}

function postgresHarness(): Harness {
  const drops: (() => Promise<void>)[] = [];
  return {
    label: 'PostgreSQL',
    freshTarget: async () => {
      const db = await createPostgresDatabase('custos_demo_test');
      drops.push(db.drop);
      return { kind: 'postgres', url: db.url };
    },
    query: async (target, sql) => {
      if (target.kind !== 'postgres') throw new Error('not a PostgreSQL target');
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Rows;
      } finally {
        await client.end();
      }
    },
    t: (table) => `shop.${table}`,
    plantForeignTable: async (target) => {
      if (target.kind !== 'postgres') throw new Error('not a PostgreSQL target');
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      await client.query(FOREIGN_TABLE_PG).finally(() => client.end());
    },
    cleanup: async () => {
      for (const drop of drops) await drop();
    },
  };
}

function mysqlHarness(adminUrl: string): Harness {
  const databases: string[] = [];
  const connect = (database?: string) => {
    const url = new URL(adminUrl);
    return mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
      timezone: 'Z',
    });
  };
  return {
    label: 'MariaDB',
    // The database itself is created by provisionDemo, which is part of what is tested.
    freshTarget: async () => {
      const name = `custos_demo_test_${randomBytes(5).toString('hex')}`;
      databases.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return { kind: 'mysql', url: url.toString() };
    },
    query: async (target, sql) => {
      if (target.kind !== 'mysql') throw new Error('not a MySQL target');
      const conn = await connect(decodeURIComponent(new URL(target.url).pathname.slice(1)));
      try {
        const [rows] = await conn.query(sql);
        return rows as Rows;
      } finally {
        await conn.end();
      }
    },
    t: (table) => table,
    plantForeignTable: async (target) => {
      const name = decodeURIComponent(new URL(target.kind === 'mysql' ? target.url : '').pathname.slice(1));
      const conn = await connect();
      try {
        await conn.query(`CREATE DATABASE ${mysql.escapeId(name)}`);
        await conn.query(`USE ${mysql.escapeId(name)}`);
        for (const sql of FOREIGN_TABLE_MYSQL) await conn.query(sql);
      } finally {
        await conn.end();
      }
    },
    cleanup: async () => {
      const conn = await connect();
      try {
        for (const name of databases) await conn.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(name)}`);
      } finally {
        await conn.end();
      }
    },
  };
}

/**
 * Server URLs come from the shared global setup, which also prints the one-line "skipped, here is
 * how to enable" notice and fails the run under CI=true when a server is missing.
 */
function serverUrl(key: 'pgAdminUrl' | 'mysqlUrl'): string | null {
  return (inject(key) as string | null | undefined) ?? null;
}

const pgUrl = serverUrl('pgAdminUrl');
const mysqlUrl = serverUrl('mysqlUrl');

// ---------------------------------------------------------------------------------------------
// Checks shared by every target.

const FOREIGN_KEYS: [child: string, column: string, parent: string][] = [
  ['employees', 'manager_id', 'employees'],
  ['addresses', 'customer_id', 'customers'],
  ['orders', 'customer_id', 'customers'],
  ['orders', 'shipping_address_id', 'addresses'],
  ['order_items', 'order_id', 'orders'],
  ['order_items', 'product_id', 'products'],
  ['payments', 'order_id', 'orders'],
  ['support_tickets', 'customer_id', 'customers'],
  ['support_tickets', 'order_id', 'orders'],
  ['support_tickets', 'assigned_employee_id', 'employees'],
  ['marketing_events', 'customer_id', 'customers'],
];

const POSTAL: Record<string, RegExp> = { US: /^\d{5}$/, DE: /^\d{5}$/, BR: /^\d{5}-\d{3}$/, CN: /^\d{6}$/, SG: /^\d{6}$/ };
const PHONE: Record<string, RegExp> = {
  US: /^(\+1\d{10}|\(\d{3}\) \d{3}-\d{4})$/,
  DE: /^(\+49\d{6,13}|0[\d ]{6,16})$/,
  BR: /^(\+55\d{2}9\d{8}|\(\d{2}\) 9\d{4}-\d{4})$/,
  CN: /^(\+86)?1[3-9]\d{9}$/,
  SG: /^(\+65[89]\d{7}|[89]\d{3} \d{4})$/,
};

function num(value: unknown): number {
  return Number(value);
}

/**
 * Runs several `SELECT count(*) ...` statements as one UNION ALL query (one round trip, which
 * matters for PGlite where every harness query reopens the database) and returns label -> count.
 */
async function counts(h: Harness, target: DemoTarget, queries: Record<string, string>): Promise<Record<string, number>> {
  const sql = Object.entries(queries)
    .map(([label, from]) => `SELECT '${label}' AS k, count(*) AS n ${from}`)
    .join(' UNION ALL ');
  const rows = await h.query(target, sql);
  return Object.fromEntries(rows.map((r) => [String(r.k), num(r.n)]));
}

/** A compact, driver-independent digest of the generated people and their orders. */
async function fingerprint(h: Harness, target: DemoTarget): Promise<string> {
  const customers = await h.query(target, `SELECT id, first_name, last_name, email, phone, national_id, country FROM ${h.t('customers')} ORDER BY id`);
  const orders = await h.query(target, `SELECT id, order_number, customer_id, total FROM ${h.t('orders')} ORDER BY id`);
  const tickets = await h.query(target, `SELECT id, body FROM ${h.t('support_tickets')} ORDER BY id`);
  return JSON.stringify([
    customers.map((r) => [num(r.id), r.first_name, r.last_name, r.email, r.phone, r.national_id, r.country]),
    orders.map((r) => [num(r.id), r.order_number, num(r.customer_id), num(r.total).toFixed(2)]),
    tickets.map((r) => [num(r.id), r.body]),
  ]);
}

/** The reference fingerprint for (PEOPLE, SEED), provisioned once into PGlite. */
let referenceFingerprint: Promise<string> | undefined;
const referenceHarness = pgliteHarness();
function reference(): Promise<string> {
  referenceFingerprint ??= (async () => {
    const target = await referenceHarness.freshTarget();
    await provisionDemo(target, { people: PEOPLE, seed: SEED });
    return fingerprint(referenceHarness, target);
  })();
  return referenceFingerprint;
}
afterAll(() => referenceHarness.cleanup());

function targetSuite(label: string, available: boolean, makeHarness: () => Harness): void {
  if (!available && IS_CI) {
    it(`demo database on ${label}`, () => {
      throw new Error(`CI=true but ${label} is not available to the demo tests`);
    });
    return;
  }
  describe.skipIf(!available)(`demo database on ${label}`, () => {
    let h: Harness;
    let target: DemoTarget;
    let summary: DemoSummary;
    const progress: string[] = [];

    beforeAll(async () => {
      h = makeHarness();
      target = await h.freshTarget();
      summary = await provisionDemo(target, { people: PEOPLE, seed: SEED, onProgress: (p) => progress.push(p.phase) });
    });
    afterAll(async () => {
      await h?.cleanup();
    });

    it('reports what it created, with counts that match the tables', async () => {
      expect(summary.status).toBe('created');
      expect(summary.people).toBe(PEOPLE);
      expect(summary.schema).toBe(target.kind === 'mysql' ? new URL(target.url).pathname.slice(1) : 'shop');
      const actual = await counts(h, target, Object.fromEntries(summary.tables.map((t) => [t.name, `FROM ${h.t(t.name)}`])));
      expect(actual).toEqual(Object.fromEntries(summary.tables.map((t) => [t.name, t.rows])));
      const rows = Object.fromEntries(summary.tables.map((t) => [t.name, t.rows]));
      expect(rows.customers).toBe(PEOPLE);
      expect(rows.employees).toBe(60);
      expect(rows.payments).toBe(rows.orders);
      expect(rows.addresses).toBeGreaterThanOrEqual(PEOPLE);
      expect(rows.addresses).toBeLessThanOrEqual(2 * PEOPLE);
      expect(rows.orders).toBeGreaterThan(PEOPLE);
      expect(rows.order_items).toBeGreaterThanOrEqual(rows.orders as number);
      expect(rows.marketing_events).toBeGreaterThan(3 * PEOPLE);
      expect(rows.support_tickets).toBeGreaterThan(0.1 * PEOPLE);
      expect(progress).toContain('inserting customers');
    });

    it('has no orphan rows behind any foreign key', async () => {
      const orphans = await counts(h, target, {
        ...Object.fromEntries(
          FOREIGN_KEYS.map(([child, column, parent]) => [
            `${child}.${column}`,
            `FROM ${h.t(child)} c LEFT JOIN ${h.t(parent)} p ON p.id = c.${column} WHERE c.${column} IS NOT NULL AND p.id IS NULL`,
          ]),
        ),
        // Orders ship to one of their own customer's addresses, and every order has a payment.
        'orders.foreign_address': `FROM ${h.t('orders')} o JOIN ${h.t('addresses')} a ON a.id = o.shipping_address_id WHERE a.customer_id <> o.customer_id`,
        'orders.unpaid': `FROM ${h.t('orders')} o LEFT JOIN ${h.t('payments')} p ON p.order_id = o.id WHERE p.id IS NULL`,
      });
      expect(Object.keys(orphans)).toHaveLength(FOREIGN_KEYS.length + 2);
      expect(Object.entries(orphans).filter(([, n]) => n !== 0)).toEqual([]);
    });

    it('generates national ids that pass their official check rules', async () => {
      const rows = await h.query(
        target,
        `SELECT national_id, national_id_type, CAST(date_of_birth AS CHAR(10)) AS born, gender, country FROM ${h.t('customers')} WHERE national_id IS NOT NULL`,
      );
      const byType = new Map<string, number>();
      for (const r of rows) {
        const id = String(r.national_id);
        const type = String(r.national_id_type);
        const born = r.born === null ? null : String(r.born);
        byType.set(type, (byType.get(type) ?? 0) + 1);
        const valid = {
          BR_CPF: () => r.country === 'BR' && isValidCpf(id),
          CN_RIC: () => r.country === 'CN' && isValidChineseId(id, born),
          SG_NRIC: () => r.country === 'SG' && isValidNric(id, born),
          US_SSN: () => r.country === 'US' && isValidSsn(id),
          DE_TAX_ID: () => r.country === 'DE' && isValidGermanTaxId(id),
        }[type];
        expect(valid?.(), `${type} ${id}`).toBe(true);
        if (type === 'CN_RIC' && (r.gender === 'male' || r.gender === 'female')) {
          expect(Number(id[16]) % 2 === 1, 'sex digit').toBe(r.gender === 'male');
        }
      }
      expect([...byType.keys()].sort()).toEqual(['BR_CPF', 'CN_RIC', 'DE_TAX_ID', 'SG_NRIC', 'US_SSN']);
    });

    it('keeps each customer coherent with their country', async () => {
      const rows = await h.query(
        target,
        `SELECT c.country, c.phone, a.postal_code, a.country AS address_country
           FROM ${h.t('customers')} c JOIN ${h.t('addresses')} a ON a.customer_id = c.id`,
      );
      for (const r of rows) {
        const country = String(r.country);
        expect(r.address_country).toBe(country);
        expect(String(r.postal_code), country).toMatch(POSTAL[country] as RegExp);
        if (r.phone !== null) expect(String(r.phone), country).toMatch(PHONE[country] as RegExp);
      }
      expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['US', 'DE', 'BR', 'CN', 'SG']));
    });

    it('stores payment data in PCI-safe form and valid IBANs', async () => {
      const payments = await h.query(target, `SELECT method, card_last4, masked_pan, iban FROM ${h.t('payments')}`);
      for (const p of payments) {
        if (p.method === 'card') {
          expect(String(p.masked_pan)).toMatch(/^\d{6}\*{5,6}\d{4}$/);
          expect(String(p.masked_pan).slice(-4)).toBe(p.card_last4);
        } else {
          expect(p.masked_pan).toBeNull();
        }
        if (p.method === 'sepa_debit') expect(isValidIban(String(p.iban))).toBe(true);
      }
      const employees = await h.query(target, `SELECT iban, manager_id FROM ${h.t('employees')}`);
      expect(employees.every((e) => isValidIban(String(e.iban)))).toBe(true);
      expect(employees.filter((e) => e.manager_id === null)).toHaveLength(1);
    });

    it('hides personal data in free text and JSON, as real systems do', async () => {
      const events = await h.query(target, `SELECT properties FROM ${h.t('marketing_events')}`);
      const withEmail = events.filter((e) => {
        const props = typeof e.properties === 'string' ? JSON.parse(e.properties) : e.properties;
        return typeof props?.email === 'string' && props.email.includes('@');
      });
      expect(withEmail.length).toBeGreaterThan(0);
      const tickets = await h.query(target, `SELECT body FROM ${h.t('support_tickets')}`);
      const bodies = tickets.map((t) => String(t.body));
      expect(bodies.some((b) => /[\w.+-]+@[\w-]+\.\w+/.test(b))).toBe(true);
      expect(bodies.some((b) => /KG-\d{4}-\d{6}/.test(b))).toBe(true);
      expect(bodies.every((b) => !/\{\w+\}/.test(b))).toBe(true);
    });

    it('declares ground-truth personal columns that exist, and none in the product catalogue', async () => {
      expect(summary.personalColumns.length).toBeGreaterThan(20);
      expect(summary.personalColumns.some((c) => c.table === 'products')).toBe(false);
      const schema = target.kind === 'mysql' ? 'DATABASE()' : "'shop'";
      const columns = await h.query(
        target,
        `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = ${schema}`,
      );
      const existing = new Set(columns.map((r) => `${String(r.t)}.${String(r.c)}`));
      const missing = summary.personalColumns.map((p) => `${p.table}.${p.column}`).filter((name) => !existing.has(name));
      expect(existing.size).toBeGreaterThan(50);
      expect(missing).toEqual([]);
    });

    it('is deterministic for a seed, on every target', async () => {
      expect(await fingerprint(h, target)).toBe(await reference());
    });

    it('leaves a populated demo alone on a second run', async () => {
      const before = await fingerprint(h, target);
      const again = await provisionDemo(target, { people: 50, seed: SEED + 1 });
      expect(again.status).toBe('already-present');
      expect(again.people).toBe(PEOPLE);
      expect(again.tables).toEqual(summary.tables);
      expect(await fingerprint(h, target)).toBe(before);
    });

    it('never touches a same-named table that the demo did not create, even on reset', async () => {
      const other = await h.freshTarget();
      await h.plantForeignTable(other);
      for (const reset of [false, true]) {
        await expect(provisionDemo(other, { people: 10, reset })).rejects.toMatchObject({ code: 'CONFLICT' });
      }
      expect(await h.query(other, `SELECT note FROM ${h.t('customers')}`)).toEqual([{ note: 'keep me' }]);
    });

    it('recreates only the demo tables on reset', async () => {
      const other = await h.freshTarget();
      await provisionDemo(other, { people: 30, seed: SEED });
      const reset = await provisionDemo(other, { people: 40, seed: SEED, reset: true });
      expect(reset.status).toBe('reset');
      expect(reset.people).toBe(40);
      const [row] = await h.query(other, `SELECT count(*) AS n FROM ${h.t('customers')}`);
      expect(num(row?.n)).toBe(40);
    });
  });
}

targetSuite('PGlite', true, pgliteHarness);
targetSuite('PostgreSQL', pgUrl !== null, postgresHarness);
targetSuite('MariaDB', mysqlUrl !== null, () => mysqlHarness(mysqlUrl as string));

// ---------------------------------------------------------------------------------------------
// Target-specific safety and errors.

describe('demo safety', () => {
  it.skipIf(pgUrl === null)('moves PostgreSQL identity sequences past the generated ids', async () => {
    const h = postgresHarness();
    try {
      const target = await h.freshTarget();
      await provisionDemo(target, { people: 10, seed: SEED });
      const [row] = await h.query(
        target,
        `INSERT INTO shop.products (sku, name, category, description, price, currency, active)
         VALUES ('TST-00001', 'Test item', 'Test', 'Test', 1, 'EUR', true) RETURNING id`,
      );
      expect(num(row?.id)).toBe(151);
    } finally {
      await h.cleanup();
    }
  });
});

describe('national id validators used by these tests', () => {
  it('accept published examples and reject corrupted ones', () => {
    expect(isValidCpf('111.444.777-35')).toBe(true);
    expect(isValidCpf('111.444.777-36')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
    expect(isValidChineseId('11010519491231002X', '1949-12-31')).toBe(true);
    expect(isValidChineseId('110105194912310021', null)).toBe(false);
    expect(isValidChineseId('11010519491231002X', '1950-01-01')).toBe(false);
    expect(isValidNric('S1234567D', null)).toBe(true);
    expect(isValidNric('S1234567A', null)).toBe(false);
    expect(isValidSsn('123-45-6789')).toBe(true);
    expect(isValidSsn('666-45-6789')).toBe(false);
    expect(isValidSsn('900-45-6789')).toBe(false);
    expect(isValidGermanTaxId('86095742719')).toBe(true);
    expect(isValidGermanTaxId('86095742710')).toBe(false);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
  });
});

describe('demo targets', () => {
  it('parses URLs and paths into targets', () => {
    expect(parseDemoTarget('postgres://u@h/db')).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(parseDemoTarget('postgresql://u@h:5433/db').kind).toBe('postgres');
    expect(parseDemoTarget('mysql://root@h:3306/shop')).toEqual({ kind: 'mysql', url: 'mysql://root@h:3306/shop' });
    expect(parseDemoTarget('mariadb://root@h/shop').kind).toBe('mysql');
    expect(parseDemoTarget('./.custos/demo')).toEqual({ kind: 'pglite', dataDir: './.custos/demo' });
  });

  it('rejects bad URLs with VALIDATION_FAILED, without echoing the password', () => {
    for (const bad of ['', 'mysql://root:hunter2@h:3306/', 'postgres://u:hunter2@:5432/db', 'postgress://u:hunter2@h/db']) {
      let error: unknown;
      try {
        parseDemoTarget(bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(CustosError);
      expect((error as CustosError).code).toBe('VALIDATION_FAILED');
      expect((error as CustosError).message).not.toContain('hunter2');
    }
  });

  it('describes targets with the password masked', () => {
    const text = describeDemoTarget({ kind: 'postgres', url: 'postgres://app:s3cr%40t@db.example:5432/shop' });
    expect(text).toContain('db.example:5432');
    expect(text).toContain('***');
    expect(text).not.toContain('s3cr');
    expect(describeDemoTarget({ kind: 'mysql', url: 'mysql://root:pw@h:3306/shop' })).not.toContain(':pw@');
    expect(describeDemoTarget({ kind: 'pglite', dataDir: '/tmp/x' })).toContain('/tmp/x');
  });

  it('reports an unreachable server as TARGET_UNREACHABLE naming host:port, never the password', async () => {
    for (const url of ['postgres://app:hunter2@127.0.0.1:1/shop', 'mysql://root:hunter2@127.0.0.1:1/shop']) {
      const error = await provisionDemo(parseDemoTarget(url), { people: 10 }).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(CustosError);
      expect((error as CustosError).code).toBe('TARGET_UNREACHABLE');
      expect((error as CustosError).message).toContain('127.0.0.1:1');
      expect((error as CustosError).message).not.toContain('hunter2');
    }
  });

  it('validates the people count', async () => {
    await expect(provisionDemo({ kind: 'pglite', dataDir: '/nonexistent' }, { people: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
