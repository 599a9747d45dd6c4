import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AuditCheckpointsTable, AuditEventsTable } from './audit.tables.js';
import type { AuditCheckpoint, AuditOutcome, ChainedAuditEvent } from './audit.types.js';

export interface AuditEventFilter {
  action?: string;
  actor?: string;
  targetType?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
}

export async function lockChainHead(tx: Executor) {
  return tx.selectFrom('audit_chain_head').select(['seq', 'hash', 'next_checkpoint']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

/** The newest event and the head, read in one statement (one snapshot), to spot rows added past the head. */
export async function findChainExtent(db: Executor): Promise<{ maxSeq: number; headSeq: number }> {
  const row = await sql<{ max_seq: number | null; head_seq: number }>`select (select max(seq) from audit_events) as max_seq, (select seq from audit_chain_head where id = 1) as head_seq`.execute(db);
  return { maxSeq: Number(row.rows[0]?.max_seq ?? 0), headSeq: Number(row.rows[0]?.head_seq ?? 0) };
}

export async function findChainHead(db: Executor) {
  return db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
}

/**
 * Inserts the event, its checkpoint when one is due, and moves the chain head, in one statement
 * (data-modifying CTEs): appends are on every write path, so round trips count.
 */
export async function appendEvent(tx: Executor, event: ChainedAuditEvent, checkpoint: AuditCheckpoint | undefined, nextCheckpoint: number): Promise<void> {
  let query = tx.with('event', (db) => db.insertInto('audit_events').values(eventRow(event)));
  if (checkpoint) query = query.with('checkpoint', (db) => db.insertInto('audit_checkpoints').values(checkpointRow(checkpoint))) as unknown as typeof query;
  await query.updateTable('audit_chain_head').set({ seq: event.seq, hash: event.hash, next_checkpoint: nextCheckpoint }).where('id', '=', 1).execute();
}

function eventRow(event: ChainedAuditEvent) {
  return {
    seq: event.seq,
    id: event.id,
    occurred_at: new Date(event.occurredAt),
    actor_type: event.actor.type,
    actor_id: event.actor.id,
    actor_name: event.actor.name,
    actor_role: event.actor.role,
    action: event.action,
    target_type: event.target.type,
    target_id: event.target.id,
    purpose: event.purpose,
    request_id: event.requestId,
    outcome: event.outcome,
    details: JSON.stringify(event.details),
    prev_hash: event.prevHash,
    hash: event.hash,
  };
}

function checkpointRow(checkpoint: AuditCheckpoint) {
  return {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    every: checkpoint.every,
    key_id: checkpoint.keyId,
    signature: checkpoint.signature,
    signed_at: new Date(checkpoint.signedAt),
  };
}

export async function findLatestCheckpoint(db: Executor): Promise<AuditCheckpoint | undefined> {
  const row = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

export async function findCheckpoint(db: Executor, seq: number): Promise<AuditCheckpoint | undefined> {
  const row = await db.selectFrom('audit_checkpoints').selectAll().where('seq', '=', seq).executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

export async function listCheckpoints(db: Executor): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return rows.map(toCheckpoint);
}

/** One page of the chain in seq order, for verification and export (keyset pagination). */
export async function listEventsAfter(db: Executor, afterSeq: number, limit: number): Promise<ChainedAuditEvent[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map(toEvent);
}

export async function searchEvents(db: Executor, filter: AuditEventFilter): Promise<ChainedAuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(filter.limit);
  if (filter.action) query = query.where((eb) => eb.or([eb('action', '=', filter.action!), eb('action', 'like', `${escapeLike(filter.action!)}.%`)]));
  if (filter.actor) query = query.where(sql<boolean>`coalesce(actor_name, '') ilike ${`%${escapeLike(filter.actor)}%`}`);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<=', filter.to);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return (await query.execute()).map(toEvent);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toEvent(row: Selectable<AuditEventsTable>): ChainedAuditEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: { type: row.actor_type as ChainedAuditEvent['actor']['type'], id: row.actor_id, name: row.actor_name, role: row.actor_role },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    purpose: row.purpose,
    requestId: row.request_id,
    outcome: row.outcome as AuditOutcome,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toCheckpoint(row: Selectable<AuditCheckpointsTable>): AuditCheckpoint {
  return { seq: Number(row.seq), hash: row.hash, every: row.every, keyId: row.key_id, signature: row.signature, signedAt: row.signed_at.toISOString() };
}
