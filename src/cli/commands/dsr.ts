/**
 * Subject requests from the terminal: `custos dsr submit|verify|extend|close|show|plan|run|export|list`,
 * on the local store or, with --server, through a running server's API (same output either way).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import type { App } from '../../app.js';
import type { DsrService } from '../../dsr/dsr.service.js';
import { planView, type FulfilmentService } from '../../dsr/fulfilment.js';
import { ExtendSchema, StaffVerifySchema, SubmitRequestSchema } from '../../dsr/dsr.schemas.js';
import { CloseRequestSchema } from '../../dsr/dsr.routes.js';
import { CustosError } from '../../lib/errors.js';
import { REQUEST_TYPES } from '../../dsr/dsr.tables.js';
import type { ApiClient } from '../client.js';
import { action, CLI_ACTOR, validated, withApp, withStoreOrServer } from '../context.js';
import { createProgress, printJson, printTable, say } from '../output.js';
import { existsSync, writeFileSync } from 'node:fs';

const TYPE_NAMES: Record<string, string> = { 'opt-out': 'opt_out', 'consent-withdrawal': 'consent_withdrawal' };

const RequestId = z.string().uuid('not a request id (the UUID that dsr submit and dsr list print)');

type RequestView = Awaited<ReturnType<DsrService['get']>>;
type RequestRow = Awaited<ReturnType<DsrService['list']>>[number];
type SubmitInput = z.output<typeof SubmitRequestSchema>;
type CloseInput = z.output<typeof CloseRequestSchema>;
type PlanView = ReturnType<typeof planView>;
interface RunView {
  summary: Awaited<ReturnType<FulfilmentService['run']>>['summary'];
}

/** What the dsr commands ask of Custos, answered by the store in this process or by a server. */
interface Requests {
  submit(input: SubmitInput): Promise<RequestView>;
  verify(id: string, note: string): Promise<RequestView>;
  extend(id: string, reason: string): Promise<RequestView>;
  close(id: string, change: CloseInput): Promise<RequestView>;
  get(id: string): Promise<RequestView>;
  list(status: 'open' | 'overdue' | undefined): Promise<RequestRow[]>;
  plan(id: string): Promise<PlanView>;
  /** onSystem reports progress where it is known (locally, per system). */
  run(id: string, onSystem: (done: number, total: number) => void): Promise<RunView>;
  exportPackage(id: string): Promise<Uint8Array>;
}

function localRequests(app: App): Requests {
  const context = { actor: CLI_ACTOR() };
  return {
    submit: (input) => app.dsr.submit(context, input, 'cli'),
    verify: (id, note) => app.dsr.staffVerify(context, id, note),
    extend: (id, reason) => app.dsr.extend(context, id, reason),
    close: (id, change) => app.dsr.close(context, id, change),
    get: (id) => app.dsr.get(id),
    list: (status) => app.dsr.list(status ? { status } : {}),
    plan: async (id) => planView(await app.fulfilment.plan(id)),
    run: async (id, onSystem) => ({ summary: (await app.fulfilment.run(context, id, { onSystem: (_s, done, total) => onSystem(done, total) })).summary }),
    exportPackage: (id) => app.fulfilment.exportPackage(context, id),
  };
}

/** The same through /api/requests; the actor is the API key. The run route answers when done. */
function remoteRequests(api: ApiClient): Requests {
  const one = async (promise: Promise<{ request: RequestView }>) => (await promise).request;
  return {
    submit: (input) => one(api.post('/api/requests', input)),
    verify: (id, note) => one(api.post(`/api/requests/${id}/verify`, { note })),
    extend: (id, reason) => one(api.post(`/api/requests/${id}/extend`, { reason })),
    close: (id, change) => one(api.post(`/api/requests/${id}/close`, change)),
    get: (id) => one(api.get(`/api/requests/${id}`)),
    list: async (status) => (await api.get<{ requests: RequestRow[] }>('/api/requests', { status })).requests,
    plan: (id) => api.get(`/api/requests/${id}/plan`, undefined, { long: true }),
    run: (id) => api.post(`/api/requests/${id}/run`, undefined, { long: true }),
    exportPackage: (id) => api.bytes(`/api/requests/${id}/package`, { long: true }),
  };
}

/** The one choice each dsr command makes: the server given by --server, else the local store. */
function withRequests<T>(command: Command, fn: (requests: Requests) => Promise<T>): Promise<T> {
  return withStoreOrServer(command, { local: localRequests, remote: remoteRequests }, fn);
}

