import type { ColumnType } from 'kysely';

export interface AuditEventsTable {
  seq: number;
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  purpose: string | null;
  request_id: string | null;
  outcome: string;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

/** One row (id = 1): the newest event's seq and hash. Locking it serialises appends. */
export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** Where the next signed checkpoint is due (scheduling only; verify does not trust it). */
  next_checkpoint: number;
}

export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  every: number;
  key_id: string;
  signature: string;
  signed_at: Date;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
}
