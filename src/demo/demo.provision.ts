/**
 * Provisioning: inspect the target, and only if the demo tables are absent or empty (or a reset is
 * asked for) create them and load the generated rows in parameterised multi-row batches. Tables
 * that merely share a name with a demo table but lack the demo marker are never touched.
 */
import { CustosError, isCustosError } from '../lib/errors.js';
import { DEFAULT_DEMO_PEOPLE, DEFAULT_DEMO_SEED, generateDemoData, type DemoRows, type SqlValue } from './demo.generate.js';
import { DEMO_TABLES, DEMO_TABLE_MARKER, createTableStatements, personalColumns, type TableDef } from './demo.schema.js';
import { DEMO_PG_SCHEMA, describeDemoTarget, driverCode, openDemoSession, type DemoSession, type DemoTarget } from './demo.targets.js';

export interface DemoProgress {
  phase: string;
  done: number;
  total: number;
}

export interface DemoSummary {
  target: DemoTarget['kind'];
  /** 'shop' for postgres/pglite, the database name for mysql. */
  schema: string;
  status: 'created' | 'already-present' | 'reset';
  people: number;
  tables: { name: string; rows: number }[];
  /** Columns that hold personal data, as generated: used by later discovery tests as ground truth. */
  personalColumns: { table: string; column: string; kind: string }[];
}

export interface ProvisionOptions {
  people?: number;
  seed?: number;
  reset?: boolean;
  onProgress?: (progress: DemoProgress) => void;
}

/** Both PostgreSQL and MySQL cap a statement at 65,535 parameters; stay well below. */
const MAX_PARAMS_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 1000;
const MAX_PEOPLE = 1_000_000;

export async function provisionDemo(target: DemoTarget, options: ProvisionOptions = {}): Promise<DemoSummary> {
  const people = options.people ?? DEFAULT_DEMO_PEOPLE;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(people) || people < 1 || people > MAX_PEOPLE) {
    throw new CustosError('VALIDATION_FAILED', `people must be an integer from 1 to ${MAX_PEOPLE}`, {
      details: [{ field: 'people', message: 'out of range' }],
    });
  }
  if (!Number.isSafeInteger(seed)) {
    throw new CustosError('VALIDATION_FAILED', 'seed must be an integer', { details: [{ field: 'seed', message: 'not an integer' }] });
  }
  const report = options.onProgress ?? (() => undefined);
  report({ phase: 'connecting', done: 0, total: 1 });
  const session = await openDemoSession(target);
  const step = { name: 'inspecting' };
  try {
    return await session.exclusive(() => provisionLocked(session, target, { people, seed, reset: options.reset === true }, report, step));
  } catch (error) {
    throw asCustosError(error, target, step.name);
  } finally {
    await session.close().catch(() => undefined);
  }
}

interface FoundTable {
  name: string;
  isDemo: boolean;
  rows: number;
}

async function provisionLocked(
  session: DemoSession,
  target: DemoTarget,
  options: { people: number; seed: number; reset: boolean },
  report: (progress: DemoProgress) => void,
  step: { name: string },
): Promise<DemoSummary> {
  report({ phase: 'inspecting', done: 0, total: 1 });
  if (session.dialect === 'postgres') await ensurePostgresSchema(session);
  const found = await inspectTables(session);
  const foreign = found.filter((t) => !t.isDemo).map((t) => t.name);
  if (foreign.length > 0) {
    throw new CustosError(
      'CONFLICT',
      `Tables ${foreign.join(', ')} in ${session.schema} were not created by the demo; refusing to touch them`,
    );
  }
  const populated = found.some((t) => t.rows > 0);
  if (populated && !options.reset) {
    if (found.length < DEMO_TABLES.length) {
      throw new CustosError('CONFLICT', `The demo tables in ${session.schema} are incomplete; provision again with reset to recreate them`);
    }
    const rows = new Map(found.map((t) => [t.name, t.rows]));
    report({ phase: 'done', done: 1, total: 1 });
    return summary(session, target, 'already-present', rows);
  }

  step.name = 'generating';
  report({ phase: 'generating', done: 0, total: options.people });
  const data = generateDemoData(options.people, options.seed);
  report({ phase: 'generating', done: options.people, total: options.people });

  step.name = 'creating tables';
  await dropTables(session, found);
  await createTables(session, report);
  step.name = 'inserting rows';
  await session.dataTransaction(async () => {
    for (const table of DEMO_TABLES) await insertRows(session, table, data, report);
    await syncIdentitySequences(session, data);
  });
  report({ phase: 'done', done: 1, total: 1 });
  const rows = new Map(DEMO_TABLES.map((t) => [t.name, data[t.name].length]));
  return summary(session, target, options.reset && found.length > 0 ? 'reset' : 'created', rows);
}

