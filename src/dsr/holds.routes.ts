/** Legal holds over HTTP: list, place and release. Placing and releasing need dsr:manage. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HoldsService } from './holds.js';

export function registerHoldRoutes(app: FastifyInstance, { holds }: { holds: HoldsService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/holds', {
    config: { access: 'dsr:read' },
    schema: { tags: ['requests'], summary: 'Legal holds in force (all=true: released ones too)', querystring: z.object({ all: z.enum(['true', 'false']).optional() }).strict() },
  }, async (request) => ({ holds: await holds.list({ all: request.query.all === 'true' }) }));

  api.post('/api/holds', {
    config: { access: 'dsr:manage' },
    // Checked by the service's own schema, so the API, the CLI and tests give the same answer.
    schema: { tags: ['requests'], summary: 'Place a legal hold on a system, a table, a data category or one subject; erasure keeps what it covers, with the reason', body: z.record(z.string(), z.unknown()) },
  }, async (request, reply) => reply.code(201).send({ hold: await holds.add(request.auditContext, request.body) }));

  api.post('/api/holds/:id/release', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Release a legal hold (kept, with who released it and when)', params: z.object({ id: z.string().uuid() }).strict() },
  }, async (request) => ({ hold: await holds.release(request.auditContext, request.params.id) }));
}
