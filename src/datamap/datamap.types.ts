/** What the data map hands out: plain objects, ISO dates, no database rows. */
import type { ActivityRow, DriftRow, ReferenceRow } from './datamap.repository.js';
import type { ActivityFields } from './datamap.schemas.js';

export interface Activity extends Omit<ActivityFields, 'controller' | 'retention'> {
  id: string;
  controller: ActivityFields['controller'] | null;
  retention: ActivityFields['retention'];
  reviewRequired: boolean;
  reviewReasons: string[];
  origin: 'console' | 'code';
  createdAt: string;
  updatedAt: string;
}

export function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    role: row.role,
    controller: (row.controller as Activity['controller']) ?? null,
    dataUses: row.data_uses,
    dataCategories: row.data_categories,
    dataSubjects: row.data_subjects,
    legalBases: row.legal_bases as Activity['legalBases'],
    retention: (row.retention as Activity['retention']) ?? null,
    recipients: row.recipients as Activity['recipients'],
    transfers: row.transfers as Activity['transfers'],
    systems: row.systems,
    dpia: row.dpia as Activity['dpia'],
    reviewRequired: row.review_required,
    reviewReasons: row.review_reasons,
    origin: row.origin,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface Reference {
  id: string;
  from: { system: string; schema: string; table: string; columns: string[] };
  to: { system: string; schema: string; table: string; columns: string[] };
  origin: ReferenceRow['origin'];
  confidence: number;
  status: ReferenceRow['status'];
  evidence: Record<string, unknown>;
  note: string | null;
}

export function toReference(row: ReferenceRow, systemNames: Map<string, string>): Reference {
  return {
    id: row.id,
    from: { system: systemNames.get(row.from_system_id) ?? row.from_system_id, schema: row.from_schema, table: row.from_table, columns: row.from_columns },
    to: { system: systemNames.get(row.to_system_id) ?? row.to_system_id, schema: row.to_schema, table: row.to_table, columns: row.to_columns },
    origin: row.origin,
    confidence: row.confidence,
    status: row.status,
    evidence: row.evidence,
    note: row.note,
  };
}

export interface Drift {
  id: string;
  systemId: string;
  system: string;
  scanId: string | null;
  kind: DriftRow['kind'];
  schema: string;
  table: string;
  column: string | null;
  category: string | null;
  previousCategory: string | null;
  level: string | null;
  affectedActivities: string[];
  status: DriftRow['status'];
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export function toDrift(row: DriftRow & { system_name: string }): Drift {
  return {
    id: row.id,
    systemId: row.system_id,
    system: row.system_name,
    scanId: row.scan_id,
    kind: row.kind,
    schema: row.schema_name,
    table: row.table_name,
    column: row.column_name,
    category: row.category,
    previousCategory: row.previous_category,
    level: row.level,
    affectedActivities: row.affected_activities,
    status: row.status,
    resolutionNote: row.resolution_note,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** A system as the data map records it. */
export interface MapSystem {
  id: string;
  name: string;
  description: string;
  kind: string;
  engine: string;
  connection: string;
  scannable: boolean;
  owner: string | null;
  department: string | null;
  hostingRegion: string | null;
  hostingCountry: string | null;
  role: 'controller' | 'processor' | 'joint_controller';
  securityMeasures: string[];
  reviewRequired: boolean;
}

export interface MapTable {
  systemId: string;
  system: string;
  schema: string;
  table: string;
  kind: string;
  rowEstimate: number | null;
  primaryKey: string[];
  columns: { name: string; dataType: string; kind: string }[];
  origin: 'scanner' | 'code';
}

/** Where a field's category comes from: the scanner's proposal, a person's decision, or a manifest. */
export type Provenance = 'scanner' | 'human' | 'code';

export interface MapField {
  id: string;
  systemId: string;
  system: string;
  schema: string;
  table: string;
  column: string;
  dataType: string;
  entity: string | null;
  category: string | null;
  level: string | null;
  confidence: number;
  provenance: Provenance;
  /** Identity kind (email, phone_number, account_id …) when the field identifies a data subject. */
  identity: string | null;
  /** Personal data found inside free text or JSON: the column holds it, but it does not identify a row. */
  freeText: boolean;
}

export interface TaxonomyExtensionEntry {
  kind: 'data_category' | 'data_use' | 'data_subject';
  key: string;
  parent: string | null;
  name: string;
  description: string;
}

/** Everything the map holds, in one plain object: what manifests, the CI gate and reports read. */
export interface MapState {
  organisation: import('./datamap.schemas.js').Organisation | null;
  systems: MapSystem[];
  tables: MapTable[];
  fields: MapField[];
  references: Reference[];
  activities: Activity[];
  taxonomy: TaxonomyExtensionEntry[];
}
