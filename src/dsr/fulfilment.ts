/**
 * Fulfilment: from a verified request to what was done. The plan comes from the live data map
 * (identity graph, categories) and the erasure policy; runs go system by system, each part
 * recorded when done so a crashed run resumes without double effects; the access package is a
 * zip with JSON and CSV per table, a human-readable report and a manifest.
 */
import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import type { DatamapService } from '../datamap/datamap.service.js';
import { identityGraphOf } from '../datamap/map.js';
import { tableKey, type TableRef } from '../datamap/graph/index.js';
import type { SecretBox } from '../keys/secret-box.js';
import { CustosError } from '../lib/errors.js';
import type { SystemsService } from '../systems/systems.service.js';
import { escapeHtml } from '../reports/render/html.js';
import type { Mailer } from '../notify/mailer.js';
import { responseMessage, type ResponseSummary } from './response.js';
import type { HoldsService } from './holds.js';
import type { DsrService } from './dsr.service.js';
import * as repo from './dsr.repository.js';
import { compilePlan, describeColumns, openEngineConnection, runPlan, type BridgeSeed, type ErasurePolicy, type Plan, type SystemResult } from './engine/index.js';

const PolicySchema = z.object({
  version: z.literal(1),
  default: z.enum(['delete_row', 'null', 'mask', 'pseudonymise', 'retain']),
  rules: z.record(z.string(), z.object({ action: z.enum(['delete_row', 'null', 'mask', 'pseudonymise', 'retain']), reason: z.string().optional() }).strict()),
}).strict();

let defaultPolicy: ErasurePolicy | undefined;
export function loadErasurePolicy(): ErasurePolicy {
  if (!defaultPolicy) {
    const data = PolicySchema.parse(parse(readFileSync(new URL('./erasure-policy.yaml', import.meta.url), 'utf8')));
    defaultPolicy = { default: data.default, rules: data.rules };
  }
  return defaultPolicy;
}

/**
 * Systems the engine executes requests in: a connection to a database it speaks. A folder of files
 * is scanned and mapped, but a person's rows in it are found and changed by its owner (a task).
 */
const ENGINE_KINDS = new Set(['postgres', 'postgresql', 'mysql', 'mariadb', 'sqlite', 'pglite']);
function runsInEngine(system: { scannable: boolean; engine: string }): boolean {
  return system.scannable && ENGINE_KINDS.has(system.engine.toLowerCase());
}

/** The step under which an erasure keeps the key values its cross-system references carry (see RunOptions.bridges). */
const BRIDGES_STEP = 'bridges';

const MODE_OF: Record<string, 'access' | 'erase' | 'rectify' | null> = { access: 'access', portability: 'access', erasure: 'erase', rectification: 'rectify' };
/** Requests that stop processing rather than change data: they mark the subject. */
const MARKS = new Set(['restriction', 'objection', 'opt_out', 'consent_withdrawal']);

export interface FulfilmentDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record'>;
  secrets: SecretBox;
  /** Sends the subject the response when a request completes; without it (or SMTP) the response waits for staff. */
  mailer?: Pick<Mailer, 'send' | 'configured'>;
  /** Legal holds in force: an erasure keeps what they cover. */
  holds?: Pick<HoldsService, 'forPlan'>;
  organisationName?: () => Promise<string>;
  dsr: DsrService;
  datamap: Pick<DatamapService, 'getState'>;
  systems: Pick<SystemsService, 'listSystems' | 'openTarget'>;
}

export type FulfilmentService = ReturnType<typeof createFulfilmentService>;