function summary(
  session: DemoSession,
  target: DemoTarget,
  status: DemoSummary['status'],
  rows: Map<string, number>,
): DemoSummary {
  return {
    target: target.kind,
    schema: session.schema,
    status,
    people: rows.get('customers') ?? 0,
    tables: DEMO_TABLES.map((t) => ({ name: t.name, rows: rows.get(t.name) ?? 0 })),
    personalColumns: personalColumns(),
  };
}

/** Checked first because CREATE SCHEMA IF NOT EXISTS demands the CREATE privilege even when it exists. */
async function ensurePostgresSchema(session: DemoSession): Promise<void> {
  const found = await session.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [DEMO_PG_SCHEMA]);
  if (found.length === 0) await session.query(`CREATE SCHEMA IF NOT EXISTS ${session.id(DEMO_PG_SCHEMA)}`);
}

/** Which demo-named tables exist, whether they carry the demo marker, and how many rows they hold. */
async function inspectTables(session: DemoSession): Promise<FoundTable[]> {
  const names = DEMO_TABLES.map((t) => t.name);
  const list = names.map((_, i) => session.placeholder(i + 2)).join(', ');
  const sql =
    session.dialect === 'postgres'
      ? `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ${session.placeholder(1)} AND c.relname IN (${list})`
      : `SELECT TABLE_NAME AS name, TABLE_COMMENT AS comment
           FROM information_schema.TABLES
          WHERE TABLE_SCHEMA = ${session.placeholder(1)} AND TABLE_NAME IN (${list})`;
  const existing = await session.query<{ name: string; comment: string | null }>(sql, [session.schema, ...names]);
  const found: FoundTable[] = [];
  for (const { name, comment } of existing) {
    const isDemo = comment === DEMO_TABLE_MARKER;
    found.push({ name, isDemo, rows: isDemo ? await countRows(session, name) : 0 });
  }
  return found;
}

async function countRows(session: DemoSession, table: string): Promise<number> {
  const [row] = await session.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${session.table(table)}`);
  return Number(row?.n ?? 0);
}

/** Drops only tables already verified to be demo tables, children before parents, never CASCADE. */
async function dropTables(session: DemoSession, found: FoundTable[]): Promise<void> {
  const present = new Set(found.filter((t) => t.isDemo).map((t) => t.name));
  for (const table of [...DEMO_TABLES].reverse()) {
    if (present.has(table.name)) await session.query(`DROP TABLE ${session.table(table.name)}`);
  }
}

async function createTables(session: DemoSession, report: (progress: DemoProgress) => void): Promise<void> {
  let done = 0;
  for (const table of DEMO_TABLES) {
    for (const statement of createTableStatements(table, session)) await session.query(statement);
    report({ phase: 'creating tables', done: ++done, total: DEMO_TABLES.length });
  }
}

async function insertRows(session: DemoSession, table: TableDef, data: DemoRows, report: (progress: DemoProgress) => void): Promise<void> {
  const rows = data[table.name];
  const columns = table.columns.map((c) => c.name);
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length)));
  const head = `INSERT INTO ${session.table(table.name)} (${columns.map((c) => session.id(c)).join(', ')}) VALUES `;
  const phase = `inserting ${table.name}`;
  report({ phase, done: 0, total: rows.length });
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const params: SqlValue[] = [];
    const tuples = batch.map((row) => {
      const slots = columns.map((column) => {
        const value = row[column];
        if (value === undefined) throw new CustosError('INTERNAL', `Demo generator left ${table.name}.${column} undefined`);
        params.push(value);
        return session.placeholder(params.length);
      });
      return `(${slots.join(', ')})`;
    });
    await session.query(head + tuples.join(', '), params);
    report({ phase, done: start + batch.length, total: rows.length });
  }
}

/**
 * Rows are inserted with explicit ids; PostgreSQL identity sequences do not notice that, so they
 * are moved past the highest id or the next application insert would collide. MySQL's
 * AUTO_INCREMENT follows explicit ids by itself.
 */
async function syncIdentitySequences(session: DemoSession, data: DemoRows): Promise<void> {
  if (session.dialect !== 'postgres') return;
  for (const table of DEMO_TABLES) {
    const count = data[table.name].length;
    if (count === 0 || !table.columns.some((c) => c.type === 'id')) continue;
    await session.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, [session.table(table.name), count]);
  }
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', '57P01']);

/**
 * Driver errors are reduced to their code: messages of failed INSERTs quote row values, and those
 * look like personal data even though they are generated.
 */
function asCustosError(error: unknown, target: DemoTarget, step: string): CustosError {
  if (isCustosError(error)) return error;
  const code = driverCode(error);
  const where = describeDemoTarget(target);
  if (NETWORK_CODES.has(code)) {
    return new CustosError('TARGET_UNREACHABLE', `Lost the connection to ${where} while ${step} (${code})`, { cause: error });
  }
  // The cause is kept for debugging except while inserting, where the driver message quotes rows.
  const cause = step === 'inserting rows' ? undefined : error;
  return new CustosError('INTERNAL', `Provisioning the demo database in ${where} failed while ${step} (${code})`, { cause });
}
