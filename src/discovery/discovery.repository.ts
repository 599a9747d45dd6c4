import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { FindingsTable, ScansTable, ScanTablesTable } from './discovery.tables.js';
import type { TableFinding } from './discovery.types.js';

export type ScanRow = Selectable<ScansTable>;
export type FindingRow = Selectable<FindingsTable>;
export type ScanTableRow = Selectable<ScanTablesTable>;

export async function insertScan(db: Executor, scan: { systemId: string; options: Record<string, unknown>; requestedBy: string | null }): Promise<ScanRow> {
  return db
    .insertInto('scans')
    .values({ system_id: scan.systemId, status: 'queued', options: JSON.stringify(scan.options), progress: '{}', summary: '{}', requested_by: scan.requestedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findScan(db: Executor, id: string): Promise<ScanRow | undefined> {
  return db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listScans(db: Executor, filter: { systemId?: string; limit: number }): Promise<ScanRow[]> {
  let query = db.selectFrom('scans').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
  if (filter.systemId) query = query.where('system_id', '=', filter.systemId);
  return query.execute();
}

export async function updateScan(db: Executor, id: string, changes: { status?: ScanRow['status']; progress?: unknown; summary?: unknown; error?: string | null; startedAt?: Date; finishedAt?: Date }): Promise<void> {
  await db
    .updateTable('scans')
    .set({
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.progress !== undefined ? { progress: JSON.stringify(changes.progress) } : {}),
      ...(changes.summary !== undefined ? { summary: JSON.stringify(changes.summary) } : {}),
      ...(changes.error !== undefined ? { error: changes.error } : {}),
      ...(changes.startedAt ? { started_at: changes.startedAt } : {}),
      ...(changes.finishedAt ? { finished_at: changes.finishedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function listScanTables(db: Executor, scanId: string): Promise<ScanTableRow[]> {
  return db.selectFrom('scan_tables').selectAll().where('scan_id', '=', scanId).orderBy('schema_name').orderBy('table_name').execute();
}

/**
 * Each table's fingerprint as of the newest completed scan that read it: what an incremental scan
 * compares with. (A quiet re-scan reads no table, so "the last scan" alone would forget them all.)
 */
export async function latestFingerprints(db: Executor, systemId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('scan_tables')
    .innerJoin('scans', 'scans.id', 'scan_tables.scan_id')
    .select(['scan_tables.schema_name', 'scan_tables.table_name', 'scan_tables.fingerprint'])
    .distinctOn(['scan_tables.schema_name', 'scan_tables.table_name'])
    .where('scans.system_id', '=', systemId)
    .where('scans.status', '=', 'completed')
    .where('scan_tables.error', 'is', null)
    .orderBy('scan_tables.schema_name')
    .orderBy('scan_tables.table_name')
    .orderBy('scans.created_at', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.schema_name ? `${r.schema_name}.${r.table_name}` : r.table_name, r.fingerprint]));
}

export async function recordScanTable(db: Executor, scanId: string, table: { schema: string; table: string; kind: string; rowEstimate: number | null; sampledRows: number; fingerprint: string; level: string | null; personalColumns: number; error: string | null }): Promise<void> {
  await db
    .insertInto('scan_tables')
    .values({
      scan_id: scanId,
      schema_name: table.schema,
      table_name: table.table,
      kind: table.kind,
      row_estimate: table.rowEstimate,
      sampled_rows: table.sampledRows,
      fingerprint: table.fingerprint,
      level: table.level,
      personal_columns: table.personalColumns,
      error: table.error,
    })
    .onConflict((oc) => oc.columns(['scan_id', 'schema_name', 'table_name']).doUpdateSet((eb) => ({ sampled_rows: eb.ref('excluded.sampled_rows'), level: eb.ref('excluded.level'), personal_columns: eb.ref('excluded.personal_columns'), error: eb.ref('excluded.error'), fingerprint: eb.ref('excluded.fingerprint') })))
    .execute();
}

/**
 * Writes what the scanner proposes for each column of a table. Only the scanner's columns are
 * touched: a person's decision (status, decided_*) survives every re-scan. Columns that are gone
 * from the table are marked removed.
 */
export async function upsertTableFindings(db: Executor, systemId: string, scanId: string, finding: TableFinding): Promise<void> {
  const now = new Date();
  const rows = finding.columns
    .filter((c) => c.entity)
    .map((c) => ({
      system_id: systemId,
      schema_name: finding.schema,
      table_name: finding.table,
      column_name: c.column,
      data_type: c.dataType,
      entity: c.entity,
      category: c.category,
      level: c.level,
      confidence: c.confidence,
      evidence: JSON.stringify(c.evidence),
      examples: JSON.stringify(c.examples),
      first_seen_scan: scanId,
      last_seen_scan: scanId,
      updated_at: now,
    }));
  if (rows.length) {
    await db
      .insertInto('findings')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['system_id', 'schema_name', 'table_name', 'column_name']).doUpdateSet((eb) => ({
          data_type: eb.ref('excluded.data_type'),
          entity: eb.ref('excluded.entity'),
          category: eb.ref('excluded.category'),
          level: eb.ref('excluded.level'),
          confidence: eb.ref('excluded.confidence'),
          evidence: eb.ref('excluded.evidence'),
          examples: eb.ref('excluded.examples'),
          last_seen_scan: eb.ref('excluded.last_seen_scan'),
          removed_at: null,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  const clean = finding.columns.filter((c) => !c.entity).map((c) => c.column);
  const present = finding.columns.map((c) => c.column);
  // A column the scanner no longer flags keeps its row (and any decision) with the proposal cleared.
  if (clean.length) {
    await db
      .updateTable('findings')
      .set({ entity: null, category: null, level: null, confidence: 0, examples: '[]', last_seen_scan: scanId, updated_at: now })
      .where('system_id', '=', systemId)
      .where('schema_name', '=', finding.schema)
      .where('table_name', '=', finding.table)
      .where('column_name', 'in', clean)
      .execute();
  }
  let gone = db.updateTable('findings').set({ removed_at: now, updated_at: now }).where('system_id', '=', systemId).where('schema_name', '=', finding.schema).where('table_name', '=', finding.table).where('removed_at', 'is', null);
  if (present.length) gone = gone.where('column_name', 'not in', present);
  await gone.execute();
}

export interface FindingFilter {
  id?: string;
  systemId?: string;
  schema?: string;
  table?: string;
  entity?: string;
  level?: string;
  status?: FindingRow['status'];
  minConfidence?: number;
  includeClean?: boolean;
  limit: number;
  offset: number;
}

/** The effective view of a finding: a confirmed decision's entity/category/level win over the scanner's. */
export async function searchFindings(db: Executor, filter: FindingFilter) {
  let query = db
    .selectFrom('findings')
    .innerJoin('systems', 'systems.id', 'findings.system_id')
    .selectAll('findings')
    .select(['systems.name as system_name'])
    .select(sql<string | null>`coalesce(findings.decided_entity, findings.entity)`.as('effective_entity'))
    .select(sql<string | null>`coalesce(findings.decided_category, findings.category)`.as('effective_category'))
    .select(sql<string | null>`coalesce(findings.decided_level, findings.level)`.as('effective_level'))
    .where('findings.removed_at', 'is', null)
    .orderBy('systems.name')
    .orderBy('findings.schema_name')
    .orderBy('findings.table_name')
    .orderBy('findings.column_name')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.id) query = query.where('findings.id', '=', filter.id);
  if (filter.systemId) query = query.where('findings.system_id', '=', filter.systemId);
  if (filter.schema) query = query.where('findings.schema_name', '=', filter.schema);
  if (filter.table) query = query.where('findings.table_name', '=', filter.table);
  if (filter.entity) query = query.where(sql<string>`coalesce(findings.decided_entity, findings.entity)`, '=', filter.entity);
  if (filter.level) query = query.where(sql<string>`coalesce(findings.decided_level, findings.level)`, '=', filter.level);
  if (filter.status) query = query.where('findings.status', '=', filter.status);
  if (filter.minConfidence !== undefined) query = query.where('findings.confidence', '>=', filter.minConfidence);
  if (!filter.includeClean) query = query.where((eb) => eb.or([eb('findings.entity', 'is not', null), eb('findings.decided_entity', 'is not', null)]));
  return query.execute();
}

export async function findFinding(db: Executor, id: string): Promise<FindingRow | undefined> {
  return db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function decideFinding(
  db: Executor,
  id: string,
  decision: { status: 'confirmed' | 'rejected' | 'proposed'; entity: string | null; category: string | null; level: string | null; note: string | null; decidedBy: string },
): Promise<FindingRow | undefined> {
  return db
    .updateTable('findings')
    .set({
      status: decision.status,
      decided_entity: decision.entity,
      decided_category: decision.category,
      decided_level: decision.level,
      decision_note: decision.note,
      decided_by: decision.status === 'proposed' ? null : decision.decidedBy,
      decided_at: decision.status === 'proposed' ? null : new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Per system and table: the highest effective level and how many personal-data columns. */
export async function heatmap(db: Executor) {
  return db
    .selectFrom('findings')
    .innerJoin('systems', 'systems.id', 'findings.system_id')
    .select(['systems.id as system_id', 'systems.name as system_name', 'findings.schema_name', 'findings.table_name'])
    .select(sql<string | null>`max(coalesce(findings.decided_level, findings.level))`.as('level'))
    .select(sql<number>`count(*)::int`.as('columns'))
    .where('findings.removed_at', 'is', null)
    .where('findings.status', '!=', 'rejected')
    .where((eb) => eb.or([eb('findings.entity', 'is not', null), eb('findings.decided_entity', 'is not', null)]))
    .groupBy(['systems.id', 'systems.name', 'findings.schema_name', 'findings.table_name'])
    .orderBy('systems.name')
    .orderBy('findings.schema_name')
    .orderBy('findings.table_name')
    .execute();
}
