/**
 * The data map as a service: kept current by every scan (tables, keys, references, drift),
 * edited by people (activities, references, system details, organisation) and read by
 * everything after it (the CI gate, reports, subject requests). Every change is audited.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { Database, Executor } from '../db/database.js';
import type { ScanListener } from '../discovery/discovery.service.js';
import type { TableFinding } from '../discovery/discovery.types.js';
import { CustosError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { SystemsService } from '../systems/systems.service.js';
import { affectedActivities, compareTable, type DriftItem } from './drift.js';
import * as repo from './datamap.repository.js';
import { ActivityInputSchema, OrganisationSchema, type ActivityInput, type Organisation, type ReferenceInput, type TaxonomyExtension } from './datamap.schemas.js';
import { toActivity, toDrift, toReference, type Activity, type MapState } from './datamap.types.js';
import { checkMap, type CheckResult } from './check.js';
import type { GraphOptions } from './graph/index.js';
import { inferSystemReferences } from './inference.js';
import { activityKeyProblems } from './activity-validation.js';
import { createTaxonomy } from '../taxonomy/taxonomy.js';
import { graphInput, identityGraphOf, mapView, type MapView } from './map.js';
import { buildReportModel } from './report-model.js';
import { renderReport, type ReportFormat, type ReportKind } from '../reports/index.js';

const SCANNER: AuditContext = { actor: { type: 'system', id: null, name: 'scanner', role: null } };
const ORGANISATION_KEY = 'organisation';

export interface DatamapServiceDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record'>;
  systems: Pick<SystemsService, 'listSystems' | 'findSystem' | 'findSystemByName' | 'updateDetails' | 'openTarget'>;
  logger: Pick<Logger, 'warn' | 'error'>;
}

export type DatamapService = ReturnType<typeof createDatamapService>;

export function createDatamapService({ db, audit, systems, logger }: DatamapServiceDeps) {
  // Whether a scan has a completed scan of its system before it (drift is recorded only then): asked once per scan, not per table.
  const baselines = new Map<string, boolean>();
  // ---- kept current by scans --------------------------------------------------------------

  /** Inside the transaction that stores a table's findings, before they change: compare and record. */
  async function beforeTablePersisted(tx: Transaction<Database>, { systemId, scanId, finding }: { systemId: string; scanId: string; finding: TableFinding }) {
    const known = await repo.findMapTable(tx, systemId, finding.schema, finding.table);
    const baseline = baselines.get(scanId) ?? (await repo.hasCompletedScan(tx, systemId, scanId));
    baselines.set(scanId, baseline);
    if (baseline) await recordDrift(tx, systemId, scanId, finding, known !== undefined);
    await repo.upsertMapTable(tx, systemId, {
      schema: finding.schema,
      table: finding.table,
      kind: finding.kind,
      rowEstimate: finding.rowEstimate,
      primaryKey: finding.primaryKey,
      columns: finding.columns.map((c) => ({ name: c.column, dataType: c.dataType, kind: c.kind })),
    });
    await repo.replaceIntrospectedReferences(tx, systemId, finding.schema, finding.table, finding.foreignKeys);
  }

  async function recordDrift(tx: Executor, systemId: string, scanId: string, finding: TableFinding, known: boolean) {
    const fields = await repo.listMapFields(tx, { systemId });
    const previous = fields
      .filter((f) => f.schema_name === finding.schema && f.table_name === finding.table)
      .map((f) => ({ column: f.column_name, category: f.category, decided: f.status !== 'proposed' }));
    const systemCategories = new Set(fields.flatMap((f) => (f.category ? [f.category] : [])));
    const items = compareTable({ known, previous, systemCategories, finding });
    if (!items.length) return;
    const systemName = await repo.systemName(tx, systemId);
    const activities = (await repo.listActivities(tx)).map(toActivity);
    for (const item of items) {
      const affected = affectedActivities(activities, systemName, item.category);
      await repo.insertDrift(tx, {
        system_id: systemId,
        scan_id: scanId,
        kind: item.kind,
        schema_name: finding.schema,
        table_name: finding.table,
        column_name: item.column,
        category: item.category,
        previous_category: item.previousCategory,
        level: item.level,
        affected_activities: affected,
      });
      await repo.flagActivitiesForReview(tx, affected, describeDrift(item, systemName, finding));
      await audit.record(tx, SCANNER, {
        action: 'map.drift',
        target: { type: 'system', id: systemId },
        details: { kind: item.kind, table: `${finding.schema}.${finding.table}`, column: item.column, category: item.category, activities: affected },
      });
    }
  }

  async function scanFinished({ systemId, scanId, status, listed }: { systemId: string; scanId: string; status: 'completed' | 'cancelled'; listed: { schema: string; table: string }[] }) {
    baselines.delete(scanId);
    if (status !== 'completed') return;
    try {
      // Outside the transaction: the embedded store has one connection, held by the transaction.
      const system = await systems.findSystem(systemId);
      await db.transaction().execute(async (tx) => {
        const gone = await repo.markTablesRemoved(tx, systemId, listed);
        const drift = (await repo.listDrift(tx, { status: 'open', systemId, limit: 1000 })).filter((d) => d.scan_id === scanId);
        for (const table of gone) {
          await repo.insertDrift(tx, { system_id: systemId, scan_id: scanId, kind: 'table_removed', schema_name: table.schema_name, table_name: table.table_name, column_name: null, category: null, previous_category: null, level: null, affected_activities: [] });
        }
        const total = drift.length + gone.length;
        if (total > 0) {
          const activities = [...new Set(drift.flatMap((d) => d.affected_activities))];
          await repo.insertNotification(tx, {
            kind: 'map.drift',
            title: `${total} change${total === 1 ? '' : 's'} to the data map in ${system?.name ?? 'a system'}`,
            body: activities.length ? `Activities marked for review: ${activities.join(', ')}` : 'No processing activity covers the changed data yet.',
            link: '/data-map?tab=drift',
          });
          logger.warn({ event: 'map.drift', systemId, scanId, changes: total }, 'data map drift found');
        }
      });
      await inferAfterScan(systemId, system?.name ?? systemId);
    } catch (err) {
      // The scan itself completed; a failure here must not turn it into a failed scan.
      logger.error({ event: 'map.scan_finished_failed', systemId, scanId, err: (err as Error).message }, 'updating the data map after a scan failed');
    }
  }

  /**
   * Proposes references the schema does not declare and stores them with their evidence; those
   * under the confidence threshold are listed for review, not followed. A reference a person
   * rejected is never proposed again (it is in `existing`).
   */
  async function inferAfterScan(systemId: string, systemName: string) {
    const state = await getState();
    const { tables, edges } = graphInput(state);
    const own = tables.filter((t) => t.ref.system === systemName);
    if (!own.length) return;
    const existing = edges.filter((e) => e.origin !== 'inferred' || e.status === 'rejected');
    const result = await inferSystemReferences(await systems.openTarget(systemId), own, existing);
    if (!result) return;
    await db.transaction().execute(async (tx) => {
      // A candidate whose values were not found in the other table at all is no reference; keep no record of it.
      for (const edge of result.edges.filter((e) => e.confidence > 0)) {
        await repo.insertReference(tx, {
          from: { systemId, schema: edge.from.table.schema, table: edge.from.table.table, columns: edge.from.columns },
          to: { systemId, schema: edge.to.table.schema, table: edge.to.table.table, columns: edge.to.columns },
          origin: 'inferred',
          confidence: edge.confidence,
          evidence: { ...(edge.evidence ?? {}), join: edge.join ?? 'key' },
        });
      }
      if (result.edges.length) await audit.record(tx, SCANNER, { action: 'map.references_infer', target: { type: 'system', id: systemId }, details: { proposed: result.edges.length, failed: result.failed } });
    });
  }

  const listener: ScanListener = { beforeTablePersisted, scanFinished };

  // ---- activities ---------------------------------------------------------------------------

  async function listActivities(): Promise<Activity[]> {
    return (await repo.listActivities(db)).map(toActivity);
  }

  async function getActivity(key: string): Promise<Activity> {
    const row = await repo.findActivity(db, key);
    if (!row) throw new CustosError('NOT_FOUND', `no processing activity with key ${key}`);
    return toActivity(row);
  }

  async function checkActivity(input: ActivityInput, executor: Executor = db) {
    const parsed = ActivityInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new CustosError('VALIDATION_FAILED', 'the processing activity is invalid', { details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
    }
    const activity = parsed.data;
    const taxonomy = createTaxonomy((await repo.listTaxonomyEntries(executor)).map((t) => ({ ...t, isDefault: false })));
    const problems = activityKeyProblems(activity, taxonomy);
    const known = await repo.listSystemIds(executor);
    activity.systems.forEach((name, i) => known.has(name) || problems.push({ field: `systems.${i}`, message: `no system named ${name}` }));
    if (problems.length) throw new CustosError('VALIDATION_FAILED', `the processing activity ${activity.key} is invalid: ${problems[0]!.message}`, { details: problems });
    return activity;
  }

  /** Creates or replaces an activity; saving it is the review the drift asked for. */
  async function saveActivity(context: AuditContext, input: ActivityInput, options: { origin?: 'console' | 'code'; tx?: Executor } = {}): Promise<Activity> {
    const activity = await checkActivity(input, options.tx);
    const run = async (tx: Executor) => {
      const before = await repo.findActivity(tx, activity.key);
      const row = await repo.upsertActivity(tx, { ...activity, controller: activity.controller ?? null, retention: activity.retention ?? null, origin: options.origin ?? 'console' }, { required: false, reasons: [] });
      await audit.record(tx, context, { action: before ? 'activity.update' : 'activity.create', target: { type: 'activity', id: row.id }, details: { key: activity.key, origin: options.origin ?? 'console' } });
      return toActivity(row);
    };
    return options.tx ? run(options.tx) : db.transaction().execute(run);
  }

  async function deleteActivity(context: AuditContext, key: string, tx?: Executor): Promise<void> {
    const run = async (t: Executor) => {
      const row = await repo.deleteActivity(t, key);
      if (!row) throw new CustosError('NOT_FOUND', `no processing activity with key ${key}`);
      await audit.record(t, context, { action: 'activity.delete', target: { type: 'activity', id: row.id }, details: { key } });
    };
    await (tx ? run(tx) : db.transaction().execute(run));
  }

  // ---- references ---------------------------------------------------------------------------

  async function resolveSystem(executor: Executor, name: string, field: string): Promise<string> {
    const id = (await repo.listSystemIds(executor)).get(name);
    if (!id) throw new CustosError('VALIDATION_FAILED', `no system named ${name}`, { details: [{ field, message: 'unknown system' }] });
    return id;
  }

  async function declareReference(context: AuditContext, input: ReferenceInput, tx?: Executor) {
    const run = async (t: Executor) => {
      const from = await resolveSystem(t, input.from.system, 'from.system');
      const to = await resolveSystem(t, input.to.system, 'to.system');
      const row = await repo.insertReference(t, {
        from: { systemId: from, schema: input.from.schema, table: input.from.table, columns: input.from.columns },
        to: { systemId: to, schema: input.to.schema, table: input.to.table, columns: input.to.columns },
        origin: 'declared',
        confidence: 1,
        note: input.note ?? null,
        status: 'active',
      });
      await audit.record(t, context, { action: 'reference.declare', target: { type: 'reference', id: row.id }, details: { from: `${input.from.system}:${input.from.table}`, to: `${input.to.system}:${input.to.table}` } });
      return row;
    };
    const row = await (tx ? run(tx) : db.transaction().execute(run));
    return toReference(row, invert(await repo.listSystemIds(tx ?? db)));
  }

  async function reviewReference(context: AuditContext, id: string, change: { status: 'active' | 'rejected'; note?: string }) {
    const row = await db.transaction().execute(async (tx) => {
      // Accepting an inferred reference makes it a person's statement: it is declared from now on.
      const row = await repo.updateReference(tx, id, { status: change.status, ...(change.note !== undefined ? { note: change.note } : {}), ...(change.status === 'active' ? { origin: 'declared' as const } : {}) });
      if (!row) throw new CustosError('NOT_FOUND', `no reference with id ${id}`);
      await audit.record(tx, context, { action: 'reference.review', target: { type: 'reference', id }, details: { status: change.status } });
      return row;
    });
    return toReference(row, await systemNames());
  }

  async function listReferences(filter: { systemId?: string } = {}) {
    const names = await systemNames();
    return (await repo.listReferences(db, filter)).map((r) => toReference(r, names));
  }

  async function systemNames(): Promise<Map<string, string>> {
    return invert(await repo.listSystemIds(db));
  }

  // ---- drift, notifications, organisation -----------------------------------------------------

  async function listDrift(filter: { status?: 'open' | 'acknowledged' | 'resolved' | 'all'; systemId?: string; limit?: number } = {}) {
    return (await repo.listDrift(db, { status: filter.status ?? 'open', ...(filter.systemId ? { systemId: filter.systemId } : {}), limit: filter.limit ?? 200 })).map(toDrift);
  }

  async function resolveDrift(context: AuditContext, id: string, change: { status: 'acknowledged' | 'resolved' | 'open'; note?: string }) {
    return db.transaction().execute(async (tx) => {
      const row = await repo.resolveDrift(tx, id, { status: change.status, note: change.note ?? null, by: context.actor.name ?? context.actor.type });
      if (!row) throw new CustosError('NOT_FOUND', `no drift finding with id ${id}`);
      await audit.record(tx, context, { action: 'map.drift_resolve', target: { type: 'drift', id }, details: { status: change.status } });
      const [named] = (await repo.listDrift(tx, { status: 'all', systemId: row.system_id, limit: 1000 })).filter((d) => d.id === id);
      return toDrift(named!);
    });
  }

  async function listNotifications(filter: { unreadOnly?: boolean; limit?: number } = {}) {
    return (await repo.listNotifications(db, { unreadOnly: filter.unreadOnly ?? false, limit: filter.limit ?? 50 })).map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    }));
  }

  async function markNotificationsRead(ids: string[] | 'all') {
    await repo.markNotificationsRead(db, ids);
  }

  async function getOrganisation(): Promise<Organisation | null> {
    return (await repo.getSetting<Organisation>(db, ORGANISATION_KEY)) ?? null;
  }

  async function setOrganisation(context: AuditContext, input: unknown, tx?: Executor): Promise<Organisation> {
    const parsed = OrganisationSchema.safeParse(input);
    if (!parsed.success) throw new CustosError('VALIDATION_FAILED', 'the organisation details are invalid', { details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
    const run = async (t: Executor) => {
      await repo.putSetting(t, ORGANISATION_KEY, parsed.data);
      await audit.record(t, context, { action: 'organisation.update', target: { type: 'organisation', id: null }, details: { fields: Object.keys(parsed.data) } });
    };
    await (tx ? run(tx) : db.transaction().execute(run));
    return parsed.data;
  }

  // ---- taxonomy extensions ------------------------------------------------------------------

  /** The defaults with the organisation's extensions. */
  async function taxonomy() {
    return createTaxonomy((await repo.listTaxonomyEntries(db)).map((t) => ({ ...t, isDefault: false })));
  }

  async function extendTaxonomy(context: AuditContext, input: TaxonomyExtension, tx?: Executor) {
    const run = async (t: Executor) => {
      const existing = (await repo.listTaxonomyEntries(t)).map((e) => ({ ...e, isDefault: false })).filter((e) => !(e.kind === input.kind && e.key === input.key));
      const taxonomy = createTaxonomy(existing);
      const entry = { kind: input.kind, key: input.key, parent: input.parent ?? parentKey(input.key), name: input.name, description: input.description, isDefault: false };
      const problems = taxonomy.validateExtension(entry);
      if (problems.length) throw new CustosError('VALIDATION_FAILED', `taxonomy extension ${input.key}: ${problems[0]}`, { details: problems.map((message) => ({ field: 'key', message })) });
      await repo.upsertTaxonomyEntry(t, { kind: entry.kind, key: entry.key, parent: entry.parent, name: entry.name, description: entry.description });
      await audit.record(t, context, { action: 'taxonomy.extend', target: { type: 'taxonomy', id: null }, details: { kind: entry.kind, key: entry.key } });
      return { kind: entry.kind, key: entry.key, parent: entry.parent, name: entry.name, description: entry.description };
    };
    return tx ? run(tx) : db.transaction().execute(run);
  }

  // ---- the whole map ------------------------------------------------------------------------

  /** One consistent read of the map (one transaction), for manifests, the CI gate and reports. */
  async function getState(): Promise<MapState> {
    return db.transaction().execute(async (tx) => {
      const systemRows = await tx.selectFrom('systems').selectAll().orderBy('name').execute();
      const names = new Map(systemRows.map((s) => [s.id, s.name]));
      const tables = await repo.listMapTables(tx);
      const fields = await repo.listMapFields(tx);
      const references = await repo.listReferences(tx);
      const activities = await repo.listActivities(tx);
      const taxonomy = await repo.listTaxonomyEntries(tx);
      const organisation = (await repo.getSetting<Organisation>(tx, ORGANISATION_KEY)) ?? null;
      return {
        organisation,
        systems: systemRows.map((s) => ({
          id: s.id,
          name: s.name,
          description: s.description,
          kind: s.kind,
          engine: s.engine,
          connection: s.connection,
          scannable: s.connection_sealed !== null,
          owner: s.owner,
          department: s.department,
          hostingRegion: s.hosting_region,
          hostingCountry: s.hosting_country,
          role: s.role,
          securityMeasures: s.security_measures,
          reviewRequired: s.review_required,
        })),
        tables: tables.map((t) => ({
          systemId: t.system_id,
          system: names.get(t.system_id) ?? t.system_id,
          schema: t.schema_name,
          table: t.table_name,
          kind: t.kind,
          rowEstimate: t.row_estimate === null ? null : Number(t.row_estimate),
          primaryKey: t.primary_key,
          columns: t.columns,
          origin: t.origin,
        })),
        fields: fields.map((f) => ({
          id: f.id,
          systemId: f.system_id,
          system: names.get(f.system_id) ?? f.system_id,
          schema: f.schema_name,
          table: f.table_name,
          column: f.column_name,
          dataType: f.data_type,
          entity: f.entity,
          category: f.category,
          level: f.level,
          confidence: f.confidence,
          provenance: f.origin === 'code' ? 'code' : f.status === 'proposed' ? 'scanner' : 'human',
          identity: f.identity,
          freeText: f.free_text,
        })),
        references: references.map((r) => toReference(r, names)),
        activities: activities.map(toActivity),
        taxonomy: taxonomy.map((t) => ({ kind: t.kind, key: t.key, parent: t.parent, name: t.name, description: t.description })),
      };
    });
  }

  // ---- read models: graph, view, gate, reports ----------------------------------------------

  async function identityGraph(options: GraphOptions = {}) {
    return identityGraphOf(await getState(), options);
  }

  async function view(options: GraphOptions = {}): Promise<MapView> {
    const state = await getState();
    return mapView(state, identityGraphOf(state, options));
  }

  async function check(options: { strict?: boolean; strictReferences?: boolean } = {}): Promise<CheckResult> {
    const state = await getState();
    return checkMap(state, { ...(options.strict ? { strict: true } : {}), graph: identityGraphOf(state, { strictReferences: options.strictReferences ?? false }) });
  }

  async function report(kind: ReportKind, format: ReportFormat, options: { jurisdiction?: string } = {}) {
    const model = buildReportModel(await getState(), options);
    return renderReport(kind, format, model, options.jurisdiction ? { jurisdiction: options.jurisdiction } : {});
  }

  return {
    listener,
    getState,
    identityGraph,
    view,
    check,
    report,
    inferAfterScan,
    listActivities,
    getActivity,
    checkActivity,
    saveActivity,
    deleteActivity,
    declareReference,
    reviewReference,
    listReferences,
    listDrift,
    resolveDrift,
    listNotifications,
    markNotificationsRead,
    getOrganisation,
    setOrganisation,
    taxonomy,
    extendTaxonomy,
  };
}

function parentKey(key: string): string | null {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? null : key.slice(0, dot);
}

function invert(map: Map<string, string>): Map<string, string> {
  return new Map([...map].map(([k, v]) => [v, k]));
}

function describeDrift(item: DriftItem, system: string, finding: TableFinding): string {
  const where = `${system}: ${finding.schema ? `${finding.schema}.` : ''}${finding.table}${item.column ? `.${item.column}` : ''}`;
  switch (item.kind) {
    case 'new_table':
      return `new table ${where}`;
    case 'new_category':
      return `new category ${item.category} in ${where}`;
    case 'category_changed':
      return `category of ${where} changed from ${item.previousCategory} to ${item.category}`;
    default:
      return `new personal-data column ${where} (${item.category})`;
  }
}
