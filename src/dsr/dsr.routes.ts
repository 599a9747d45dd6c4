/**
 * Subject requests over HTTP for staff: intake, the queue (open, overdue), one request with its
 * clock and timeline, staff verification and extensions. Identities are shown masked only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DsrService } from './dsr.service.js';
import { planView, type FulfilmentService } from './fulfilment.js';
import { ExtendSchema, StaffVerifySchema, SubmitRequestSchema } from './dsr.schemas.js';
import { REQUEST_STATUSES, REQUEST_TYPES } from './dsr.tables.js';
import type { AuditContext } from '../audit/audit.types.js';
import { createLoginThrottle } from '../identity/login-throttle.js';
import { CustosError } from '../lib/errors.js';

const IdParams = z.object({ id: z.string().uuid() }).strict();

/** Closing by hand, as the API and the CLI (`custos dsr close`) accept it. */
export const CloseRequestSchema = z.object({ status: z.enum(['rejected', 'cancelled', 'completed']), reason: z.string().trim().min(3, 'say why, or what was done').max(5000) }).strict();

const PORTAL_TYPES = [
  { type: 'access', label: 'See my data', description: 'A copy of the personal data held about you, why it is used, who receives it and for how long it is kept.' },
  { type: 'portability', label: 'Take my data elsewhere', description: 'Your data in a machine-readable file (JSON and CSV) you can give to another service.' },
  { type: 'rectification', label: 'Correct my data', description: 'Fix personal data that is wrong or incomplete.' },
  { type: 'erasure', label: 'Delete my data', description: 'Erase your personal data, except what the law requires us to keep (we tell you what and why).' },
  { type: 'restriction', label: 'Limit how my data is used', description: 'Keep your data but stop using it while an issue is resolved.' },
  { type: 'objection', label: 'Object to a use of my data', description: 'Stop uses based on our legitimate interests, such as direct marketing.' },
  { type: 'opt_out', label: 'Do not sell or share my data', description: 'Opt out of the sale or sharing of your personal information (California and similar laws).' },
  { type: 'consent_withdrawal', label: 'Withdraw my consent', description: 'Stop processing that relies on the consent you gave.' },
] as const;

const PortalSubmitSchema = z.object({
  type: z.enum(REQUEST_TYPES),
  email: z.string().trim().email('not an e-mail address').max(320),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code').optional(),
  corrections: z.record(z.string().min(1).max(200), z.string().max(2000)).optional(),
  agent: z.object({ name: z.string().trim().min(1).max(200), relationship: z.string().max(200).optional() }).strict().optional(),
}).strict();

const PORTAL: AuditContext = { actor: { type: 'anonymous', id: null, name: 'portal', role: null } };

