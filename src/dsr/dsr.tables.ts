import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type Created = ColumnType<Date, Date | undefined, never>;

export const REQUEST_TYPES = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'opt_out', 'consent_withdrawal'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_STATUSES = ['received', 'verifying', 'verified', 'running', 'completed', 'rejected', 'failed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestChannel = 'api' | 'staff' | 'portal' | 'cli';

export interface DsrRequestsTable {
  id: Generated<string>;
  type: RequestType;
  status: RequestStatus;
  jurisdiction: string;
  subject_country: string | null;
  channel: RequestChannel;
  agent: Json<Record<string, unknown> | null>;
  details: Json<Record<string, unknown>>;
  received_at: ColumnType<Date, Date | undefined, Date>;
  verified_at: Date | null;
  verification_method: string | null;
  due_at: Date;
  extended_due_at: Date | null;
  extension_reason: string | null;
  paused_days: Generated<number>;
  result: Json<Record<string, unknown> | null>;
  created_by: string | null;
  completed_at: Date | null;
  updated_at: Generated<Date>;
}

export interface DsrIdentitiesTable {
  request_id: string;
  kind: string;
  value_sealed: string;
  value_hash: string;
}

export interface DsrEventsTable {
  id: Generated<string>;
  request_id: string;
  at: Created;
  kind: string;
  actor: string | null;
  details: Json<Record<string, unknown>>;
}

export interface DsrVerificationsTable {
  request_id: string;
  channel: string;
  address_hash: string;
  code_hash: string;
  expires_at: Date;
  attempts: Generated<number>;
  max_attempts: number;
  sent_at: ColumnType<Date, Date | undefined, Date>;
  verified_at: Date | null;
}

export interface DsrStepsTable {
  request_id: string;
  step_id: string;
  system: string;
  status: 'done' | 'failed';
  result: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export interface DsrTasksTable {
  id: Generated<string>;
  request_id: string;
  system_id: string | null;
  system_name: string;
  owner: string | null;
  due_at: Date;
  status: Generated<'open' | 'done' | 'justified'>;
  note: string | null;
  updated_at: Generated<Date>;
}

export interface DsrSubjectFlagsTable {
  identity_hash: string;
  kind: 'restriction' | 'objection' | 'opt_out' | 'consent_withdrawal';
  scope: Generated<string>;
  request_id: string | null;
  since: Created;
  lifted_at: Date | null;
}

export interface DsrRemindersTable {
  request_id: string;
  kind: 'due_soon' | 'overdue';
  sent_at: Created;
}

export interface LegalHoldsTable {
  id: Generated<string>;
  scope: 'system' | 'table' | 'category' | 'subject';
  system_name: string | null;
  schema_name: string | null;
  table_name: string | null;
  category: string | null;
  identity_hash: string | null;
  reason: string;
  matter: string | null;
  created_by: string;
  created_at: Created;
  released_at: Date | null;
  released_by: string | null;
}

export interface DsrTables {
  legal_holds: LegalHoldsTable;
  dsr_reminders: DsrRemindersTable;
  dsr_subject_flags: DsrSubjectFlagsTable;
  dsr_requests: DsrRequestsTable;
  dsr_identities: DsrIdentitiesTable;
  dsr_events: DsrEventsTable;
  dsr_verifications: DsrVerificationsTable;
  dsr_steps: DsrStepsTable;
  dsr_tasks: DsrTasksTable;
}
