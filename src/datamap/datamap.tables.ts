import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type Created = ColumnType<Date, Date | undefined, never>;

export interface MapColumn {
  name: string;
  dataType: string;
  kind: string;
}

export interface MapTablesTable {
  system_id: string;
  schema_name: string;
  table_name: string;
  kind: string;
  row_estimate: number | null;
  primary_key: Json<string[]>;
  /** Every column with its type (personal or not): keys and references need the clean ones too. */
  columns: Json<MapColumn[]>;
  origin: Generated<'scanner' | 'code'>;
  first_seen_at: Created;
  last_seen_at: Generated<Date>;
  removed_at: Date | null;
}

export interface MapReferencesTable {
  id: Generated<string>;
  from_system_id: string;
  from_schema: string;
  from_table: string;
  from_columns: Json<string[]>;
  to_system_id: string;
  to_schema: string;
  to_table: string;
  to_columns: Json<string[]>;
  origin: 'introspected' | 'declared' | 'inferred';
  confidence: number;
  evidence: Json<Record<string, unknown>>;
  status: Generated<'active' | 'rejected'>;
  note: string | null;
  created_at: Created;
  updated_at: Generated<Date>;
}

export interface TaxonomyEntriesTable {
  key: string;
  kind: 'data_category' | 'data_use' | 'data_subject';
  parent: string | null;
  name: string;
  description: string;
  created_at: Created;
}

export interface ProcessingActivitiesTable {
  id: Generated<string>;
  key: string;
  name: string;
  description: string;
  role: 'controller' | 'processor' | 'joint_controller';
  controller: Json<Record<string, unknown> | null>;
  data_uses: Json<string[]>;
  data_categories: Json<string[]>;
  data_subjects: Json<string[]>;
  legal_bases: Json<unknown[]>;
  retention: Json<Record<string, unknown> | null>;
  recipients: Json<unknown[]>;
  transfers: Json<unknown[]>;
  systems: Json<string[]>;
  dpia: Json<Record<string, unknown>>;
  review_required: Generated<boolean>;
  review_reasons: Json<string[]>;
  origin: 'console' | 'code';
  created_at: Created;
  updated_at: Generated<Date>;
}

export interface DriftFindingsTable {
  id: Generated<string>;
  system_id: string;
  scan_id: string | null;
  kind: 'new_table' | 'new_personal_column' | 'new_category' | 'category_changed' | 'table_removed';
  schema_name: string;
  table_name: string;
  column_name: string | null;
  category: string | null;
  previous_category: string | null;
  level: string | null;
  affected_activities: Json<string[]>;
  status: Generated<'open' | 'acknowledged' | 'resolved'>;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Created;
}

export interface NotificationsTable {
  id: Generated<string>;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Created;
  read_at: Date | null;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

export interface DatamapTables {
  map_tables: MapTablesTable;
  map_references: MapReferencesTable;
  taxonomy_entries: TaxonomyEntriesTable;
  processing_activities: ProcessingActivitiesTable;
  drift_findings: DriftFindingsTable;
  notifications: NotificationsTable;
  settings: SettingsTable;
}