export function createFulfilmentService({ db, audit, secrets, dsr, datamap, systems, holds, mailer, organisationName = async () => 'our organisation' }: FulfilmentDeps) {
  /**
   * The response to the subject when a request completes: sent to the request's e-mail identity
   * when SMTP is set, else left for staff (the text is on the timeline either way: counts and
   * reasons only). A mail server that fails does not undo what was done; the timeline says so.
   */
  async function respond(context: AuditContext, id: string, summary: ResponseSummary): Promise<void> {
    const request = await dsr.get(id);
    const message = responseMessage({ organisation: await organisationName(), requestId: id, type: request.type, receivedAt: new Date(request.receivedAt), completedAt: new Date(request.completedAt ?? Date.now()), summary });
    const email = (await dsr.identitiesOf(id)).find((i) => i.kind === 'email');
    let outcome: 'response_sent' | 'response_pending' | 'response_failed' = 'response_pending';
    let why: string | undefined = !email ? 'no e-mail identity: send it by the channel the request came in' : !mailer?.configured ? 'mail is not configured: send it by hand' : undefined;
    if (email && mailer?.configured) {
      try {
        await mailer.send({ to: email.value.trim(), subject: message.subject, text: message.text, html: message.html });
        outcome = 'response_sent';
      } catch (err) {
        outcome = 'response_failed';
        why = `mail failed (${(err as { code?: string }).code ?? 'error'}): send it by hand`;
      }
    }
    await db.transaction().execute(async (tx) => {
      await repo.addEvent(tx, { requestId: id, kind: outcome, actor: context.actor.name, details: { subject: message.subject, text: message.text, ...(why ? { why } : {}) } });
      await audit.record(tx, context, { action: 'dsr.respond', outcome: outcome === 'response_failed' ? 'failure' : 'success', target: { type: 'dsr', id }, details: { outcome } });
    });
  }

  async function connectByName(name: string) {
    const system = (await systems.listSystems()).find((s) => s.name === name);
    if (!system) throw new CustosError('NOT_FOUND', `no system named ${name}`);
    return openEngineConnection(await systems.openTarget(system.id));
  }

  /** The plan from the map as it is now: which tables, and what happens to each field. */
  async function compile(id: string): Promise<Plan> {
    const request = await dsr.get(id);
    const identities = await dsr.identitiesOf(id);
    const state = await datamap.getState();
    const graph = identityGraphOf(state, { identityKinds: [...new Set(identities.map((i) => i.kind))] });
    const connectable = new Set((await systems.listSystems()).filter(runsInEngine).map((s) => s.name));
    const columns: Record<string, Record<string, import('./engine/index.js').ColumnFacts>> = {};
    for (const system of connectable) {
      const tables: TableRef[] = graph.reachable.filter((r) => r.table.system === system).map((r) => r.table);
      if (!tables.length) continue;
      const conn = await connectByName(system);
      try {
        Object.assign(columns, await describeColumns(conn, tables));
      } finally {
        await conn.release();
      }
    }
    const held = holds ? await holds.forPlan(identities.map((i) => dsr.hashOf(i.kind, i.value))) : [];
    return compilePlan({ graph: { ...graph, reachable: graph.reachable.filter((r) => connectable.has(r.table.system)) }, state, identities, policy: loadErasurePolicy(), columns, defaultRegion: request.subjectCountry ?? 'US', holds: held });
  }

  /** The plan with the rows it would touch, counted by a dry run that changes nothing. */
  async function plan(id: string): Promise<{ type: string; plan: Plan; counts: SystemResult[] }> {
    const request = await dsr.get(id);
    const compiled = await compile(id);
    // An access request's plan counts the rows it would collect; erasure and rectification plans say what would change.
    if (MODE_OF[request.type] === 'access') return { type: request.type, plan: compiled, counts: await runPlan(compiled, { connect: connectByName, mode: 'access', readRows: false }) };
    const corrections = await dsr.correctionsOf(id);
    return { type: request.type, plan: compiled, counts: await runPlan(compiled, { connect: connectByName, mode: 'dry-run', ...(corrections ? { corrections } : {}) }) };
  }

  /**
   * Runs the request's part of the engine: access collects every row, erasure changes them per
   * policy. Each system's part is recorded when it commits; a second run skips what is done.
   */
  async function run(context: AuditContext, id: string, options: { onSystem?: (system: string, done: number, total: number) => void } = {}) {
    const request = await dsr.get(id);
    const mode = MODE_OF[request.type];
    if (!mode && MARKS.has(request.type)) {
      await dsr.markSubject(context, id);
      const summary = { ...summarise([]), manualTasks: [] as { system: string; status: 'open' | 'done' | 'justified' }[], marked: request.type as string };
      await respond(context, id, summary);
      return { results: [] as SystemResult[], summary, rows: [] };
    }
    if (!mode) throw new CustosError('CONFLICT', `${request.type} requests are not executed by the engine yet; record the outcome by hand (custos dsr close)`);
    if (!request.verifiedAt) throw new CustosError('CONFLICT', `request ${id} is not verified; nothing is released or erased before the subject's identity is verified`);
    if (request.status === 'completed' || request.status === 'cancelled' || request.status === 'rejected') throw new CustosError('CONFLICT', `request ${id} is ${request.status}; its record stands`);
    const compiled = await compile(id);
    const corrections = mode === 'rectify' ? await dsr.correctionsOf(id) : null;
    if (mode === 'rectify' && !corrections) throw new CustosError('CONFLICT', `rectification ${id} has no corrections to write`);
    await repo.updateRequest(db, id, { status: 'running' });
    const rows = new Map<string, { system: string; table: TableRef; rows: Record<string, unknown>[] }>();
    let done = 0;
    const results = await runPlan(compiled, {
      connect: connectByName,
      mode,
      ...(corrections ? { corrections } : {}),
      pseudonymKey: secrets.keyedHash('pseudonym key', 'dsr pseudonyms'),
      onRows: (system, table, batch) => {
        const key = tableKey(table);
        const entry = rows.get(key) ?? { system, table, rows: [] };
        entry.rows.push(...batch);
        rows.set(key, entry);
      },
      bridges: {
        load: async () => {
          const row = await db.selectFrom('dsr_steps').select('result').where('request_id', '=', id).where('step_id', '=', BRIDGES_STEP).executeTakeFirst();
          return row ? new Map(Object.entries(row.result as Record<string, BridgeSeed[]>)) : null;
        },
        save: async (seeds) => {
          await db.insertInto('dsr_steps').values({ request_id: id, step_id: BRIDGES_STEP, system: '*', status: 'done', result: JSON.stringify(Object.fromEntries(seeds)) }).onConflict((oc) => oc.columns(['request_id', 'step_id']).doNothing()).execute();
        },
      },
      isDone: async (stepId) => (await db.selectFrom('dsr_steps').select('status').where('request_id', '=', id).where('step_id', '=', stepId).executeTakeFirst())?.status === 'done',
      markDone: async (stepId, result) => {
        await db.insertInto('dsr_steps').values({ request_id: id, step_id: stepId, system: result.system, status: 'done', result: JSON.stringify(result) }).onConflict((oc) => oc.columns(['request_id', 'step_id']).doUpdateSet({ status: 'done', result: JSON.stringify(result), updated_at: new Date() })).execute();
        done += 1;
        options.onSystem?.(result.system, done, compiled.systems.length);
      },
    });
    const failed = results.filter((r) => r.status === 'failed');
    const tasks = await openManualTasks(id, request.extendedDueAt ?? request.dueAt);
    const summary = { ...summarise(results, mode === 'access' ? rows : undefined), manualTasks: tasks.map((t) => ({ system: t.system_name, status: t.status })) };
    const waiting = tasks.some((t) => t.status === 'open');
    await db.transaction().execute(async (tx) => {
      const status = failed.length ? 'failed' : waiting ? 'running' : 'completed';
      await repo.updateRequest(tx, id, { status, ...(status === 'completed' ? { completed_at: new Date() } : {}), result: summary });
      await repo.addEvent(tx, { requestId: id, kind: failed.length ? 'run_failed' : waiting ? 'waiting_for_tasks' : 'completed', actor: context.actor.name, details: summary });
      // The completion record: plan shape and counts, never a value.
      await audit.record(tx, context, { action: failed.length ? 'dsr.run_fail' : waiting ? 'dsr.run' : 'dsr.complete', outcome: failed.length ? 'failure' : 'success', target: { type: 'dsr', id }, details: summary });
    });
    if (!failed.length && !waiting) await respond(context, id, summary);
    return { results, summary, rows: [...rows.values()] };
  }

  /**
   * Systems Custos cannot reach (no connection) that hold personal data or serve an activity get
   * a task for their owner, due with the request; the request completes when each is done or
   * justified.
   */
  async function openManualTasks(id: string, dueAt: string) {
    const state = await datamap.getState();
    const executable = new Set((await systems.listSystems()).filter(runsInEngine).map((s) => s.id));
    const manual = state.systems.filter((s) => !executable.has(s.id) && (state.fields.some((f) => f.systemId === s.id && f.category) || state.activities.some((a) => a.systems.includes(s.name))));
    for (const system of manual) {
      const exists = await db.selectFrom('dsr_tasks').select('id').where('request_id', '=', id).where('system_name', '=', system.name).executeTakeFirst();
      if (!exists) await db.insertInto('dsr_tasks').values({ request_id: id, system_id: system.id, system_name: system.name, owner: system.owner, due_at: new Date(dueAt), note: null }).execute();
    }
    return db.selectFrom('dsr_tasks').selectAll().where('request_id', '=', id).orderBy('system_name').execute();
  }

  async function listTasks(id: string) {
    const rows = await db.selectFrom('dsr_tasks').selectAll().where('request_id', '=', id).orderBy('system_name').execute();
    return rows.map((t) => ({ id: t.id, system: t.system_name, owner: t.owner, dueAt: t.due_at.toISOString(), status: t.status, note: t.note }));
  }

  /** An owner reports a manual system done (or why nothing was needed); the last one completes the request. */
  async function closeTask(context: AuditContext, requestId: string, taskId: string, change: { status: 'done' | 'justified'; note: string }) {
    const completed = await db.transaction().execute(async (tx) => {
      const task = await tx.updateTable('dsr_tasks').set({ status: change.status, note: change.note, updated_at: new Date() }).where('id', '=', taskId).where('request_id', '=', requestId).returningAll().executeTakeFirst();
      if (!task) throw new CustosError('NOT_FOUND', `no task ${taskId} on request ${requestId}`);
      await repo.addEvent(tx, { requestId, kind: 'task_closed', actor: context.actor.name, details: { system: task.system_name, status: change.status } });
      await audit.record(tx, context, { action: 'dsr.task_close', target: { type: 'dsr', id: requestId }, details: { system: task.system_name, status: change.status } });
      const open = await tx.selectFrom('dsr_tasks').select('id').where('request_id', '=', requestId).where('status', '=', 'open').executeTakeFirst();
      const request = await repo.findRequest(tx, requestId);
      if (!open && request?.status === 'running' && request.result) {
        await repo.updateRequest(tx, requestId, { status: 'completed', completed_at: new Date() });
        await repo.addEvent(tx, { requestId, kind: 'completed', actor: context.actor.name, details: { lastTask: task.system_name } });
        return request.result as unknown as ResponseSummary;
      }
      return null;
    });
    if (completed) await respond(context, requestId, { ...completed, manualTasks: (await listTasks(requestId)).map((t) => ({ system: t.system, status: t.status })) });
    return listTasks(requestId);
  }

  /** The access/portability package: data/<system>/<schema>.<table>.json and .csv, report.html, manifest.json. */
  async function exportPackage(context: AuditContext, id: string): Promise<Buffer> {
    const request = await dsr.get(id);
    if (request.type !== 'access' && request.type !== 'portability') throw new CustosError('CONFLICT', `only access and portability requests have a package; ${id} is ${request.type}`);
    if (!request.verifiedAt) throw new CustosError('CONFLICT', `request ${id} is not verified`);
    const compiled = await compile(id);
    const collected = new Map<string, { system: string; table: TableRef; rows: Record<string, unknown>[] }>();
    const results = await runPlan(compiled, {
      connect: connectByName,
      mode: 'access',
      onRows: (system, table, batch) => {
        const key = tableKey(table);
        const entry = collected.get(key) ?? { system, table, rows: [] };
        entry.rows.push(...batch);
        collected.set(key, entry);
      },
    });
    // A package missing a system's rows would tell the subject that is all we hold: refuse instead.
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length) throw new CustosError('TARGET_UNREACHABLE', `the package cannot be complete: ${failed.map((r) => `${r.system} (${r.error ?? 'failed'})`).join('; ')}`);
    const state = await datamap.getState();
    const files: Record<string, Uint8Array> = {};
    const manifest: { request: string; generatedAt: string; tables: { system: string; table: string; rows: number; categories: string[] }[] } = { request: id, generatedAt: new Date().toISOString(), tables: [] };
    for (const { system, table, rows } of [...collected.values()].sort((a, b) => tableKey(a.table).localeCompare(tableKey(b.table)))) {
      if (!rows.length) continue;
      const name = `${table.schema ? `${table.schema}.` : ''}${table.table}`;
      files[`data/${safe(system)}/${safe(name)}.json`] = strToU8(`${JSON.stringify(rows, jsonValue, 2)}\n`);
      files[`data/${safe(system)}/${safe(name)}.csv`] = strToU8(toCsv(rows));
      const categories = [...new Set(state.fields.filter((f) => f.system === system && f.schema === table.schema && f.table === table.table && f.category).map((f) => f.category!))].sort();
      manifest.tables.push({ system, table: name, rows: rows.length, categories });
    }
    files['manifest.json'] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
    files['report.html'] = strToU8(accessReport(manifest, state));
    await audit.record(db, context, { action: 'dsr.export', target: { type: 'dsr', id }, details: { tables: manifest.tables.length, rows: manifest.tables.reduce((n, t) => n + t.rows, 0) } });
    return Buffer.from(zipSync(files, { level: 6 }));
  }

  return { plan, run, exportPackage, listTasks, closeTask };
}

