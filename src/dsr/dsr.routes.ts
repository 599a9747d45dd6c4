/**
 * Subject requests over HTTP for staff: intake, the queue (open, overdue), one request with its
 * clock and timeline, staff verification and extensions. Identities are shown masked only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DsrService } from './dsr.service.js';
import { ExtendSchema, StaffVerifySchema, SubmitRequestSchema } from './dsr.schemas.js';
import { REQUEST_STATUSES } from './dsr.tables.js';

const IdParams = z.object({ id: z.string().uuid() }).strict();

export function registerDsrRoutes(app: FastifyInstance, { dsr }: { dsr: DsrService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/requests', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Record a subject request (staff intake); the due date follows the jurisdiction’s rule', body: SubmitRequestSchema },
  }, async (request, reply) => reply.code(201).send({ request: await dsr.submit(request.auditContext, request.body, 'staff') }));

  api.get('/api/requests', {
    config: { access: 'dsr:read' },
    schema: { tags: ['requests'], summary: 'Subject requests by due date: open, overdue, or one status', querystring: z.object({ status: z.enum([...REQUEST_STATUSES, 'open', 'overdue']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict() },
  }, async (request) => ({ requests: await dsr.list(request.query) }));

  api.get('/api/requests/:id', {
    config: { access: 'dsr:read' },
    schema: { tags: ['requests'], summary: 'One request: masked identities, due date, extension, timeline', params: IdParams },
  }, async (request) => ({ request: await dsr.get(request.params.id) }));

  api.post('/api/requests/:id/verify', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Record that staff verified the subject’s identity (phone, in person), with how', params: IdParams, body: StaffVerifySchema },
  }, async (request) => ({ request: await dsr.staffVerify(request.auditContext, request.params.id, request.body.note) }));

  api.post('/api/requests/:id/extend', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Take the extension the law allows, with the reason sent to the subject', params: IdParams, body: ExtendSchema },
  }, async (request) => ({ request: await dsr.extend(request.auditContext, request.params.id, request.body.reason) }));
}
