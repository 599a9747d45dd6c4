/**
 * Authentication and authorisation for every route, before the body is even parsed. A route
 * declares `config: { access }`: a permission from identity/permissions.ts, 'authenticated', or
 * 'public'. A route that declares nothing is refused at start-up (see assertEveryRouteDeclaresAccess).
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { SESSION_COOKIE, type Principal } from '../identity/identity.types.js';
import { actorOf, roleOf, type IdentityService } from '../identity/identity.service.js';
import { PERMISSIONS, roleHasPermission, type Permission, type RouteAccess } from '../identity/permissions.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { AuditService } from '../audit/audit.service.js';
import { CustosError } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    auditContext: AuditContext;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export function collectRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Read access lazily: plugin scopes (markPublic) fill it in after this hook has run.
    for (const method of methods) {
      routes.push({ method, url: route.url, get access() { return (route.config as { access?: RouteAccess } | undefined)?.access; } });
    }
  });
  return routes;
}

export function assertEveryRouteDeclaresAccess(routes: RegisteredRoute[]): void {
  const missing = routes.filter((r) => r.access === undefined || (r.access !== 'public' && r.access !== 'authenticated' && !Object.hasOwn(PERMISSIONS, r.access)));
  if (missing.length) throw new Error(`routes without a valid access declaration: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
}

/** Routes of plugins (static files, API reference) that are public by nature. */
export function markPublic(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    route.config = { ...(route.config as object), access: (route.config as { access?: RouteAccess } | undefined)?.access ?? 'public' } as RouteOptions['config'];
  });
}

export function registerAccessControl(app: FastifyInstance, deps: { identity: IdentityService; audit: Pick<AuditService, 'recordAlone'> }): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('auditContext', null as unknown as AuditContext);
  app.addHook('onRequest', async (request) => {
    request.auditContext = { actor: { type: 'anonymous', id: null, name: null, role: null }, requestId: request.id };
    const access = request.routeOptions.config?.access;
    if (access === undefined) {
      // No route matched (404), or a route without a declaration, which start-up forbids.
      if (request.routeOptions.url) throw new CustosError('FORBIDDEN', 'this route declares no access rule');
      return;
    }
    const principal = await authenticate(request, deps.identity).catch((err: unknown) => {
      if (access === 'public') return null; // a stale credential does not block public routes
      throw err;
    });
    if (principal) {
      request.principal = principal;
      request.auditContext = { actor: actorOf(principal), requestId: request.id };
    }
    if (access === 'public') return;
    if (!principal) throw new CustosError('UNAUTHENTICATED', 'sign in, or send an API key as `Authorization: Bearer <key>`');
    if (access === 'authenticated') return;
    if (!roleHasPermission(roleOf(principal), access as Permission)) {
      await deps.audit.recordAlone(request.auditContext, {
        action: 'access.denied',
        outcome: 'denied',
        details: { permission: access, method: request.method, route: request.routeOptions.url },
      });
      throw new CustosError('FORBIDDEN', `your role (${roleOf(principal)}) lacks the permission ${access}`);
    }
  });
}

async function authenticate(request: FastifyRequest, identity: IdentityService): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match ? await identity.authenticateApiKey(match[1]!) : null;
    if (!principal) throw new CustosError('UNAUTHENTICATED', 'the API key is missing, malformed, unknown or revoked');
    return principal;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? identity.authenticateSession(cookie) : null;
}
