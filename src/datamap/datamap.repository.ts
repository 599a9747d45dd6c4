/**
 * Data access for the data map. Every function takes the database or an open transaction, so
 * the service decides what commits together; no function here decides anything.
 */
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ForeignKeyInfo } from '../discovery/connectors/connector.js';
import type { DriftFindingsTable, MapColumn, MapReferencesTable, ProcessingActivitiesTable } from './datamap.tables.js';

export type ActivityRow = Selectable<ProcessingActivitiesTable>;
export type ReferenceRow = Selectable<MapReferencesTable>;
export type DriftRow = Selectable<DriftFindingsTable>;

const json = (value: unknown) => JSON.stringify(value);

// ---- tables -------------------------------------------------------------------------------

export async function findMapTable(db: Executor, systemId: string, schema: string, table: string) {
  return db.selectFrom('map_tables').selectAll().where('system_id', '=', systemId).where('schema_name', '=', schema).where('table_name', '=', table).executeTakeFirst();
}

export async function upsertMapTable(db: Executor, systemId: string, table: { schema: string; table: string; kind: string; rowEstimate: number | null; primaryKey: string[]; columns: MapColumn[]; origin?: 'scanner' | 'code' }): Promise<void> {
  const now = new Date();
  await db
    .insertInto('map_tables')
    .values({ system_id: systemId, schema_name: table.schema, table_name: table.table, kind: table.kind, row_estimate: table.rowEstimate, primary_key: json(table.primaryKey), columns: json(table.columns), origin: table.origin ?? 'scanner', last_seen_at: now, removed_at: null })
    .onConflict((oc) =>
      oc.columns(['system_id', 'schema_name', 'table_name']).doUpdateSet({ kind: table.kind, row_estimate: table.rowEstimate, primary_key: json(table.primaryKey), columns: json(table.columns), last_seen_at: now, removed_at: null }),
    )
    .execute();
}

export async function deleteCodeTable(db: Executor, systemId: string, schema: string, table: string): Promise<void> {
  await db.deleteFrom('map_tables').where('system_id', '=', systemId).where('schema_name', '=', schema).where('table_name', '=', table).where('origin', '=', 'code').execute();
}

export async function listMapTables(db: Executor, filter: { systemId?: string; includeRemoved?: boolean } = {}) {
  let query = db.selectFrom('map_tables').selectAll().orderBy('system_id').orderBy('schema_name').orderBy('table_name');
  if (filter.systemId) query = query.where('system_id', '=', filter.systemId);
  if (!filter.includeRemoved) query = query.where('removed_at', 'is', null);
  return query.execute();
}

/** Tables a completed scan no longer listed are kept (with their history) and marked removed. */
export async function markTablesRemoved(db: Executor, systemId: string, present: { schema: string; table: string }[]) {
  const rows = await listMapTables(db, { systemId });
  const keep = new Set(present.map((t) => `${t.schema}\u0000${t.table}`));
  const gone = rows.filter((r) => r.origin === 'scanner' && !keep.has(`${r.schema_name}\u0000${r.table_name}`));
  for (const row of gone) {
    await db.updateTable('map_tables').set({ removed_at: new Date() }).where('system_id', '=', systemId).where('schema_name', '=', row.schema_name).where('table_name', '=', row.table_name).execute();
  }
  return gone;
}

// ---- fields declared in code ----------------------------------------------------------------

export async function findField(db: Executor, systemId: string, schema: string, table: string, column: string) {
  return db.selectFrom('findings').selectAll().where('system_id', '=', systemId).where('schema_name', '=', schema).where('table_name', '=', table).where('column_name', '=', column).executeTakeFirst();
}

/**
 * A manifest's field: provenance `code`, its identity set exactly, and when it names a category
 * that category recorded as the decision (confirmed), so a re-scan cannot move it.
 */
