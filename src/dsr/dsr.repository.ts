/** Data access for subject requests; the executor is the first argument, the service decides. */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { DsrRequestsTable, RequestStatus } from './dsr.tables.js';

export type RequestRow = Selectable<DsrRequestsTable>;
const json = (value: unknown) => JSON.stringify(value);

export async function insertRequest(db: Executor, row: Omit<RequestRow, 'id' | 'paused_days' | 'updated_at' | 'verified_at' | 'verification_method' | 'extended_due_at' | 'extension_reason' | 'result' | 'completed_at'>): Promise<RequestRow> {
  return db
    .insertInto('dsr_requests')
    .values({ ...row, agent: json(row.agent), details: json(row.details), result: json(null) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertIdentity(db: Executor, identity: { requestId: string; kind: string; sealed: string; hash: string }): Promise<void> {
  await db.insertInto('dsr_identities').values({ request_id: identity.requestId, kind: identity.kind, value_sealed: identity.sealed, value_hash: identity.hash }).onConflict((oc) => oc.doNothing()).execute();
}

export async function listIdentities(db: Executor, requestId: string) {
  return db.selectFrom('dsr_identities').selectAll().where('request_id', '=', requestId).orderBy('kind').execute();
}

export async function findRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('dsr_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequest(db: Executor, id: string, changes: Partial<Pick<RequestRow, 'status' | 'verified_at' | 'verification_method' | 'due_at' | 'extended_due_at' | 'extension_reason' | 'paused_days' | 'completed_at'>> & { result?: Record<string, unknown> | null }): Promise<RequestRow> {
  const { result, ...rest } = changes;
  return db
    .updateTable('dsr_requests')
    .set({ ...rest, ...(result !== undefined ? { result: json(result) } : {}), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listRequests(db: Executor, filter: { status?: RequestStatus | 'open' | 'overdue'; limit: number; now: Date }) {
  let query = db.selectFrom('dsr_requests').selectAll().orderBy('due_at').limit(filter.limit);
  const closed: RequestStatus[] = ['completed', 'rejected', 'cancelled'];
  if (filter.status === 'open') query = query.where('status', 'not in', closed);
  else if (filter.status === 'overdue') query = query.where('status', 'not in', closed).where((eb) => eb(eb.fn.coalesce('extended_due_at', 'due_at'), '<', filter.now));
  else if (filter.status) query = query.where('status', '=', filter.status);
  return query.execute();
}

export async function addEvent(db: Executor, event: { requestId: string; kind: string; actor: string | null; details?: Record<string, unknown> }): Promise<void> {
  await db.insertInto('dsr_events').values({ request_id: event.requestId, kind: event.kind, actor: event.actor, details: json(event.details ?? {}) }).execute();
}

export async function listEvents(db: Executor, requestId: string) {
  return db.selectFrom('dsr_events').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}
