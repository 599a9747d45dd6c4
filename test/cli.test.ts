/** The `custos` CLI as a user runs it: real processes, a real PostgreSQL store, exit codes. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from './support/databases.js';

const CLI = path.resolve('src/cli/main.ts');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function custos(args: string[], env: Record<string, string> = {}, input?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, CUSTOS_LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'custos-cli-'));
  database = await createPostgresDatabase();
  env = { CUSTOS_DATA_DIR: dir, CUSTOS_DATABASE_URL: database.url };
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

// Each test spawns several CLI processes; on a busy two-core machine one can take seconds to start.
describe('custos CLI', { timeout: 180_000 }, () => {
  it('has --help on every command and exits 64 on a usage mistake', async () => {
    const help = await custos(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'users', 'keys', 'audit', 'demo']) expect(help.stdout).toContain(command);
    for (const command of [['serve'], ['keys', 'create'], ['audit', 'verify'], ['audit', 'export'], ['users', 'create'], ['demo'], ['migrate']]) {
      const result = await custos([...command, '--help']);
      expect({ command, code: result.code }).toEqual({ command, code: 0 });
    }
    expect((await custos(['frobnicate'])).code).toBe(64);
    expect((await custos(['serve', '--port', 'eighty'])).code).toBe(64);
  });

  it('stops with one clear line when the configuration is bad', async () => {
    const result = await custos(['migrate'], { ...env, CUSTOS_AUDIT_CHECKPOINT_EVERY: 'often' });
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')[0]).toMatch(/^custos: configuration error: CUSTOS_AUDIT_CHECKPOINT_EVERY \(audit\.checkpointEvery\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('migrates, creates an API key as JSON, and refuses a bad role', async () => {
    const migrate = await custos(['migrate', '--json'], env);
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ store: 'postgres', pending: [] });
    const created = await custos(['keys', 'create', '--role', 'engineer', '--name', 'ci', '--json'], env);
    expect(created.code).toBe(0);
    const { key, apiKey } = JSON.parse(created.stdout) as { key: string; apiKey: { role: string } };
    expect(key).toMatch(/^cus_[A-Za-z0-9_-]{40,}$/);
    expect(apiKey.role).toBe('engineer');
    const bad = await custos(['keys', 'create', '--role', 'root', '--name', 'x'], env);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('--role: must be one of admin, privacy_officer, analyst, engineer, auditor');
  });

  it('takes a rectification with its corrections, refuses a malformed one, sends due reminders, places and releases a legal hold', async () => {
    const submitted = await custos(['dsr', 'submit', '--type', 'rectification', '--email', 'rita@example.com', '--correct', 'user.name=Rita Moreno', '--correct', 'user.contact.phone_number=+44 20 7946 0958', '--jurisdiction', 'LGPD', '--json'], env);
    expect(submitted.code, submitted.stderr).toBe(0);
    const { request } = JSON.parse(submitted.stdout) as { request: { id: string; type: string } };
    expect(request.type).toBe('rectification');
    const malformed = await custos(['dsr', 'submit', '--type', 'rectification', '--email', 'rita@example.com', '--correct', 'no-equals-sign'], env);
    expect(malformed.code).toBe(64);
    expect(malformed.stderr).toContain('expected key=value');
    const missing = await custos(['dsr', 'submit', '--type', 'rectification', '--email', 'rita@example.com'], env);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toContain('corrections');
    // LGPD gives 15 days, so the request is due within the 7-day window only later: nothing to send today.
    const remind = await custos(['dsr', 'remind', '--json'], env);
    expect(remind.code, remind.stderr).toBe(0);
    expect(JSON.parse(remind.stdout)).toEqual({ reminders: [] });

    const hold = await custos(['holds', 'add', '--email', 'rita@example.com', '--reason', 'pending litigation', '--matter', 'Case 17', '--json'], env);
    expect(hold.code, hold.stderr).toBe(0);
    const { hold: placed } = JSON.parse(hold.stdout) as { hold: { id: string; scope: string } };
    expect(placed.scope).toBe('subject');
    const listed = await custos(['holds', 'list'], env);
    expect(listed.stdout).toContain('pending litigation');
    expect(listed.stdout).not.toContain('rita@example.com');
    expect((await custos(['holds', 'release', placed.id], env)).code).toBe(0);
    expect((await custos(['holds', 'release', placed.id], env)).code).toBe(66);
  });

  it('creates users with the password on standard input only', async () => {
    const created = await custos(['users', 'create', '--username', 'dpo', '--role', 'privacy_officer', '--password-stdin', '--json'], env, 'a-long-enough-password\n');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).user).toMatchObject({ username: 'dpo', role: 'privacy_officer' });
    const list = await custos(['users', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).users.map((u: { username: string }) => u.username)).toContain('dpo');
  });

  it('verifies the audit log, names an edited row, and verifies an export offline', async () => {
    const intact = await custos(['audit', 'verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.stderr).toContain('audit chain intact');

    const file = path.join(dir, 'export.jsonl');
    expect((await custos(['audit', 'export', '--out', file], env)).code).toBe(0);
    const pub = path.join(dir, 'audit.pub.pem');
    writeFileSync(pub, (await custos(['audit', 'public-key'], env)).stdout);
    const offline = await custos(['audit', 'verify', '--file', file, '--public-key', pub, '--json']);
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({ ok: true, unsignedEvents: 0 });

    // A superuser edits one row with psql-style SQL, switching the append-only trigger off first.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("set session_replication_role = replica; update audit_events set action = 'nothing.happened' where seq = 2");
    await client.end();
    const broken = await custos(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/first bad event 2 \(hash_mismatch\)/);
    const brokenJson = await custos(['audit', 'verify', '--json'], env);
    expect(JSON.parse(brokenJson.stdout).problems[0]).toMatchObject({ seq: 2, kind: 'hash_mismatch' });

    // The export taken before the edit still verifies; an edited copy does not.
    const copy = path.join(dir, 'edited.jsonl');
    writeFileSync(copy, readFileSync(file, 'utf8').replace('"action":"api_key.create"', '"action":"api_key.revoke"'));
    const editedExport = await custos(['audit', 'verify', '--file', copy, '--public-key', pub]);
    expect(editedExport.code).toBe(1);
  });

  it('explains a taken port and exits instead of hanging', async () => {
    const net = await import('node:net');
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await custos(['serve', '--port', String(port), '--no-demo'], { CUSTOS_DATA_DIR: path.join(dir, 'port-test') });
      expect(result.code).toBe(75);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      blocker.close();
    }
  });

  it('refuses to overwrite an export and rejects a malformed export file, with clear messages', async () => {
    const file = path.join(dir, 'exists.jsonl');
    writeFileSync(file, 'x');
    const overwrite = await custos(['audit', 'export', '--out', file], env);
    expect(overwrite.code).toBe(65);
    expect(overwrite.stderr).toContain('it already exists');
    expect(overwrite.stderr).not.toMatch(/\n\s+at /);
    const garbage = path.join(dir, 'garbage.jsonl');
    writeFileSync(garbage, '{"type":"header","format":"custos-audit-export","version":1}\nnull\n');
    const bad = await custos(['audit', 'verify', '--file', garbage]);
    expect(bad.code).toBe(65);
    writeFileSync(garbage, '{"type":"header","format":"custos-audit-export","version":1}\n{"type":"event"}\n');
    const missing = await custos(['audit', 'verify', '--file', garbage]);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toMatch(/garbage\.jsonl:2: seq/);
  });

  it('scans a folder of files with the organisation\'s own detectors, and detects in text', async () => {
    const files = path.join(dir, 'files');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(files, { recursive: true });
    writeFileSync(path.join(files, 'staff.csv'), ['badge,contact,sku', ...Array.from({ length: 20 }, (_, i) => `EMP-${String(100000 + i)},person${i}@example.org,SKU-${i}`)].join('\n'));
    const detectors = path.join(dir, 'detectors.yaml');
    writeFileSync(detectors, "detectors:\n  - name: EMPLOYEE_ID\n    pattern: 'EMP-\\d{6}'\n    category: user.unique_id\n    score: 0.8\n");
    const scan = await custos(['scan', files, '--json', '--detectors', detectors]);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    const report = JSON.parse(scan.stdout) as { columns: { table: string; column: string; entity: string; level: string }[]; errors: unknown[] };
    expect(report.columns.map((c) => `${c.column}=${c.entity}`).sort()).toEqual(['badge=EMPLOYEE_ID', 'contact=EMAIL_ADDRESS']);
    expect(report.errors).toEqual([]);
    expect(scan.stdout).not.toContain('person1@example.org');

    const detect = await custos(['detect', '--text', 'Write to jane.doe@example.com, badge EMP-123456', '--detectors', detectors]);
    const spans = JSON.parse(detect.stdout).spans as { type: string; start: number; end: number }[];
    expect(spans.map((s) => s.type)).toEqual(['EMAIL_ADDRESS', 'EMPLOYEE_ID']);
    const piped = await custos(['detect'], {}, '{"id":"a","text":"call +49 30 12345678"}\nnot json\n');
    expect(piped.code).toBe(65);
    expect(JSON.parse(piped.stdout.split('\n')[0]!)).toMatchObject({ id: 'a', spans: [{ type: 'PHONE_NUMBER' }] });
    expect(piped.stderr).toContain('line 2: not JSON');
    const badYaml = await custos(['detect', '--text', 'x', '--detectors', scan.stdout.length ? path.join(files, 'staff.csv') : detectors]);
    expect(badYaml.code).toBe(65);
  });

  it('provisions the demo into PostgreSQL, registers it and scans it, keeping the password sealed', async () => {
    const shop = await createPostgresDatabase('custos_cli_shop');
    try {
      const url = new URL(shop.url);
      url.password = 'not-needed-but-secret';
      const demo = await custos(['demo', '--target', shop.url, '--people', '60', '--json'], env);
      expect(demo.code).toBe(0);
      expect(JSON.parse(demo.stdout).summary).toMatchObject({ status: 'created', schema: 'shop' });
      const added = await custos(['systems', 'add', 'shop-pg', '--url', url.toString(), '--json'], env);
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const { findings, scan } = JSON.parse(added.stdout) as { scan: { status: string }; findings: { table: string; column: string; entity: string }[] };
      expect(scan.status).toBe('completed');
      expect(findings.map((f) => `${f.table}.${f.column}`)).toEqual(expect.arrayContaining(['customers.email', 'customers.national_id', 'payments.iban']));
      const list = await custos(['systems', 'list', '--json'], env);
      expect(list.stdout).not.toContain('not-needed-but-secret');
      expect(JSON.parse(list.stdout).systems.find((s: { name: string }) => s.name === 'shop-pg')).toMatchObject({ engine: 'postgres', scannable: true });
      const again = await custos(['systems', 'scan', 'shop-pg', '--json'], env);
      expect(JSON.parse(again.stdout).scan.summary).toMatchObject({ tablesScanned: 0 });
      const duplicate = await custos(['systems', 'add', 'shop-pg', '--url', shop.url, '--no-scan'], env);
      expect(duplicate.code).toBe(75);
      expect(duplicate.stderr).toContain('already registered');
      const missing = await custos(['systems', 'scan', 'nope'], env);
      expect(missing.code).toBe(66);
      const unreachable = await custos(['systems', 'add', 'dead', '--url', 'postgres://u:pw@127.0.0.1:1/x'], env);
      expect(unreachable.code).toBe(69);
      expect(unreachable.stderr).toContain('cannot connect to postgres://u:***@127.0.0.1:1/x');
    } finally {
      await shop.drop();
    }
  });

  it('keeps the data map: the gate fails, the example manifests apply, the gate passes with SARIF, reports are written', async () => {
    const shop = await createPostgresDatabase('custos_cli_map');
    // A store of its own: the systems other tests registered are not covered by the example manifests.
    const store = await createPostgresDatabase('custos_cli_map_store');
    const env = { CUSTOS_DATA_DIR: mkdtempSync(path.join(dir, 'map-')), CUSTOS_DATABASE_URL: store.url };
    try {
      expect((await custos(['demo', '--target', shop.url, '--people', '60', '--json'], env)).code).toBe(0);
      expect((await custos(['systems', 'scan', 'demo-shop', '--all-tables', '--json'], env)).code).toBe(0);
      const failing = await custos(['check'], env);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain('category-no-activity');
      const dry = await custos(['apply', '--dir', 'examples/privacy', '--dry-run'], env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('+ activity orders-and-payments');
      expect((await custos(['apply', '--dir', 'examples/privacy'], env)).code).toBe(0);
      const sarifFile = path.join(dir, 'check.sarif');
      const passing = await custos(['check', '--format', 'sarif', '--out', sarifFile], env);
      expect(passing.stderr).toContain('custos check passed');
      expect(passing.code).toBe(0);
      expect(JSON.parse(readFileSync(sarifFile, 'utf8'))).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'custos check' } } }] });
      const xlsx = path.join(dir, 'ropa.xlsx');
      expect((await custos(['report', 'ropa', '--format', 'xlsx', '--out', xlsx], env)).code).toBe(0);
      expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
      const refused = await custos(['report', 'notice', '--format', 'xlsx', '--out', path.join(dir, 'n.xlsx')], env);
      expect(refused.code).toBe(65);
      expect(refused.stderr).toContain('notice is available as md, html, pdf');
      const shown = JSON.parse((await custos(['map', 'show', '--json'], env)).stdout) as { map: { unreachable: unknown[]; systems: { name: string }[] } };
      expect(shown.map.unreachable).toEqual([]);
      expect(shown.map.systems.map((s) => s.name)).toContain('demo-shop');
      const exported = path.join(dir, 'privacy-export');
      expect((await custos(['export', '--dir', exported], env)).code).toBe(0);
      expect(readFileSync(path.join(exported, 'activities', 'customer-accounts.yaml'), 'utf8')).toContain('key: customer-accounts');
      const broken = path.join(dir, 'broken');
      mkdirSync(path.join(broken, 'activities'), { recursive: true });
      writeFileSync(path.join(broken, 'activities', 'x.yaml'), 'activity:\n  key: x\n  name: X\n  legal_basis: []\n');
      const invalid = await custos(['apply', '--dir', broken], env);
      expect(invalid.code).toBe(65);
      expect(invalid.stderr).toContain('activities/x.yaml');
    } finally {
      await shop.drop();
      await store.drop();
    }
  });

  it('refuses a second process on the same embedded store with a clear message', async () => {
    const embedded = { CUSTOS_DATA_DIR: path.join(dir, 'embedded') };
    const server = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--no-demo'], { env: { ...process.env, ...embedded, CUSTOS_ADMIN_PASSWORD: 'a-long-enough-password' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (d) => (stderr += d));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes('Custos is running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    try {
      expect(stderr).toContain('Custos is running at http://localhost:');
      const second = await custos(['keys', 'list'], embedded);
      expect(second.code).toBe(75);
      expect(second.stderr).toMatch(/in use by another Custos process \(pid \d+\)/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const after = await custos(['keys', 'list', '--json'], embedded);
    expect(after.code).toBe(0);
  });
});

/** A free port on loopback that nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

// The CLI as a client of a running server: `custos serve` on a PostgreSQL store of its own, the demo
// shop in another database as the governed system, an API key, then the commands with --server.
describe('custos CLI against a running server (--server, CUSTOS_API_KEY)', { timeout: 300_000 }, () => {
  let store: TestDatabase;
  let shop: TestDatabase;
  let local: Record<string, string>;
  let server: ChildProcess;
  let serverOutput = '';
  let url: string;
  let key: string;
  let auditorKey: string;
  let email: string;
  let requestId: string;
  // The remote runs get a data directory of their own: it must stay empty (no store is opened).
  let clientDir: string;
  const remote = (args: string[], extra: Record<string, string> = {}) => custos(['--server', url, ...args], { CUSTOS_DATA_DIR: clientDir, CUSTOS_API_KEY: key, ...extra });

  beforeAll(async () => {
    store = await createPostgresDatabase('custos_cli_server_store');
    shop = await createPostgresDatabase('custos_cli_server_shop');
    local = { CUSTOS_DATA_DIR: mkdtempSync(path.join(dir, 'server-')), CUSTOS_DATABASE_URL: store.url };
    clientDir = path.join(dir, 'client-never-created');
    expect((await custos(['demo', '--target', shop.url, '--people', '60', '--json'], local)).code).toBe(0);
    key = JSON.parse((await custos(['keys', 'create', '--role', 'privacy_officer', '--name', 'cli', '--json'], local)).stdout).key;
    auditorKey = JSON.parse((await custos(['keys', 'create', '--role', 'auditor', '--name', 'audit', '--json'], local)).stdout).key;
    const client = new pg.Client({ connectionString: shop.url });
    await client.connect();
    try {
      email = (await client.query<{ email: string }>('select c.email from shop.customers c where exists (select 1 from shop.orders o where o.customer_id = c.id) order by c.id limit 1')).rows[0]!.email;
    } finally {
      await client.end();
    }
    server = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--no-demo'], { env: { ...process.env, ...local, CUSTOS_JOBS_POLL_INTERVAL_SECONDS: '1', CUSTOS_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (serverOutput += d));
    server.stderr!.on('data', (d) => (serverOutput += d));
    const deadline = Date.now() + 60_000;
    while (!/Custos is running at (http:\/\/localhost:\d+)/.test(serverOutput) && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    url = /Custos is running at (http:\/\/localhost:\d+)/.exec(serverOutput)?.[1] ?? '';
    expect(url, serverOutput).not.toBe('');
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await shop?.drop();
    await store?.drop();
  });

  it('lists and scans systems through the API, printing what the local store prints', async () => {
    const remoteList = await remote(['systems', 'list', '--json']);
    expect(remoteList.stderr).toBe('');
    expect(remoteList.code).toBe(0);
    expect(JSON.parse(remoteList.stdout)).toEqual(JSON.parse((await custos(['systems', 'list', '--json'], local)).stdout));
    const scanned = await remote(['systems', 'scan', 'demo-shop', '--all-tables', '--json']);
    expect(scanned.code).toBe(0);
    const { scan, findings } = JSON.parse(scanned.stdout) as { scan: { status: string }; findings: { table: string; column: string }[] };
    expect(scan.status).toBe('completed');
    expect(findings.map((f) => `${f.table}.${f.column}`)).toContain('customers.email');
    const withPassword = new URL(shop.url);
    withPassword.password = 'sealed-secret';
    const added = await remote(['systems', 'add', 'shop-copy', '--url', withPassword.toString(), '--no-scan', '--json']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).system).toMatchObject({ name: 'shop-copy', engine: 'postgres', origin: 'user' });
    expect(added.stdout).not.toContain('sealed-secret');
    const duplicate = await remote(['systems', 'add', 'shop-copy', '--url', shop.url, '--no-scan']);
    expect(duplicate.code).toBe(75);
    expect(duplicate.stderr).toContain('already registered');
    const missing = await remote(['systems', 'scan', 'nope']);
    expect({ code: missing.code, stderr: missing.stderr.trim() }).toEqual({ code: 66, stderr: 'custos: no system named nope (see custos systems list)' });
  });

  it('submits, verifies, plans, runs, shows and exports a request', async () => {
    const submitted = await remote(['dsr', 'submit', '--type', 'access', '--email', email, '--country', 'DE']);
    expect(submitted.code).toBe(0);
    requestId = submitted.stdout.trim();
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted.stderr).toMatch(/^access request under GDPR, due \d{4}-\d{2}-\d{2}\n$/);

    const verified = await remote(['dsr', 'verify', requestId, '--staff', '--note', 'called back on the number on file']);
    expect(verified.code).toBe(0);
    expect(verified.stderr).toMatch(/^verified; due \d{4}-\d{2}-\d{2}\n$/);

    const plan = await remote(['dsr', 'plan', requestId, '--json']);
    expect(plan.code).toBe(0);
    const planned = JSON.parse(plan.stdout) as { systems: { system: string }[]; counts: { system: string; tables: { table: { table: string }; matched: number }[] }[] };
    expect(planned.systems.map((s) => s.system)).toEqual(['demo-shop']);
    expect(planned.counts[0]!.tables.find((t) => t.table.table === 'customers')?.matched).toBe(1);
    const plannedLocally = await custos(['dsr', 'plan', requestId, '--json'], local);
    expect(plannedLocally.code, plannedLocally.stderr).toBe(0);
    expect(planned).toEqual(JSON.parse(plannedLocally.stdout));
    const planText = await remote(['dsr', 'plan', requestId]);
    expect(planText.stdout).toMatch(/^system\s+table\s+rows/);
    expect(planText.stdout).toMatch(/demo-shop\s+shop\.customers\s+1\b/);

    const run = await remote(['dsr', 'run', requestId]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^demo-shop: done; .*shop\.customers 1,/m);
    const again = await remote(['dsr', 'run', requestId]);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 75, stderr: `custos: request ${requestId} is completed; its record stands\n` });
    const againLocally = await custos(['dsr', 'run', requestId], local);
    expect({ code: againLocally.code, stderr: againLocally.stderr }).toEqual({ code: again.code, stderr: again.stderr });

    const shown = await remote(['dsr', 'show', requestId, '--json']);
    expect(shown.code).toBe(0);
    const { request } = JSON.parse(shown.stdout) as { request: { status: string; identities: { kind: string; masked: string }[]; events: { kind: string }[] } };
    expect(request.status).toBe('completed');
    expect(request.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['received', 'verified', 'completed']));
    expect(shown.stdout).not.toContain(email);
    const shownLocally = await custos(['dsr', 'show', requestId, '--json'], local);
    expect(shownLocally.code, shownLocally.stderr).toBe(0);
    expect(request).toEqual(JSON.parse(shownLocally.stdout).request);

    const zip = path.join(dir, 'remote-package.zip');
    const exported = await remote(['dsr', 'export', requestId, '--out', zip]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(new RegExp(`^wrote ${zip.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes\\)\n$`));
    const files = unzipSync(readFileSync(zip));
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as { request: string; tables: { table: string; rows: number }[] };
    expect(manifest.request).toBe(requestId);
    expect(manifest.tables.find((t) => t.table === 'shop.customers')?.rows).toBe(1);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['report.html', 'data/demo-shop/shop.customers.json']));
    expect((await remote(['dsr', 'export', requestId, '--out', zip])).code).toBe(75);

    const listed = await remote(['dsr', 'list', '--all', '--json']);
    expect(JSON.parse(listed.stdout).requests.map((r: { id: string }) => r.id)).toContain(requestId);
    const open = await remote(['dsr', 'list', '--json']);
    expect(JSON.parse(open.stdout).requests.map((r: { id: string }) => r.id)).not.toContain(requestId);
    const unknown = await remote(['dsr', 'show', '00000000-0000-4000-8000-000000000000']);
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 66, stderr: 'custos: no subject request with id 00000000-0000-4000-8000-000000000000\n' });

    expect(existsSync(clientDir)).toBe(false);
    expect(serverOutput).not.toContain(key);
  });

  it('says what is wrong with the key, the role, an unreachable or silent server, and commands without server mode', async () => {
    const noStack = (r: Result) => expect(r.stderr).not.toMatch(/\n\s+at /);
    const wrong = await remote(['dsr', 'list'], { CUSTOS_API_KEY: 'cus_not-a-key-this-server-knows-of-at-all' });
    expect(wrong.code).toBe(77);
    expect(wrong.stderr.trim()).toBe(`custos: ${url} refused the API key: the API key is missing, malformed, unknown or revoked; check CUSTOS_API_KEY (or --key)`);
    noStack(wrong);

    // On the command line the key works, with a warning; it is never printed back.
    const flagged = await custos(['--server', url, '--key', key, 'dsr', 'list', '--json'], { CUSTOS_DATA_DIR: clientDir });
    expect(flagged.code).toBe(0);
    expect(flagged.stderr).toContain('warning: --key is visible in the process list');
    expect(flagged.stdout + flagged.stderr).not.toContain(key);
    expect((await remote(['dsr', 'list'])).stderr).not.toContain('warning');

    const auditor = await remote(['dsr', 'submit', '--type', 'erasure', '--email', 'someone@example.com'], { CUSTOS_API_KEY: auditorKey });
    expect(auditor.code).toBe(77);
    expect(auditor.stderr.trim()).toBe(`custos: your role (auditor) lacks the permission dsr:manage (the API key’s role, on ${url})`);

    const noKey = await custos(['--server', url, 'dsr', 'list'], { CUSTOS_DATA_DIR: clientDir });
    expect(noKey.code).toBe(77);
    expect(noKey.stderr).toContain('no API key for');

    const port = await closedPort();
    let started = Date.now();
    const refused = await custos(['--server', `http://127.0.0.1:${port}`, 'dsr', 'list'], { CUSTOS_DATA_DIR: clientDir, CUSTOS_API_KEY: key });
    expect(refused.code).toBe(69);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(refused.stderr.trim()).toBe(`custos: cannot reach the Custos server at http://127.0.0.1:${port}: connection refused; is \`custos serve\` running there, on that port?`);
    noStack(refused);

    // A server that takes the connection and never answers: bounded by --timeout.
    const silent = net.createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    try {
      started = Date.now();
      const hung = await custos(['--server', `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, '--timeout', '2', 'dsr', 'list'], { CUSTOS_DATA_DIR: clientDir, CUSTOS_API_KEY: key });
      expect(hung.code).toBe(69);
      expect(hung.stderr).toContain('did not answer within 2 s');
      expect(Date.now() - started).toBeLessThan(30_000);
      noStack(hung);
    } finally {
      silent.close();
    }

    const unsupported = await remote(['map', 'show']);
    expect({ code: unsupported.code, stderr: unsupported.stderr }).toEqual({ code: 64, stderr: "custos map show: --server is not supported yet; run it on the server's machine\n" });
    const badUrl = await custos(['--server', 'localhost:8080', 'dsr', 'list'], { CUSTOS_DATA_DIR: clientDir, CUSTOS_API_KEY: key });
    expect(badUrl.code).toBe(65);
    expect(badUrl.stderr).toContain('--server: use an http:// or https:// address');
    expect(existsSync(clientDir)).toBe(false);
    expect(serverOutput).not.toContain(key);
    expect(serverOutput).not.toContain(auditorKey);
  });
});
