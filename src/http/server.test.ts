import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, startCustos, type RunningCustos } from '../../test/support/custos-server.js';

let custos: RunningCustos;
let cookie: string;

beforeAll(async () => {
  custos = await startCustos({ store: 'pglite', config: { http: { bodyLimitBytes: 4096 } } });
  cookie = await login(custos.url);
});
afterAll(() => custos.close());

const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${custos.url}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });

describe('API basics', () => {
  it('serves a valid OpenAPI 3 document that lists the routes and their security', async () => {
    const response = await fetch(`${custos.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/audit/events', '/api/keys', '/api/systems']));
    const docs = await fetch(`${custos.url}/docs/`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
  });

  it('answers liveness and readiness', async () => {
    expect(await (await fetch(`${custos.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = (await (await fetch(`${custos.url}/readyz`)).json()) as { status: string; store: string; migrations: { pending: number } };
    expect(ready).toMatchObject({ status: 'ready', store: 'pglite', migrations: { pending: 0 } });
  });

  it('exposes Prometheus metrics with route patterns, not raw URLs', async () => {
    await fetch(`${custos.url}/api/users/${'1'.repeat(8)}?x=secret`, { headers: { cookie } });
    const text = await (await fetch(`${custos.url}/metrics`)).text();
    expect(text).toContain('custos_http_requests_total');
    expect(text).toContain('custos_process_cpu_user_seconds_total');
    expect(text).not.toContain('secret');
  });

  it('answers unknown routes with 404 problem+json and serves the console for pages', async () => {
    const response = await json('GET', '/api/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const page = await fetch(`${custos.url}/audit`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});

describe('bad input gets a 4xx problem naming what is wrong', () => {
  it('malformed JSON → 400 naming the body', async () => {
    const response = await json('POST', '/api/users', '{"username": "x",');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { field: string }[]; requestId: string };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors[0]!.field).toBe('body');
    expect(problem.requestId).toBeTruthy();
  });

  it('wrong type → 400 naming the field', async () => {
    const response = await json('POST', '/api/users', { username: 'bob', role: 42, password: 'long-enough-password' });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string }[]; detail: string };
    expect(problem.errors.map((e) => e.field)).toContain('body.role');
    expect(problem.detail).toContain('body.role');
  });

  it('unknown field → 400 naming it', async () => {
    const response = await json('POST', '/api/keys', { name: 'ci', role: 'engineer', isAdmin: true });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toContainEqual({ field: 'body.isAdmin', message: 'unknown field' });
  });

  it('bad query and path values → 400 naming them', async () => {
    const query = await json('GET', '/api/audit/events?limit=abc');
    expect(query.status).toBe(400);
    expect(((await query.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('querystring.limit');
    const params = await json('PATCH', '/api/users/not-a-uuid', { role: 'admin' });
    expect(params.status).toBe(400);
    expect(((await params.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('params.id');
  });

  it('values the store cannot hold (NUL characters, dates out of range) → 400, not 500', async () => {
    const nul = await json('POST', '/api/auth/login', { username: 'a\u0000b', password: 'whatever-password' }, { cookie: '' });
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    expect((await json('GET', '/api/audit/events?action=a%00b')).status).toBe(400);
    expect((await json('GET', '/api/audit/events?from=0000-01-01T00:00:00Z')).status).toBe(400);
    expect((await json('POST', '/api/keys', { name: 'k\u0000', role: 'engineer' })).status).toBe(400);
  });

  it('oversized body → 413, wrong content type → 415', async () => {
    const big = await json('POST', '/api/keys', { name: 'x'.repeat(10_000), role: 'engineer' });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { code: string }).code).toBe('BODY_TOO_LARGE');
    const xml = await fetch(`${custos.url}/api/keys`, { method: 'POST', headers: { cookie, 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
  });
});

describe('identity', () => {
  it('signs in, says who is signed in, and signs out', async () => {
    const session = await login(custos.url);
    const me = (await (await fetch(`${custos.url}/api/auth/me`, { headers: { cookie: session } })).json()) as { user: { username: string; role: string }; permissions: string[] };
    expect(me.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(me.permissions).toContain('audit:verify');
    expect((await fetch(`${custos.url}/api/auth/logout`, { method: 'POST', headers: { cookie: session } })).status).toBe(204);
    expect((await fetch(`${custos.url}/api/auth/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses a wrong password with 401 and records the failure', async () => {
    const response = await json('POST', '/api/auth/login', { username: 'admin', password: 'wrong-password-123' }, { cookie: '' });
    expect(response.status).toBe(401);
    const failures = await custos.app.audit.search({ limit: 5, action: 'auth.login', outcome: 'failure' });
    expect(failures[0]!.details).toEqual({ reason: 'wrong_password' });
  });

  it('creates an API key shown once, stored hashed, usable as a bearer token, with last-used time, and revocable', async () => {
    const created = await json('POST', '/api/keys', { name: 'ci-gate', role: 'auditor' });
    expect(created.status).toBe(201);
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string; lastUsedAt: string | null } };
    expect(key).toMatch(/^cus_/);
    const stored = await custos.app.store.executeSql('select key_hash from api_keys where id = $1', [apiKey.id]);
    expect(stored.rows[0]!.key_hash).not.toContain(key.slice(4));
    const listed = (await (await json('GET', '/api/keys')).json()) as { keys: Record<string, unknown>[] };
    expect(JSON.stringify(listed)).not.toContain(key);

    const asKey = await fetch(`${custos.url}/api/audit/events?limit=1`, { headers: { authorization: `Bearer ${key}` } });
    expect(asKey.status).toBe(200);
    const writeAttempt = await fetch(`${custos.url}/api/keys`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"name":"x","role":"admin"}' });
    expect(writeAttempt.status).toBe(403);
    const after = (await (await json('GET', '/api/keys')).json()) as { keys: { id: string; lastUsedAt: string | null }[] };
    expect(after.keys.find((k) => k.id === apiKey.id)!.lastUsedAt).not.toBeNull();

    expect((await json('DELETE', `/api/keys/${apiKey.id}`)).status).toBe(204);
    expect((await fetch(`${custos.url}/api/systems`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });

  it('manages users and will not leave the platform without an admin', async () => {
    const created = await json('POST', '/api/users', { username: 'dpo', role: 'privacy_officer', password: 'a-long-enough-password' });
    expect(created.status).toBe(201);
    expect((await json('POST', '/api/users', { username: 'dpo', role: 'analyst', password: 'a-long-enough-password' })).status).toBe(409);
    const short = await json('POST', '/api/users', { username: 'x2', role: 'analyst', password: 'short' });
    expect(((await short.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('body.password');
    const dpoSession = await login(custos.url, 'dpo', 'a-long-enough-password');
    expect((await fetch(`${custos.url}/api/audit/events?limit=1`, { headers: { cookie: dpoSession } })).status).toBe(200);
    const dpo = ((await created.json()) as { user: { id: string } }).user;
    expect((await json('PATCH', `/api/users/${dpo.id}`, { role: 'analyst' })).status).toBe(200);
    expect((await fetch(`${custos.url}/api/audit/events?limit=1`, { headers: { cookie: dpoSession } })).status).toBe(403);
    expect((await json('PATCH', `/api/users/${dpo.id}`, { disabled: true })).status).toBe(200);
    expect((await fetch(`${custos.url}/api/systems`, { headers: { cookie: dpoSession } })).status).toBe(401);
    const admin = (await custos.app.identity.listUsers()).find((u) => u.username === 'admin')!;
    const demote = await json('PATCH', `/api/users/${admin.id}`, { role: 'analyst' });
    expect(demote.status).toBe(409);
  });

  it('writes every change to the audit log in the same transaction', async () => {
    const events = await custos.app.audit.search({ limit: 100 });
    const actions = new Set(events.map((e) => e.action));
    for (const action of ['user.create', 'api_key.create', 'api_key.revoke', 'auth.login', 'auth.logout']) expect(actions).toContain(action);
    const login = events.find((e) => e.action === 'auth.login' && e.outcome === 'success' && e.actor.name === 'admin')!;
    expect(login.actor).toMatchObject({ type: 'user', name: 'admin', role: 'admin' });
    expect(login.requestId).toBeTruthy();
    expect((await custos.app.audit.verify()).ok).toBe(true);
  });
});

describe('first-run setup without CUSTOS_ADMIN_PASSWORD', () => {
  it('issues a one-time token that creates the admin once', async () => {
    const fresh = await startCustos({ store: 'pglite', admin: false });
    try {
      const { setupToken } = await fresh.app.identity.bootstrap(undefined);
      expect(setupToken).toMatch(/^setup_/);
      expect(await (await fetch(`${fresh.url}/api/setup`)).json()).toEqual({ required: true });
      const wrong = await fetch(`${fresh.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'setup_wrong', username: 'root', password: ADMIN_PASSWORD }) });
      expect(wrong.status).toBe(401);
      const ok = await fetch(`${fresh.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: setupToken, username: 'root', password: ADMIN_PASSWORD }) });
      expect(ok.status).toBe(201);
      expect(ok.headers.get('set-cookie')).toContain('custos_session=');
      const again = await fetch(`${fresh.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: setupToken, username: 'root2', password: ADMIN_PASSWORD }) });
      expect(again.status).toBe(409);
    } finally {
      await fresh.close();
    }
  });
});

describe('logs', () => {
  it('never contain a password, API key, session or e-mail address', async () => {
    const secretPassword = 'Sup3r-Secret-Passw0rd!';
    const email = 'jane.doe@example.org';
    await json('POST', '/api/users', { username: email, role: 'analyst', password: secretPassword });
    await json('POST', '/api/auth/login', { username: email, password: secretPassword }, { cookie: '' });
    await json('POST', '/api/auth/login', { username: email, password: 'wrong-password-xyz' }, { cookie: '' });
    const { key } = (await (await json('POST', '/api/keys', { name: 'log-check', role: 'analyst' })).json()) as { key: string };
    await fetch(`${custos.url}/api/systems?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${key}` } });
    await fetch(`${custos.url}/api/audit/events?actor=${encodeURIComponent(email)}`, { headers: { cookie } });
    custos.app.logger.info({ note: `reached ${email} with Bearer ${key}` }, `user ${email} logged in`);
    const logs = custos.logs();
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).toContain('"route":"/api/auth/login"');
    for (const secret of [secretPassword, email, key, key.slice(4), cookie.split('=')[1]!]) expect(logs).not.toContain(secret);
  });
});