export async function setCodeField(db: Executor, at: { systemId: string; schema: string; table: string }, field: { name: string; dataType: string; category: string | null; level: string | null; identity: string | null }): Promise<void> {
  const existing = await findField(db, at.systemId, at.schema, at.table, field.name);
  const decision = field.category
    ? { status: 'confirmed' as const, decided_category: field.category, decided_level: field.level, decided_by: 'manifest', decided_at: new Date() }
    : {};
  if (existing) {
    await db.updateTable('findings').set({ origin: 'code', identity: field.identity, removed_at: null, updated_at: new Date(), ...decision }).where('id', '=', existing.id).execute();
    return;
  }
  await db
    .insertInto('findings')
    .values({ system_id: at.systemId, schema_name: at.schema, table_name: at.table, column_name: field.name, data_type: field.dataType, entity: null, category: null, level: null, confidence: 1, evidence: '{}', examples: '[]', origin: 'code', identity: field.identity, first_seen_scan: null, last_seen_scan: null, removed_at: null, decided_entity: null, decided_category: null, decided_level: null, decision_note: null, decided_by: null, decided_at: null, ...decision })
    .execute();
}

/** Drops a manifest's declaration: a pure code field goes; a scanned one returns to the scanner's proposal. */
export async function clearCodeField(db: Executor, at: { systemId: string; schema: string; table: string }, column: string): Promise<void> {
  const existing = await findField(db, at.systemId, at.schema, at.table, column);
  if (!existing || existing.origin !== 'code') return;
  if (existing.last_seen_scan === null) {
    await db.deleteFrom('findings').where('id', '=', existing.id).execute();
    return;
  }
  const fromManifest = existing.decided_by === 'manifest';
  await db
    .updateTable('findings')
    .set({ origin: 'scanner', identity: null, updated_at: new Date(), ...(fromManifest ? { status: 'proposed', decided_category: null, decided_level: null, decided_entity: null, decided_by: null, decided_at: null } : {}) })
    .where('id', '=', existing.id)
    .execute();
}

export async function deleteDeclaredReference(db: Executor, from: ReferenceEnd, to: ReferenceEnd): Promise<void> {
  await db
    .deleteFrom('map_references')
    .where('origin', '=', 'declared')
    .where('from_system_id', '=', from.systemId)
    .where('from_schema', '=', from.schema)
    .where('from_table', '=', from.table)
    .where(sql`from_columns`, '=', json(from.columns))
    .where('to_system_id', '=', to.systemId)
    .where('to_schema', '=', to.schema)
    .where('to_table', '=', to.table)
    .where(sql`to_columns`, '=', json(to.columns))
    .execute();
}

// ---- references ---------------------------------------------------------------------------

/** The database's own foreign keys for one table replace what introspection said before. */
export async function replaceIntrospectedReferences(db: Executor, systemId: string, schema: string, table: string, foreignKeys: ForeignKeyInfo[]): Promise<void> {
  await db.deleteFrom('map_references').where('origin', '=', 'introspected').where('from_system_id', '=', systemId).where('from_schema', '=', schema).where('from_table', '=', table).execute();
  for (const fk of foreignKeys) {
    await insertReference(db, {
      from: { systemId, schema, table, columns: fk.columns },
      to: { systemId, schema: fk.refSchema, table: fk.refTable, columns: fk.refColumns },
      origin: 'introspected',
      confidence: 1,
      evidence: { constraint: fk.name },
    });
  }
}

export interface ReferenceEnd {
  systemId: string;
  schema: string;
  table: string;
  columns: string[];
}

