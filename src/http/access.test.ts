/**
 * The route permission matrix: every registered route, enumerated from the server itself, refuses
 * a missing credential with 401 and a role without its permission with 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleHasPermission, type Permission, type Role } from '../identity/permissions.js';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';

let custos: RunningCustos;
const keys = new Map<Role, string>();

beforeAll(async () => {
  custos = await startCustos({ store: 'pglite' });
  for (const role of ROLES) {
    const { key } = await custos.app.identity.createApiKey({ actor: { type: 'system', id: null, name: 'test', role: null } }, { name: `matrix-${role}`, role, createdBy: null });
    keys.set(role, key);
  }
});
afterAll(() => custos.close());

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

function call(method: string, url: string, key?: string) {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(method);
  return custos.server.inject({
    method: method as 'GET',
    url: url.replace(/:[a-zA-Z]+/g, SAMPLE_ID),
    headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(hasBody ? { payload: '{}' } : {}),
  });
}

describe('route permission matrix', () => {
  it('declares access on every route and has protected routes to check', () => {
    expect(custos.routes.every((r) => r.access !== undefined)).toBe(true);
    expect(custos.routes.filter((r) => r.access !== 'public').length).toBeGreaterThan(10);
  });

  it('rejects a missing credential with 401 on every protected route', async () => {
    const protectedRoutes = custos.routes.filter((r) => r.access !== 'public');
    for (const route of protectedRoutes) {
      const response = await call(route.method, route.url);
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 401 });
      if (route.method !== 'HEAD') expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('rejects an unknown or revoked key with 401', async () => {
    const response = await call('GET', '/api/systems', 'cus_not-a-real-key-000000000000000000');
    expect(response.statusCode).toBe(401);
  });

  it('rejects every role that lacks a route’s permission with 403, and lets the others through', async () => {
    let denials = 0;
    for (const route of custos.routes.filter((r) => r.access !== 'public' && r.access !== 'authenticated')) {
      for (const role of ROLES) {
        const response = await call(route.method, route.url, keys.get(role));
        const allowed = roleHasPermission(role, route.access as Permission);
        const label = `${role} ${route.method} ${route.url}`;
        if (allowed) expect({ label, status: response.statusCode }).not.toMatchObject({ status: expect.toSatisfy((s: number) => s === 401 || s === 403) });
        else {
          expect({ label, status: response.statusCode }).toEqual({ label, status: 403 });
          denials += 1;
        }
      }
    }
    expect(denials).toBeGreaterThan(20);
  });

  it('records denials in the audit log', async () => {
    const denied = await custos.app.audit.search({ limit: 5, outcome: 'denied' });
    expect(denied.length).toBeGreaterThan(0);
    expect(denied[0]!.action).toBe('access.denied');
  });

  it('gives auditors read-only access: no user, key or system changes', () => {
    for (const permission of ['users:manage', 'keys:manage', 'systems:manage'] as const) expect(roleHasPermission('auditor', permission)).toBe(false);
    for (const permission of ['audit:read', 'audit:verify', 'audit:export'] as const) expect(roleHasPermission('auditor', permission)).toBe(true);
  });
});

describe('docs/permissions.md', () => {
  it('lists every route with the permission it requires (regenerate with UPDATE_DOCS=1 npm test)', async () => {
    const { readFileSync, writeFileSync, existsSync } = await import('node:fs');
    const { PERMISSIONS, ROLE_PERMISSIONS } = await import('../identity/permissions.js');
    const isListed = (url: string) => url.startsWith('/api/') || ['/healthz', '/readyz', '/metrics', '/openapi.json'].includes(url);
    const routes = custos.routes
      .filter((r) => r.method !== 'HEAD' && isListed(r.url))
      .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
    const lines = [
      '# Route permissions',
      '',
      'Generated from the running server by `src/http/access.test.ts`; the test fails when this file is out of date',
      '(regenerate with `UPDATE_DOCS=1 npx vitest run src/http/access.test.ts`). The role → permission table is',
      '`src/identity/permissions.ts`. Static console files and `/docs` are public.',
      '',
      '| Method | Route | Requires | Roles allowed |',
      '| --- | --- | --- | --- |',
      ...routes.map((r) => {
        const access = r.access!;
        const roles = access === 'public' ? 'anyone' : access === 'authenticated' ? 'any signed-in user or key' : ROLES.filter((role) => roleHasPermission(role, access as Permission)).join(', ');
        return `| ${r.method} | \`${r.url}\` | ${access in PERMISSIONS ? `\`${access}\`` : access} | ${roles} |`;
      }),
      '',
      '## Permissions by role',
      '',
      '| Role | Permissions |',
      '| --- | --- |',
      ...ROLES.map((role) => `| ${role} | ${ROLE_PERMISSIONS[role].map((p) => `\`${p}\``).join(', ')} |`),
      '',
    ];
    const file = 'docs/permissions.md';
    const expected = lines.join('\n');
    if (process.env.UPDATE_DOCS === '1' || !existsSync(file)) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});
