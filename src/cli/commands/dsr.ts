/**
 * Subject requests from the terminal: `custos dsr submit|verify|extend|plan|run|export|show|list`.
 */
import type { Command } from 'commander';
import { CustosError } from '../../lib/errors.js';
import { REQUEST_TYPES } from '../../dsr/dsr.tables.js';
import { action, CLI_ACTOR, withApp } from '../context.js';
import { createProgress, printJson, printTable, say } from '../output.js';
import { existsSync, writeFileSync } from 'node:fs';

const TYPE_NAMES: Record<string, string> = { 'opt-out': 'opt_out', 'consent-withdrawal': 'consent_withdrawal' };

export function registerDsrCommand(program: Command): void {
  const dsr = program.command('dsr').description('data subject requests: intake, verification, deadlines');

  dsr
    .command('submit')
    .description('record a request; prints its id and due date')
    .requiredOption('--type <type>', `${REQUEST_TYPES.map((t) => t.replace('_', '-')).join(', ')}`)
    .option('--email <email>', 'the subject’s e-mail address')
    .option('--phone <phone>', 'the subject’s phone number')
    .option('--account-id <id>', 'the subject’s account id')
    .option('--jurisdiction <id>', 'GDPR, UK_GDPR, CCPA, PIPL, PDPA_SG, LGPD, APPI, PIPEDA (default: from --country, else GDPR)')
    .option('--country <code>', 'the subject’s country (ISO 3166-1 alpha-2), to infer the jurisdiction')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { type: string; email?: string; phone?: string; accountId?: string; jurisdiction?: string; country?: string; json?: boolean }, command: Command) => {
        const identities = [
          ...(options.email ? [{ kind: 'email' as const, value: options.email }] : []),
          ...(options.phone ? [{ kind: 'phone_number' as const, value: options.phone }] : []),
          ...(options.accountId ? [{ kind: 'account_id' as const, value: options.accountId }] : []),
        ];
        if (!identities.length) throw new CustosError('VALIDATION_FAILED', 'name the subject with --email, --phone or --account-id');
        const type = TYPE_NAMES[options.type] ?? options.type;
        return withApp(command, async (app) => {
          const request = await app.dsr.submit({ actor: CLI_ACTOR() }, { type: type as never, identities, ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}), ...(options.country ? { subjectCountry: options.country } : {}) }, 'cli');
          if (options.json) return printJson({ request });
          process.stdout.write(`${request.id}\n`);
          say(`${request.type} request under ${request.jurisdiction}, due ${request.dueAt.slice(0, 10)}`);
        });
      }),
    );

  dsr
    .command('verify <id>')
    .description('record that staff verified the subject’s identity (a request taken by phone or in person)')
    .requiredOption('--staff', 'the verification was done by a person at the company')
    .requiredOption('--note <text>', 'how the identity was checked')
    .action(
      action(async (id: string, options: { note: string }, command: Command) =>
        withApp(command, async (app) => {
          const request = await app.dsr.staffVerify({ actor: CLI_ACTOR() }, id, options.note);
          say(`verified; due ${(request.extendedDueAt ?? request.dueAt).slice(0, 10)}`);
        }),
      ),
    );

  dsr
    .command('extend <id>')
    .description('take the extension the law allows, with the reason sent to the subject')
    .requiredOption('--reason <text>', 'why more time is needed')
    .action(
      action(async (id: string, options: { reason: string }, command: Command) =>
        withApp(command, async (app) => {
          const request = await app.dsr.extend({ actor: CLI_ACTOR() }, id, options.reason);
          say(`extended to ${request.extendedDueAt?.slice(0, 10)}`);
        }),
      ),
    );

  dsr
    .command('close <id>')
    .description('close a request by hand: rejected, cancelled, or completed with what was done')
    .requiredOption('--status <status>', 'rejected, cancelled or completed')
    .requiredOption('--reason <text>', 'why, or what was done')
    .action(
      action(async (id: string, options: { status: string; reason: string }, command: Command) => {
        if (!['rejected', 'cancelled', 'completed'].includes(options.status)) throw new CustosError('VALIDATION_FAILED', `--status must be rejected, cancelled or completed, not ${options.status}`);
        return withApp(command, async (app) => {
          const request = await app.dsr.close({ actor: CLI_ACTOR() }, id, { status: options.status as 'rejected', reason: options.reason });
          say(`request ${request.id} ${request.status}`);
        });
      }),
    );

  dsr
    .command('show <id>')
    .description('status, due date, identities (masked) and timeline of a request')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const request = await app.dsr.get(id);
          if (options.json) return printJson({ request });
          printTable([{ ...request, identities: request.identities.map((i) => `${i.kind}:${i.masked}`).join(' '), due: (request.extendedDueAt ?? request.dueAt).slice(0, 10) }], ['id', 'type', 'status', 'jurisdiction', 'identities', 'due', 'daysLeft']);
          for (const event of request.events) say(`${event.at.slice(0, 19)}  ${event.kind}  ${event.actor ?? ''}`);
        }),
      ),
    );

  dsr
    .command('plan <id>')
    .description('what the request would do, system by system and table by table, with row counts; changes nothing')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const { plan, counts } = await app.fulfilment.plan(id);
          const systems = plan.systems.map((s) => ({ system: s.system, steps: s.steps.map((step) => ({ id: step.id, kind: step.kind })) }));
          if (options.json) return printJson({ systems, counts });
          printTable(
            counts.flatMap((c) => c.tables.map((t) => ({ system: c.system, table: `${t.table.schema ? `${t.table.schema}.` : ''}${t.table.table}`, rows: t.matched, shared: t.shared, delete: t.deleted, update: t.updated, retain: t.retained, reason: t.retainReason ?? '' }))),
            ['system', 'table', 'rows', 'shared', 'delete', 'update', 'retain', 'reason'],
          );
        }),
      ),
    );

  dsr
    .command('run <id>')
    .description('execute a verified request (access collects, erasure erases per policy); resumable: a second run finishes what a crash left')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const progress = createProgress(!options.json);
          const result = await app.fulfilment.run({ actor: CLI_ACTOR() }, id, { onSystem: (_s, done, total) => progress.update(done, total, 'systems') }).finally(() => progress.stop());
          if (options.json) return printJson({ summary: result.summary });
          for (const system of result.summary.systems) say(`${system.system}: ${system.status}${system.error ? ` (${system.error})` : ''}; ${system.tables.map((t) => `${t.table} ${t.matched}`).join(', ')}`);
          return result.results.some((r) => r.status === 'failed') ? 1 : 0;
        }),
      ),
    );

  dsr
    .command('export <id>')
    .description('write the access/portability package: data/<system>/<schema>.<table>.json and .csv, report.html, manifest.json')
    .requiredOption('--out <file>', 'the zip file to write')
    .option('--force', 'overwrite an existing file')
    .action(
      action(async (id: string, options: { out: string; force?: boolean }, command: Command) => {
        if (existsSync(options.out) && !options.force) throw new CustosError('CONFLICT', `${options.out} exists; use --force to overwrite it`);
        return withApp(command, async (app) => {
          const zip = await app.fulfilment.exportPackage({ actor: CLI_ACTOR() }, id);
          writeFileSync(options.out, zip);
          say(`wrote ${options.out} (${zip.length} bytes)`);
        });
      }),
    );

  dsr
    .command('list')
    .description('requests by due date')
    .option('--overdue', 'only overdue requests')
    .option('--all', 'include closed requests')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { overdue?: boolean; all?: boolean; json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const requests = await app.dsr.list({ ...(options.overdue ? { status: 'overdue' as const } : options.all ? {} : { status: 'open' as const }) });
          if (options.json) return printJson({ requests });
          printTable(requests, ['id', 'type', 'status', 'jurisdiction', 'dueAt', 'overdue']);
        }),
      ),
    );
}