/** A plan as the API and the CLI show it: steps name tables, columns, categories and actions, never an identity's value. */
export function planView({ type, plan, counts }: { type: string; plan: Plan; counts: SystemResult[] }) {
  return { type, systems: plan.systems.map((s) => ({ system: s.system, steps: s.steps })), crossSystemEdges: plan.crossSystemEdges, counts };
}

function summarise(results: SystemResult[], rows?: Map<string, { rows: unknown[] }>) {
  return {
    systems: results.map((r) => ({
      system: r.system,
      status: r.status,
      tables: r.tables.map((t) => ({ table: `${t.table.schema ? `${t.table.schema}.` : ''}${t.table.table}`, matched: t.matched, deleted: t.deleted, updated: t.updated, retained: t.retained, ...(t.retainReason ? { retainReason: t.retainReason } : {}) })),
      ...(r.error ? { error: r.error } : {}),
    })),
    ...(rows ? { rowsCollected: [...rows.values()].reduce((n, r) => n + r.rows.length, 0) } : {}),
  };
}

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_');
const jsonValue = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

function toCsv(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
    const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${guarded.replace(/"/g, '""')}"`;
  };
  return `\uFEFF${[columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}

function accessReport(manifest: { generatedAt: string; tables: { system: string; table: string; rows: number; categories: string[] }[] }, state: Awaited<ReturnType<DatamapService['getState']>>): string {
  const activities = state.activities;
  const why = (categories: string[]) => activities.filter((a) => categories.some((c) => a.dataCategories.some((d) => c === d || c.startsWith(`${d}.`))));
  const rows = manifest.tables
    .map((t) => {
      const uses = why(t.categories);
      return `<tr><td>${escapeHtml(t.system)}</td><td>${escapeHtml(t.table)}</td><td>${t.rows}</td><td>${escapeHtml(t.categories.join(', '))}</td><td>${escapeHtml(uses.map((a) => a.name).join('; '))}</td><td>${escapeHtml(uses.flatMap((a) => a.legalBases.map((b) => `${b.jurisdiction}: ${b.basis}`)).join('; '))}</td><td>${escapeHtml(uses.map((a) => a.retention?.period ?? a.retention?.description ?? '').filter(Boolean).join('; '))}</td><td>${escapeHtml(uses.flatMap((a) => a.recipients.map((r) => r.name)).join('; '))}</td></tr>`;
    })
    .join('\n');
  const org = escapeHtml(state.organisation?.name ?? 'The controller');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Your personal data held by ${org}</title><style>body{font-family:system-ui,sans-serif;margin:24px;color:#1d2430}table{border-collapse:collapse;width:100%}th,td{border:1px solid #cbd5e0;padding:4px 6px;text-align:left;vertical-align:top}th{background:#1f4e79;color:#fff}</style></head><body><h1>Your personal data held by ${org}</h1><p>Generated ${escapeHtml(manifest.generatedAt)}. The files under <code>data/</code> hold every record found, as JSON and CSV, one file per table.</p><table><thead><tr><th>System</th><th>Table</th><th>Records</th><th>Categories</th><th>Why we hold it</th><th>Legal basis</th><th>How long we keep it</th><th>Shared with</th></tr></thead><tbody>${rows}</tbody></table></body></html>\n`;
}
