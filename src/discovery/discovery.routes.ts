import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SystemsService } from '../systems/systems.service.js';
import { engineOf } from './connectors/open.js';
import { ENTITIES } from './detect/index.js';
import type { DiscoveryService } from './discovery.service.js';
import { DecisionSchema, FindingQuerySchema, IdParams, RegisterSystemSchema, ScanRequestSchema } from './discovery.schemas.js';
import { loadDefaultPolicy } from './grading/grading.js';
import path from 'node:path';
import { CustosError } from '../lib/errors.js';
import { redactUrl } from '../lib/urls.js';

/**
 * A path target makes the server read its own files: allowed only under configured roots
 * (CUSTOS_DISCOVERY_FILE_ROOTS). Network targets are what a scanner is for and are not limited.
 */
function assertPathAllowed(url: string, engine: string, fileRoots: string[]): void {
  if (engine === 'postgres' || engine === 'mysql') return;
  const target = path.resolve(url.replace(/^(sqlite|pglite):(\/\/)?/i, ''));
  const allowed = fileRoots.some((root) => target === path.resolve(root) || target.startsWith(`${path.resolve(root)}${path.sep}`));
  if (!allowed) {
    throw new CustosError('FORBIDDEN', 'registering files on the server is allowed only under CUSTOS_DISCOVERY_FILE_ROOTS; use a database URL, or the CLI (custos systems add) on that machine', {
      details: [{ field: 'body.url', message: 'path outside the allowed roots' }],
    });
  }
}

export function registerDiscoveryRoutes(app: FastifyInstance, { discovery, systems, fileRoots }: { discovery: DiscoveryService; systems: SystemsService; fileRoots: string[] }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/systems', {
    config: { access: 'systems:manage' },
    schema: { tags: ['systems'], summary: 'Register a system by connection URL or path (sealed at rest, never shown back), and scan it', body: RegisterSystemSchema },
  }, async (request, reply) => {
    const { name, description, url, scan } = request.body;
    const engine = engineOf(url);
    assertPathAllowed(url, engine, fileRoots);
    const system = await systems.upsertSystem(request.auditContext, { name, description, engine, connection: redactUrl(url), target: url, origin: 'user' }, { ifExists: 'fail' });
    const started = scan ? await discovery.requestScan(request.auditContext, system.id, {}) : null;
    return reply.code(201).send({ system, scan: started });
  });

  api.post('/api/systems/:id/scans', {
    config: { access: 'discovery:scan' },
    schema: { tags: ['discovery'], summary: 'Start a scan of a system (a durable job); incremental by default', params: IdParams, body: ScanRequestSchema },
  }, async (request, reply) => reply.code(202).send({ scan: await discovery.requestScan(request.auditContext, request.params.id, request.body) }));

  api.get('/api/scans', {
    config: { access: 'discovery:read' },
    schema: { tags: ['discovery'], summary: 'Scan history, newest first', querystring: z.object({ systemId: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }).strict() },
  }, async (request) => ({ scans: await discovery.listScans(request.query) }));

  api.get('/api/scans/:id', {
    config: { access: 'discovery:read' },
    schema: { tags: ['discovery'], summary: 'One scan with its progress and per-table results', params: IdParams },
  }, async (request) => ({ scan: await discovery.getScan(request.params.id) }));

  api.post('/api/scans/:id/cancel', {
    config: { access: 'discovery:scan' },
    schema: { tags: ['discovery'], summary: 'Cancel a queued or running scan', params: IdParams },
  }, async (request) => ({ scan: await discovery.cancelScan(request.auditContext, request.params.id) }));

  api.get('/api/findings', {
    config: { access: 'discovery:read' },
    schema: { tags: ['discovery'], summary: 'Personal-data findings per column, with filters; a person’s decision wins over the scanner', querystring: FindingQuerySchema },
  }, async (request) => ({ findings: await discovery.listFindings(request.query) }));

  api.patch('/api/findings/:id', {
    config: { access: 'discovery:decide' },
    schema: { tags: ['discovery'], summary: 'Confirm, correct or reject a finding; kept across re-scans', params: IdParams, body: DecisionSchema },
  }, async (request) => ({ finding: await discovery.decideFinding(request.auditContext, request.params.id, request.body) }));

  api.get('/api/discovery/heatmap', {
    config: { access: 'discovery:read' },
    schema: { tags: ['discovery'], summary: 'Sensitivity per system and table: highest level and personal-data column count' },
  }, async () => ({ cells: await discovery.heatmap() }));

  api.get('/api/discovery/entities', {
    config: { access: 'discovery:read' },
    schema: { tags: ['discovery'], summary: 'The detectors: entity types, their data categories and levels' },
  }, async () => ({ entities: ENTITIES, policy: loadDefaultPolicy() }));
}
