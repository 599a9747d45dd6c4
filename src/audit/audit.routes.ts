import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditService } from './audit.service.js';
import { AuditEventSchema, AuditQuerySchema, VerifyReportSchema } from './audit.schemas.js';

export function registerAuditRoutes(app: FastifyInstance, { audit }: { audit: AuditService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/audit/events', {
    config: { access: 'audit:read' },
    schema: {
      tags: ['audit'],
      summary: 'Search the audit log, newest first',
      querystring: AuditQuerySchema,
      response: { 200: z.object({ events: z.array(AuditEventSchema), nextBeforeSeq: z.number().nullable() }) },
    },
  }, async (request) => {
    const { from, to, ...rest } = request.query;
    const events = await audit.search({ ...rest, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) });
    // The log names people (staff), so reading it is itself recorded.
    await audit.recordAlone(request.auditContext, { action: 'audit.read', details: { filters: Object.keys(request.query), returned: events.length } });
    const last = events.at(-1);
    return { events, nextBeforeSeq: events.length === request.query.limit && last ? last.seq : null };
  });

  api.post('/api/audit/verify', {
    config: { access: 'audit:verify' },
    schema: { tags: ['audit'], summary: 'Walk the hash chain and check every signed checkpoint', response: { 200: VerifyReportSchema } },
  }, async (request) => {
    const report = await audit.verify();
    await audit.recordAlone(request.auditContext, {
      action: 'audit.verify',
      outcome: report.ok ? 'success' : 'failure',
      details: { checkedEvents: report.checkedEvents, problems: report.problems.length, firstProblemSeq: report.problems[0]?.seq ?? null },
    });
    return report;
  });

  api.get('/api/audit/export', {
    // A HEAD would run the whole export (and record it): not offered.
    exposeHeadRoute: false,
    config: { access: 'audit:export' },
    schema: { tags: ['audit'], summary: 'Download the whole log as JSONL for offline verification (`custos audit verify --file`)', produces: ['application/x-ndjson'] },
  }, async (request, reply) => {
    const stream = new PassThrough();
    void audit
      .exportJsonl(request.auditContext, stream)
      .then(() => stream.end())
      .catch((err: unknown) => {
        request.log.error({ err }, 'audit export failed');
        stream.destroy(err as Error);
      });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return reply
      .type('application/x-ndjson')
      .header('content-disposition', `attachment; filename="custos-audit-${stamp}.jsonl"`)
      .send(stream);
  });

  api.get('/api/audit/public-key', {
    config: { access: 'audit:read' },
    schema: { tags: ['audit'], summary: 'The Ed25519 public key that verifies checkpoint signatures', response: { 200: z.object({ keyId: z.string(), publicKeyPem: z.string() }) } },
  }, async () => audit.publicKey);
}
