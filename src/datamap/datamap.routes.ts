/**
 * The data map's API: the map and its identity graph, processing activities, references, drift,
 * notifications, organisation details, the CI gate and the reports. Reads need map:read, every
 * change map:manage (and is audited by the service).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jurisdictions, loadLegalBases, loadTransferMechanisms } from '../law/law.js';
import { reportFormats, REPORT_FORMATS, REPORT_KINDS } from '../reports/index.js';
import { SystemSchema } from '../systems/systems.routes.js';
import type { SystemsService } from '../systems/systems.service.js';
import { CustosError } from '../lib/errors.js';
import type { DatamapService } from './datamap.service.js';
import { CHECK_RULES } from './check.js';
import type { ManifestService } from './manifests.service.js';
import { ActivityInputSchema, OrganisationSchema, ReferenceInputSchema, SystemDetailsSchema, TaxonomyExtensionSchema } from './datamap.schemas.js';
import { TAXONOMY_KINDS } from '../taxonomy/taxonomy.js';

const IdParams = z.object({ id: z.string().uuid() }).strict();
const KeyParams = z.object({ key: z.string().min(1).max(100) }).strict();
const GraphQuery = z.object({ strictReferences: z.coerce.boolean().default(false) }).strict();

export function registerDatamapRoutes(app: FastifyInstance, { datamap, systems, manifests }: { datamap: DatamapService; systems: SystemsService; manifests: ManifestService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/manifests', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'The data map as privacy-as-code manifests: relative path → YAML (what custos export writes)' },
  }, async () => ({ files: await manifests.exportFiles() }));

  api.post('/api/manifests/apply', {
    config: { access: 'map:manage' },
    schema: {
      tags: ['map'],
      summary: 'Apply manifests (relative path → YAML) in one transaction; dryRun returns the plan only',
      body: z.object({ files: z.record(z.string().min(1).max(300), z.string().max(1_000_000)), dryRun: z.boolean().default(false), prune: z.boolean().default(false) }).strict(),
    },
  }, async (request) => {
    const result = await manifests.applyFiles(request.auditContext, request.body.files, { dryRun: request.body.dryRun, prune: request.body.prune });
    return { dryRun: request.body.dryRun, applied: result.applied, plan: result.text, changes: result.changes.map((c) => ({ action: c.action, kind: c.kind, summary: c.summary })) };
  });

  api.get('/api/map', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'The data map: systems → tables → fields with categories and levels, where each category lives, and what no identity reaches', querystring: GraphQuery },
  }, async (request) => ({ map: await datamap.view({ strictReferences: request.query.strictReferences }) }));

  api.get('/api/map/graph', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'The identity graph: identity fields, how each table is reached, unreachable tables, references waiting for review', querystring: GraphQuery },
  }, async (request) => ({ graph: await datamap.identityGraph({ strictReferences: request.query.strictReferences }) }));

  api.get('/api/map/check', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'The CI gate: what the records of processing miss (custos check)', querystring: z.object({ strict: z.coerce.boolean().default(false), strictReferences: z.coerce.boolean().default(false) }).strict() },
  }, async (request) => ({ check: await datamap.check(request.query), rules: CHECK_RULES }));

  api.patch('/api/systems/:id/details', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Owner, department, hosting, role and security measures of a system', params: IdParams, body: SystemDetailsSchema, response: { 200: z.object({ system: SystemSchema }) } },
  }, async (request) => ({ system: await systems.updateDetails(request.auditContext, request.params.id, request.body) }));

  api.get('/api/activities', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'Processing activities (records of processing)' },
  }, async () => ({ activities: await datamap.listActivities() }));

  api.get('/api/activities/:key', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'One processing activity', params: KeyParams },
  }, async (request) => ({ activity: await datamap.getActivity(request.params.key) }));

  api.put('/api/activities/:key', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Create or replace a processing activity; saving it clears its review flag', params: KeyParams, body: ActivityInputSchema },
  }, async (request) => {
    if (request.body.key !== request.params.key) throw new CustosError('VALIDATION_FAILED', 'the key in the path and in the body differ', { details: [{ field: 'body.key', message: `must be ${request.params.key}` }] });
    return { activity: await datamap.saveActivity(request.auditContext, request.body) };
  });

  api.delete('/api/activities/:key', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Delete a processing activity', params: KeyParams },
  }, async (request, reply) => {
    await datamap.deleteActivity(request.auditContext, request.params.key);
    return reply.code(204).send();
  });

  api.get('/api/references', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'References between tables: introspected foreign keys, declared, and inferred with their evidence', querystring: z.object({ systemId: z.string().uuid().optional() }).strict() },
  }, async (request) => ({ references: await datamap.listReferences(request.query) }));

  api.post('/api/references', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Declare a reference (also across systems, or to correct inference)', body: ReferenceInputSchema },
  }, async (request, reply) => reply.code(201).send({ reference: await datamap.declareReference(request.auditContext, request.body) }));

  api.patch('/api/references/:id', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Accept (active) or reject an inferred reference', params: IdParams, body: z.object({ status: z.enum(['active', 'rejected']), note: z.string().max(2000).optional() }).strict() },
  }, async (request) => ({ reference: await datamap.reviewReference(request.auditContext, request.params.id, request.body) }));

  api.get('/api/drift', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'Drift found by re-scans: new tables, new personal-data columns, new categories', querystring: z.object({ status: z.enum(['open', 'acknowledged', 'resolved', 'all']).default('open'), systemId: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict() },
  }, async (request) => ({ drift: await datamap.listDrift(request.query) }));

  api.patch('/api/drift/:id', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Acknowledge, resolve or reopen a drift finding', params: IdParams, body: z.object({ status: z.enum(['open', 'acknowledged', 'resolved']), note: z.string().max(2000).optional() }).strict() },
  }, async (request) => ({ drift: await datamap.resolveDrift(request.auditContext, request.params.id, request.body) }));

  api.get('/api/notifications', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'Notifications (drift found by scans), newest first', querystring: z.object({ unreadOnly: z.coerce.boolean().default(false), limit: z.coerce.number().int().min(1).max(500).default(50) }).strict() },
  }, async (request) => ({ notifications: await datamap.listNotifications(request.query) }));

  api.post('/api/notifications/read', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'Mark notifications read', body: z.object({ ids: z.union([z.array(z.string().uuid()).max(500), z.literal('all')]) }).strict() },
  }, async (request, reply) => {
    await datamap.markNotificationsRead(request.body.ids);
    return reply.code(204).send();
  });

  api.get('/api/organisation', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'The organisation as the records of processing name it (controller, DPO, representative)' },
  }, async () => ({ organisation: await datamap.getOrganisation() }));

  api.put('/api/organisation', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Set the organisation details', body: OrganisationSchema },
  }, async (request) => ({ organisation: await datamap.setOrganisation(request.auditContext, request.body) }));

  api.get('/api/taxonomy', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'Data categories, uses and subjects (fideslang-compatible keys) with the organisation’s extensions', querystring: z.object({ kind: z.enum(TAXONOMY_KINDS).optional() }).strict() },
  }, async (request) => {
    const taxonomy = await datamap.taxonomy();
    const kinds = request.query.kind ? [request.query.kind] : TAXONOMY_KINDS;
    return { entries: kinds.flatMap((k) => taxonomy.list(k)) };
  });

  api.post('/api/taxonomy', {
    config: { access: 'map:manage' },
    schema: { tags: ['map'], summary: 'Add an extension to the taxonomy (a child of an existing key)', body: TaxonomyExtensionSchema },
  }, async (request, reply) => reply.code(201).send({ entry: await datamap.extendTaxonomy(request.auditContext, request.body) }));

  api.get('/api/law', {
    config: { access: 'map:read' },
    schema: { tags: ['map'], summary: 'Jurisdictions, legal bases, special-category conditions and transfer mechanisms, each with its citation' },
  }, async () => ({ jurisdictions: jurisdictions(), legalBases: loadLegalBases().jurisdictions, transfers: loadTransferMechanisms().jurisdictions }));

  api.get('/api/reports/:kind', {
    config: { access: 'map:read' },
    schema: {
      tags: ['map'],
      summary: 'A report generated from the live map: ropa (Art. 30(1)), processor-ropa (Art. 30(2)), pipl, notice, inventory',
      params: z.object({ kind: z.enum(REPORT_KINDS) }).strict(),
      querystring: z.object({ format: z.enum(REPORT_FORMATS).default('html'), jurisdiction: z.string().min(2).max(20).optional() }).strict(),
    },
  }, async (request, reply) => {
    const { kind } = request.params;
    const { format, jurisdiction } = request.query;
    if (!reportFormats(kind).includes(format)) throw new CustosError('VALIDATION_FAILED', `${kind} is available as ${reportFormats(kind).join(', ')}`, { details: [{ field: 'querystring.format', message: 'unsupported for this report' }] });
    const file = await datamap.report(kind, format, jurisdiction ? { jurisdiction } : {});
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="custos-${kind}.${file.extension}"`)
      .send(file.body);
  });
}
