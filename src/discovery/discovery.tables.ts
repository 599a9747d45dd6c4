import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface ScansTable {
  id: Generated<string>;
  system_id: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelling' | 'cancelled';
  options: Json<Record<string, unknown>>;
  progress: Json<Record<string, unknown>>;
  summary: Json<Record<string, unknown>>;
  error: string | null;
  requested_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ScanTablesTable {
  scan_id: string;
  schema_name: string;
  table_name: string;
  kind: string;
  row_estimate: number | null;
  sampled_rows: number;
  fingerprint: string;
  level: string | null;
  personal_columns: number;
  error: string | null;
}

export interface FindingsTable {
  id: Generated<string>;
  system_id: string;
  schema_name: string;
  table_name: string;
  column_name: string;
  data_type: string;
  entity: string | null;
  category: string | null;
  level: string | null;
  confidence: number;
  evidence: Json<Record<string, unknown>>;
  examples: Json<string[]>;
  status: Generated<'proposed' | 'confirmed' | 'rejected'>;
  decided_entity: string | null;
  decided_category: string | null;
  decided_level: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  first_seen_scan: string | null;
  last_seen_scan: string | null;
  removed_at: Date | null;
  updated_at: Generated<Date>;
  /** 'code' when a manifest declared the field; a scanner proposal otherwise (a person's decision is `status`). */
  origin: Generated<'scanner' | 'code'>;
  /** Declared identity kind (email, phone_number, account_id …) when this field identifies a data subject. */
  identity: string | null;
}

export interface DiscoveryTables {
  scans: ScansTable;
  scan_tables: ScanTablesTable;
  findings: FindingsTable;
}