export async function insertReference(db: Executor, ref: { from: ReferenceEnd; to: ReferenceEnd; origin: ReferenceRow['origin']; confidence: number; evidence?: Record<string, unknown>; note?: string | null; status?: ReferenceRow['status'] }) {
  return db
    .insertInto('map_references')
    .values({
      from_system_id: ref.from.systemId,
      from_schema: ref.from.schema,
      from_table: ref.from.table,
      from_columns: json(ref.from.columns),
      to_system_id: ref.to.systemId,
      to_schema: ref.to.schema,
      to_table: ref.to.table,
      to_columns: json(ref.to.columns),
      origin: ref.origin,
      confidence: ref.confidence,
      evidence: json(ref.evidence ?? {}),
      note: ref.note ?? null,
      ...(ref.status ? { status: ref.status } : {}),
    })
    .onConflict((oc) =>
      oc.columns(['from_system_id', 'from_schema', 'from_table', 'from_columns', 'to_system_id', 'to_schema', 'to_table', 'to_columns']).doUpdateSet((eb) => ({
        // A person's word (declared) outranks introspection, which outranks inference.
        origin: sql<ReferenceRow['origin']>`case when map_references.origin = 'declared' then 'declared' when excluded.origin = 'declared' then 'declared' when map_references.origin = 'introspected' then 'introspected' else excluded.origin end`,
        confidence: sql<number>`greatest(map_references.confidence, excluded.confidence)`,
        // Declaring a link is a person's word: it is active again even if it was rejected before.
        status: sql<ReferenceRow['status']>`case when excluded.origin = 'declared' then excluded.status else map_references.status end`,
        evidence: eb.ref('excluded.evidence'),
        note: sql<string | null>`coalesce(excluded.note, map_references.note)`,
        updated_at: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listReferences(db: Executor, filter: { systemId?: string } = {}) {
  let query = db.selectFrom('map_references').selectAll().orderBy('from_schema').orderBy('from_table').orderBy('created_at');
  if (filter.systemId) query = query.where((eb) => eb.or([eb('from_system_id', '=', filter.systemId!), eb('to_system_id', '=', filter.systemId!)]));
  return query.execute();
}

export async function updateReference(db: Executor, id: string, changes: { status?: ReferenceRow['status']; note?: string | null; origin?: ReferenceRow['origin'] }) {
  return db.updateTable('map_references').set({ ...changes, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteReference(db: Executor, id: string) {
  return db.deleteFrom('map_references').where('id', '=', id).returningAll().executeTakeFirst();
}

// ---- activities ---------------------------------------------------------------------------

export async function listActivities(db: Executor): Promise<ActivityRow[]> {
  return db.selectFrom('processing_activities').selectAll().orderBy('key').execute();
}

export async function findActivity(db: Executor, key: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('processing_activities').selectAll().where('key', '=', key).executeTakeFirst();
}

export interface ActivityValues {
  key: string;
  name: string;
  description: string;
  role: ActivityRow['role'];
  controller: Record<string, unknown> | null;
  dataUses: string[];
  dataCategories: string[];
  dataSubjects: string[];
  legalBases: unknown[];
  retention: Record<string, unknown> | null;
  recipients: unknown[];
  transfers: unknown[];
  systems: string[];
  dpia: Record<string, unknown>;
  origin: ActivityRow['origin'];
}

export async function upsertActivity(db: Executor, values: ActivityValues, review: { required: boolean; reasons: string[] }): Promise<ActivityRow> {
  const row = {
    key: values.key,
    name: values.name,
    description: values.description,
    role: values.role,
    controller: json(values.controller),
    data_uses: json(values.dataUses),
    data_categories: json(values.dataCategories),
    data_subjects: json(values.dataSubjects),
    legal_bases: json(values.legalBases),
    retention: json(values.retention),
    recipients: json(values.recipients),
    transfers: json(values.transfers),
    systems: json(values.systems),
    dpia: json(values.dpia),
    origin: values.origin,
    review_required: review.required,
    review_reasons: json(review.reasons),
  };
  return db
    .insertInto('processing_activities')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ ...row, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteActivity(db: Executor, key: string) {
  return db.deleteFrom('processing_activities').where('key', '=', key).returningAll().executeTakeFirst();
}

export async function flagActivitiesForReview(db: Executor, keys: string[], reason: string): Promise<void> {
  if (!keys.length) return;
  await db
    .updateTable('processing_activities')
    .set({
      review_required: true,
      review_reasons: sql`(select coalesce(jsonb_agg(distinct r), '[]'::jsonb) from jsonb_array_elements_text(review_reasons || ${json([reason])}::jsonb) r)`,
      // A completed assessment no longer describes what the systems now hold.
      dpia: sql`case when dpia->>'status' = 'completed' then jsonb_set(dpia, '{status}', '"needs_review"') else dpia end`,
      updated_at: new Date(),
    })
    .where('key', 'in', keys)
    .execute();
}

// ---- drift --------------------------------------------------------------------------------

export async function insertDrift(db: Executor, drift: Omit<DriftRow, 'id' | 'status' | 'resolution_note' | 'resolved_by' | 'resolved_at' | 'created_at'>): Promise<DriftRow> {
  return db
    .insertInto('drift_findings')
    .values({ ...drift, affected_activities: json(drift.affected_activities) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listDrift(db: Executor, filter: { status?: DriftRow['status'] | 'all'; systemId?: string; limit: number }) {
  let query = db
    .selectFrom('drift_findings')
    .innerJoin('systems', 'systems.id', 'drift_findings.system_id')
    .selectAll('drift_findings')
    .select('systems.name as system_name')
    .orderBy('drift_findings.created_at', 'desc')
    .limit(filter.limit);
  if (filter.status && filter.status !== 'all') query = query.where('drift_findings.status', '=', filter.status);
  if (filter.systemId) query = query.where('drift_findings.system_id', '=', filter.systemId);
  return query.execute();
}

export async function resolveDrift(db: Executor, id: string, change: { status: 'acknowledged' | 'resolved' | 'open'; note: string | null; by: string }) {
  return db
    .updateTable('drift_findings')
    .set({ status: change.status, resolution_note: change.note, resolved_by: change.status === 'open' ? null : change.by, resolved_at: change.status === 'open' ? null : new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

// ---- notifications and settings -------------------------------------------------------------

export async function insertNotification(db: Executor, notification: { kind: string; title: string; body: string; link: string | null }) {
  await db.insertInto('notifications').values(notification).execute();
}

export async function listNotifications(db: Executor, filter: { unreadOnly: boolean; limit: number }) {
  let query = db.selectFrom('notifications').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
  if (filter.unreadOnly) query = query.where('read_at', 'is', null);
  return query.execute();
}

export async function markNotificationsRead(db: Executor, ids: string[] | 'all') {
  let query = db.updateTable('notifications').set({ read_at: new Date() }).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (!ids.length) return;
    query = query.where('id', 'in', ids);
  }
  await query.execute();
}

export async function getSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}

export async function putSetting(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: json(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json(value), updated_at: new Date() }))
    .execute();
}

// ---- taxonomy extensions --------------------------------------------------------------------

export async function listTaxonomyEntries(db: Executor) {
  return db.selectFrom('taxonomy_entries').selectAll().orderBy('kind').orderBy('key').execute();
}

export async function upsertTaxonomyEntry(db: Executor, entry: { kind: 'data_category' | 'data_use' | 'data_subject'; key: string; parent: string | null; name: string; description: string }) {
  await db
    .insertInto('taxonomy_entries')
    .values(entry)
    .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet({ parent: entry.parent, name: entry.name, description: entry.description }))
    .execute();
}

export async function deleteTaxonomyEntry(db: Executor, kind: string, key: string) {
  return db.deleteFrom('taxonomy_entries').where('kind', '=', kind as 'data_category').where('key', '=', key).returningAll().executeTakeFirst();
}

// ---- fields (the findings discovery keeps, seen from the map) --------------------------------

/** Every field of the map with its effective (decided, else scanned) entity and category. */
export async function listMapFields(db: Executor, filter: { systemId?: string } = {}) {
  let query = db
    .selectFrom('findings')
    .select([
      'findings.id',
      'findings.system_id',
      'findings.schema_name',
      'findings.table_name',
      'findings.column_name',
      'findings.data_type',
      'findings.confidence',
      'findings.status',
      'findings.origin',
      'findings.identity',
      'findings.entity as scanner_entity',
      'findings.category as scanner_category',
    ])
    .select(sql<string | null>`case when findings.status = 'rejected' then null else coalesce(findings.decided_entity, findings.entity) end`.as('entity'))
    .select(sql<string | null>`case when findings.status = 'rejected' then null else coalesce(findings.decided_category, findings.category) end`.as('category'))
    .select(sql<string | null>`case when findings.status = 'rejected' then null else coalesce(findings.decided_level, findings.level) end`.as('level'))
    .select(sql<boolean>`coalesce((findings.evidence->>'freeText')::boolean, false)`.as('free_text'))
    .where('findings.removed_at', 'is', null)
    .orderBy('findings.system_id')
    .orderBy('findings.schema_name')
    .orderBy('findings.table_name')
    .orderBy('findings.column_name');
  if (filter.systemId) query = query.where('findings.system_id', '=', filter.systemId);
  return query.execute();
}

export type MapFieldRow = Awaited<ReturnType<typeof listMapFields>>[number];

export async function listSystemIds(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('systems').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function systemName(db: Executor, systemId: string): Promise<string> {
  const row = await db.selectFrom('systems').select('name').where('id', '=', systemId).executeTakeFirst();
  return row?.name ?? systemId;
}

export async function hasCompletedScan(db: Executor, systemId: string, exceptScanId: string): Promise<boolean> {
  const row = await db.selectFrom('scans').select('id').where('system_id', '=', systemId).where('status', '=', 'completed').where('id', '!=', exceptScanId).limit(1).executeTakeFirst();
  return row !== undefined;
}
