/**
 * The Fastify instance: plugins, error handling, access control, each domain's routes, the API
 * reference and the console's static build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../app.js';
import { registerAuditRoutes } from '../audit/audit.routes.js';
import { migrationStatus } from '../db/migrator.js';
import { registerIdentityRoutes } from '../identity/identity.routes.js';
import { registerSystemsRoutes } from '../systems/systems.routes.js';
import { registerDiscoveryRoutes } from '../discovery/discovery.routes.js';
import { registerDatamapRoutes } from '../datamap/datamap.routes.js';
import { registerDsrRoutes } from '../dsr/dsr.routes.js';
import { registerHoldRoutes } from '../dsr/holds.routes.js';
import { packageRoot, packageVersion } from '../lib/package-root.js';
import { assertEveryRouteDeclaresAccess, collectRoutes, markPublic, registerAccessControl, type RegisteredRoute } from './access.js';
import { registerMetrics } from './metrics.js';
import { registerProblemHandlers, sendProblem } from './problem.js';

export interface BuiltServer {
  server: FastifyInstance;
  routes: RegisteredRoute[];
}

export async function buildServer(app: App, options: { webDir?: string } = {}): Promise<BuiltServer> {
  const server: FastifyInstance = Fastify({
    loggerInstance: app.logger as FastifyBaseLogger,
    // Fastify's own request lines carry URLs and headers; ours (below) carry the route pattern only.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: app.config.http.bodyLimitBytes,
    trustProxy: app.config.http.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  });
  const routes = collectRoutes(server);
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(server);
  await server.register(fastifyCookie);
  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Our own one-line request log: method, route pattern, status, time. No URL, no query, no headers.
  server.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  registerAccessControl(server, app);

  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Custos API', version: packageVersion(), description: 'Personal information management: the API behind the Custos console and CLI.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `custos keys create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'custos_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await server.register(async (scope) => {
    markPublic(scope);
    await scope.register(fastifySwaggerUi, { routePrefix: '/docs' });
  });

  registerMetrics(server);
  registerHealthRoutes(server, app);
  registerIdentityRoutes(server, { identity: app.identity, secureCookies: app.config.http.secureCookies });
  registerAuditRoutes(server, { audit: app.audit });
  registerSystemsRoutes(server, { systems: app.systems });
  registerDiscoveryRoutes(server, { discovery: app.discovery, systems: app.systems, fileRoots: app.config.discovery.fileRoots });
  registerDatamapRoutes(server, { datamap: app.datamap, systems: app.systems, manifests: app.manifests });
  registerDsrRoutes(server, { dsr: app.dsr, fulfilment: app.fulfilment, organisationName: async () => (await app.datamap.getOrganisation())?.name ?? null });
  registerHoldRoutes(server, { holds: app.holds });
  server.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => server.swagger());

  const webDir = options.webDir ?? path.join(packageRoot(), 'web', 'dist');
  const indexHtml = existsSync(path.join(webDir, 'index.html')) ? readFileSync(path.join(webDir, 'index.html'), 'utf8') : undefined;
  if (indexHtml) {
    await server.register(async (scope) => {
      markPublic(scope);
      // wildcard: files are looked up per request, so a rebuilt console is served without a restart.
      await scope.register(fastifyStatic, { root: webDir, wildcard: true, index: ['index.html'] });
    });
  }
  server.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    // Console routes (/audit, /systems …) are the single-page app's; it routes them itself.
    if (isPage && indexHtml) return reply.type('text/html; charset=utf-8').send(indexHtml);
    return sendProblem(reply, request, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
  });

  await server.ready();
  assertEveryRouteDeclaresAccess(routes);
  return { server, routes };
}

function registerHealthRoutes(server: FastifyInstance, app: App): void {
  const api = server.withTypeProvider<ZodTypeProvider>();
  api.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  api.get('/readyz', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Readiness: the store answers and every migration is applied',
      response: {
        200: z.object({ status: z.literal('ready'), store: z.string(), migrations: z.object({ applied: z.number(), pending: z.number() }) }),
        503: z.object({ status: z.literal('unavailable'), store: z.string(), reason: z.string() }),
      },
    },
  }, async (_request, reply) => {
    try {
      await app.store.ping();
      const status = await migrationStatus(app.store.db);
      if (status.pending.length) return reply.code(503).send({ status: 'unavailable' as const, store: app.store.kind, reason: `${status.pending.length} migrations pending` });
      return { status: 'ready' as const, store: app.store.kind, migrations: { applied: status.applied.length, pending: 0 } };
    } catch {
      return reply.code(503).send({ status: 'unavailable' as const, store: app.store.kind, reason: 'the store does not answer' });
    }
  });
}