/** `--correct user.name=Jane Doe`, repeatable, into { "user.name": "Jane Doe" }. */
function collectCorrection(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError('expected key=value, e.g. user.contact.phone_number=+44 20 7946 0958');
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1) };
}

export function registerDsrCommand(program: Command): void {
  const dsr = program.command('dsr').description('data subject requests: intake, verification, deadlines (also against a server: --server)');

  dsr
    .command('submit')
    .description('record a request; prints its id and due date')
    .requiredOption('--type <type>', `${REQUEST_TYPES.map((t) => t.replace('_', '-')).join(', ')}`)
    .option('--email <email>', 'the subject’s e-mail address')
    .option('--phone <phone>', 'the subject’s phone number')
    .option('--account-id <id>', 'the subject’s account id')
    .option('--jurisdiction <id>', 'GDPR, UK_GDPR, CCPA, PIPL, PDPA_SG, LGPD, APPI, PIPEDA (default: from --country, else GDPR)')
    .option('--country <code>', 'the subject’s country (ISO 3166-1 alpha-2), to infer the jurisdiction')
    .option('--correct <key=value>', 'rectification: the corrected value of a data category (user.name=…) or a column (system/schema/table#column=…); repeatable', collectCorrection, {})
    .option('--json', 'print JSON')
    .action(
      action(async (options: { type: string; email?: string; phone?: string; accountId?: string; jurisdiction?: string; country?: string; correct: Record<string, string>; json?: boolean }, command: Command) => {
        const identities = [
          ...(options.email ? [{ kind: 'email' as const, value: options.email }] : []),
          ...(options.phone ? [{ kind: 'phone_number' as const, value: options.phone }] : []),
          ...(options.accountId ? [{ kind: 'account_id' as const, value: options.accountId }] : []),
        ];
        if (!identities.length) throw new CustosError('VALIDATION_FAILED', 'name the subject with --email, --phone or --account-id');
        const type = TYPE_NAMES[options.type] ?? options.type;
        const corrections = Object.keys(options.correct).length ? { corrections: options.correct } : {};
        const input = validated(SubmitRequestSchema, 'request', { type, identities, ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}), ...(options.country ? { subjectCountry: options.country } : {}), ...corrections });
        return withRequests(command, async (requests) => {
          const request = await requests.submit(input);
          if (options.json) return printJson({ request });
          process.stdout.write(`${request.id}\n`);
          say(`${request.type} request under ${request.jurisdiction}, due ${request.dueAt.slice(0, 10)}`);
        });
      }, { server: true }),
    );

  dsr
    .command('verify <id>')
    .description('record that staff verified the subject’s identity (a request taken by phone or in person)')
    .requiredOption('--staff', 'the verification was done by a person at the company')
    .requiredOption('--note <text>', 'how the identity was checked')
    .action(
      action(async (id: string, options: { note: string }, command: Command) => {
        const { note } = validated(StaffVerifySchema, '--note', { note: options.note });
        return withRequests(command, async (requests) => {
          const request = await requests.verify(validated(RequestId, '<id>', id), note);
          say(`verified; due ${(request.extendedDueAt ?? request.dueAt).slice(0, 10)}`);
        });
      }, { server: true }),
    );

  dsr
    .command('extend <id>')
    .description('take the extension the law allows, with the reason sent to the subject')
    .requiredOption('--reason <text>', 'why more time is needed')
    .action(
      action(async (id: string, options: { reason: string }, command: Command) => {
        const { reason } = validated(ExtendSchema, '--reason', { reason: options.reason });
        return withRequests(command, async (requests) => {
          const request = await requests.extend(validated(RequestId, '<id>', id), reason);
          say(`extended to ${request.extendedDueAt?.slice(0, 10)}`);
        });
      }, { server: true }),
    );

  dsr
    .command('close <id>')
    .description('close a request by hand: rejected, cancelled, or completed with what was done')
    .requiredOption('--status <status>', 'rejected, cancelled or completed')
    .requiredOption('--reason <text>', 'why, or what was done')
    .action(
      action(async (id: string, options: { status: string; reason: string }, command: Command) => {
        if (!['rejected', 'cancelled', 'completed'].includes(options.status)) throw new CustosError('VALIDATION_FAILED', `--status must be rejected, cancelled or completed, not ${options.status}`);
        const change = validated(CloseRequestSchema, '--reason', { status: options.status, reason: options.reason });
        return withRequests(command, async (requests) => {
          const request = await requests.close(validated(RequestId, '<id>', id), change);
          say(`request ${request.id} ${request.status}`);
        });
      }, { server: true }),
    );

  dsr
    .command('show <id>')
    .description('status, due date, identities (masked) and timeline of a request')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) =>
        withRequests(command, async (requests) => {
          const request = await requests.get(validated(RequestId, '<id>', id));
          if (options.json) return printJson({ request });
          printTable([{ ...request, identities: request.identities.map((i) => `${i.kind}:${i.masked}`).join(' '), due: (request.extendedDueAt ?? request.dueAt).slice(0, 10) }], ['id', 'type', 'status', 'jurisdiction', 'identities', 'due', 'daysLeft']);
          for (const event of request.events) say(`${event.at.slice(0, 19)}  ${event.kind}  ${event.actor ?? ''}`);
        }),
      { server: true }),
    );

  dsr
    .command('plan <id>')
    .description('what the request would do, system by system and table by table, with row counts; changes nothing')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) =>
        withRequests(command, async (requests) => {
          const plan = await requests.plan(validated(RequestId, '<id>', id));
          if (options.json) return printJson(plan);
          const rows = plan.counts.flatMap((c) => c.tables.map((t) => ({ system: c.system, table: `${t.table.schema ? `${t.table.schema}.` : ''}${t.table.table}`, rows: t.matched, shared: t.shared, delete: t.deleted, update: t.updated, retain: t.retained, reason: t.retainReason ?? '', fields: t.fields.filter((f) => f.rows > 0).map((f) => `${f.column}: ${f.action}`).join(', ') })));
          // An access plan counts what would be collected; erasure and rectification plans say what would change.
          if (plan.type === 'access' || plan.type === 'portability') printTable(rows, ['system', 'table', 'rows', 'shared']);
          else printTable(rows, ['system', 'table', 'rows', 'shared', 'delete', 'update', 'retain', 'reason', 'fields']);
        }),
      { server: true }),
    );

  dsr
    .command('run <id>')
    .description('execute a verified request (access collects, erasure erases per policy); resumable: a second run finishes what a crash left')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) =>
        withRequests(command, async (requests) => {
          const progress = createProgress(!options.json);
          const { summary } = await requests.run(validated(RequestId, '<id>', id), (done, total) => progress.update(done, total, 'systems')).finally(() => progress.stop());
          if (options.json) return printJson({ summary });
          for (const system of summary.systems) say(`${system.system}: ${system.status}${system.error ? ` (${system.error})` : ''}; ${system.tables.map((t) => `${t.table} ${t.matched}`).join(', ')}`);
          return summary.systems.some((s) => s.status === 'failed') ? 1 : 0;
        }),
      { server: true }),
    );

  dsr
    .command('export <id>')
    .description('write the access/portability package: data/<system>/<schema>.<table>.json and .csv, report.html, manifest.json')
    .requiredOption('--out <file>', 'the zip file to write')
    .option('--force', 'overwrite an existing file')
    .action(
      action(async (id: string, options: { out: string; force?: boolean }, command: Command) => {
        if (existsSync(options.out) && !options.force) throw new CustosError('CONFLICT', `${options.out} exists; use --force to overwrite it`);
        return withRequests(command, async (requests) => {
          const zip = await requests.exportPackage(validated(RequestId, '<id>', id));
          writeFileSync(options.out, zip);
          say(`wrote ${options.out} (${zip.length} bytes)`);
        });
      }, { server: true }),
    );

  dsr
    .command('remind')
    .description('send the deadline reminders that are due now (a running server does this every hour)')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const sent = await app.reminders.sendDue();
          if (options.json) return printJson({ reminders: sent });
          if (!sent.length) return say('no reminders due');
          printTable(sent, ['requestId', 'kind', 'type', 'jurisdiction', 'dueAt']);
        }),
      ),
    );

  dsr
    .command('list')
    .description('requests by due date')
    .option('--overdue', 'only overdue requests')
    .option('--all', 'include closed requests')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { overdue?: boolean; all?: boolean; json?: boolean }, command: Command) =>
        withRequests(command, async (requests) => {
          const list = await requests.list(options.overdue ? 'overdue' : options.all ? undefined : 'open');
          if (options.json) return printJson({ requests: list });
          printTable(list, ['id', 'type', 'status', 'jurisdiction', 'dueAt', 'overdue']);
        }),
      { server: true }),
    );
}