export function registerDsrRoutes(app: FastifyInstance, { dsr, fulfilment, organisationName }: { dsr: DsrService; fulfilment: FulfilmentService; organisationName: () => Promise<string | null> }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Per address of the caller: the portal needs no account, so volume is the abuse to bound.
  const submissions = createLoginThrottle({ maxFailures: 10, windowMs: 60 * 60_000 });
  const guesses = createLoginThrottle({ maxFailures: 30, windowMs: 60 * 60_000 });

  api.get('/api/portal/info', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: 'What the public subject portal offers, and whose portal it is' },
  }, async () => ({ organisation: (await organisationName()) ? { name: await organisationName() } : null, requestTypes: PORTAL_TYPES }));

  api.post('/api/portal/requests', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: 'A data subject asks (no account needed); a one-time code is e-mailed to prove the address is theirs', body: PortalSubmitSchema },
  }, async (request, reply) => {
    if (submissions.isBlocked(request.ip)) throw new CustosError('RATE_LIMITED', 'too many requests from this address; try again in an hour');
    submissions.fail(request.ip);
    const body = request.body;
    const context = { ...PORTAL, requestId: request.id };
    const created = await dsr.submit(context, { type: body.type, identities: [{ kind: 'email', value: body.email }], ...(body.country ? { subjectCountry: body.country } : {}), ...(body.corrections ? { corrections: body.corrections } : {}), ...(body.agent ? { agent: body.agent } : {}) }, 'portal');
    await dsr.sendVerification(context, created.id);
    const view = await dsr.get(created.id);
    return reply.code(202).send({ request: { id: view.id, type: view.type, status: view.status, dueAt: view.dueAt, jurisdiction: view.jurisdiction }, message: 'We sent a code to your e-mail address. Enter it to confirm the request is yours.' });
  });

  api.post('/api/portal/requests/:id/verify', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: 'The subject types the code they received', params: IdParams, body: z.object({ code: z.string().trim().min(1).max(64) }).strict() },
  }, async (request) => {
    if (guesses.isBlocked(request.ip)) throw new CustosError('RATE_LIMITED', 'too many attempts from this address; try again in an hour');
    try {
      const view = await dsr.verifyCode({ ...PORTAL, requestId: request.id }, request.params.id, request.body.code);
      const pending = view.verification.missing.length > 0;
      return {
        request: { id: view.id, type: view.type, status: view.status, dueAt: view.extendedDueAt ?? view.dueAt, jurisdiction: view.jurisdiction },
        ...(pending ? { message: 'Your e-mail address is confirmed. Before anything is done, a member of our staff will also check the request with you.' } : {}),
      };
    } catch (err) {
      guesses.fail(request.ip);
      throw err;
    }
  });

  api.get('/api/requests/:id/plan', {
    config: { access: 'dsr:read' },
    schema: { tags: ['requests'], summary: 'The plan from the live map: per system and table, rows matched and what happens to them; changes nothing', params: IdParams },
  }, async (request) => {
    return planView(await fulfilment.plan(request.params.id));
  });

  api.post('/api/requests/:id/run', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Execute a verified access or erasure request; resumable', params: IdParams },
  }, async (request) => ({ summary: (await fulfilment.run(request.auditContext, request.params.id)).summary }));

  api.get('/api/requests/:id/package', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'The access/portability package (zip)', params: IdParams },
  }, async (request, reply) => reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="custos-request-${request.params.id}.zip"`).send(await fulfilment.exportPackage(request.auditContext, request.params.id)));

  api.post('/api/requests/:id/close', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Close a request by hand: rejected, cancelled, or completed (with what was done, for types the engine does not execute)', params: IdParams, body: CloseRequestSchema },
  }, async (request) => ({ request: await dsr.close(request.auditContext, request.params.id, request.body) }));

  api.post('/api/subjects/flags', {
    config: { access: 'dsr:read' },
    schema: { tags: ['requests'], summary: 'Whether a subject restricted, objected to, opted out of, or withdrew consent for processing (the identity goes in the body, never in a URL)', body: z.object({ kind: z.enum(['email', 'phone_number', 'account_id', 'national_id', 'device_id']), value: z.string().trim().min(1).max(320) }).strict() },
  }, async (request) => ({ flags: await dsr.flagsFor(request.body) }));

  api.get('/api/requests/:id/tasks', {
    config: { access: 'dsr:read' },
    schema: { tags: ['requests'], summary: 'Tasks for systems with no connection, for their owners', params: IdParams },
  }, async (request) => ({ tasks: await fulfilment.listTasks(request.params.id) }));

  api.patch('/api/requests/:id/tasks/:taskId', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Close a manual task: done, or justified (why nothing was needed)', params: z.object({ id: z.string().uuid(), taskId: z.string().uuid() }).strict(), body: z.object({ status: z.enum(['done', 'justified']), note: z.string().trim().min(3).max(2000) }).strict() },
  }, async (request) => ({ tasks: await fulfilment.closeTask(request.auditContext, request.params.id, request.params.taskId, request.body) }));

  api.post('/api/requests/:id/send-code', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'E-mail the subject a one-time code to verify the request', params: IdParams },
  }, async (request) => ({ sent: await dsr.sendVerification(request.auditContext, request.params.id) }));

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
    schema: { tags: ['requests'], summary: 'Record that staff verified the subject’s identity (phone, in person) or an agent’s authorisation, with how; the request is verified once its level is met', params: IdParams, body: StaffVerifySchema },
  }, async (request) => ({ request: await dsr.staffVerify(request.auditContext, request.params.id, request.body.note, { check: request.body.check }) }));

  api.post('/api/requests/:id/extend', {
    config: { access: 'dsr:manage' },
    schema: { tags: ['requests'], summary: 'Take the extension the law allows, with the reason sent to the subject', params: IdParams, body: ExtendSchema },
  }, async (request) => ({ request: await dsr.extend(request.auditContext, request.params.id, request.body.reason) }));
}
