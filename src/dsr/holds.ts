/**
 * Legal holds: data that must not be erased while a matter is open (litigation, an investigation,
 * an authority's order). A hold covers a system, a table, a data category, or one subject (found
 * by an identity's keyed hash; the value is never stored). The erasure plan keeps what a hold
 * covers and gives the hold's reason, which the response to the subject repeats. Holds are
 * released, never deleted, and every change is audited.
 */
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { tableKey } from '../datamap/graph/keys.js';
import { CustosError } from '../lib/errors.js';
import type { PlanHold } from './engine/index.js';
import { IdentitySchema } from './dsr.schemas.js';
import type { LegalHoldsTable } from './dsr.tables.js';

const Reason = z.string().trim().min(3, 'say why the data must be kept').max(2000);
const Matter = z.string().trim().max(200).optional();

export const HoldInputSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('system'), system: z.string().trim().min(1).max(200), reason: Reason, matter: Matter }).strict(),
  z.object({ scope: z.literal('table'), system: z.string().trim().min(1).max(200), schema: z.string().max(200).default(''), table: z.string().trim().min(1).max(200), reason: Reason, matter: Matter }).strict(),
  z.object({ scope: z.literal('category'), category: z.string().trim().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'a data category key, e.g. user.financial'), reason: Reason, matter: Matter }).strict(),
  z.object({ scope: z.literal('subject'), identity: IdentitySchema, reason: Reason, matter: Matter }).strict(),
]);
export type HoldInput = z.input<typeof HoldInputSchema>;

export interface LegalHold {
  id: string;
  scope: LegalHoldsTable['scope'];
  system: string | null;
  schema: string | null;
  table: string | null;
  category: string | null;
  /** A subject hold names no one: it says only that it is on a subject. */
  subject: boolean;
  reason: string;
  matter: string | null;
  createdBy: string;
  createdAt: string;
  releasedAt: string | null;
  releasedBy: string | null;
}

export interface HoldsDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record'>;
  /** The keyed hash the subject requests use for identities (`DsrService.hashOf`). */
  hashOf(kind: string, value: string): string;
}

export type HoldsService = ReturnType<typeof createHoldsService>;

function view(row: Selectable<LegalHoldsTable>): LegalHold {
  return {
    id: row.id,
    scope: row.scope,
    system: row.system_name,
    schema: row.schema_name,
    table: row.table_name,
    category: row.category,
    subject: row.scope === 'subject',
    reason: row.reason,
    matter: row.matter,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    releasedAt: row.released_at?.toISOString() ?? null,
    releasedBy: row.released_by,
  };
}

export function createHoldsService({ db, audit, hashOf }: HoldsDeps) {
  async function add(context: AuditContext, input: unknown): Promise<LegalHold> {
    const parsed = HoldInputSchema.safeParse(input);
    if (!parsed.success) throw new CustosError('VALIDATION_FAILED', 'the hold is invalid', { details: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'scope', message: i.message })) });
    const hold = parsed.data;
    const row = await db.transaction().execute(async (tx) => {
      const created = await tx
        .insertInto('legal_holds')
        .values({
          scope: hold.scope,
          system_name: hold.scope === 'system' || hold.scope === 'table' ? hold.system : null,
          schema_name: hold.scope === 'table' ? hold.schema : null,
          table_name: hold.scope === 'table' ? hold.table : null,
          category: hold.scope === 'category' ? hold.category : null,
          identity_hash: hold.scope === 'subject' ? hashOf(hold.identity.kind, hold.identity.value) : null,
          reason: hold.reason,
          matter: hold.matter ?? null,
          created_by: context.actor.name ?? 'unknown',
          released_at: null,
          released_by: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(tx, context, { action: 'hold.add', target: { type: 'legal_hold', id: created.id }, details: { scope: hold.scope, ...(hold.matter ? { matter: hold.matter } : {}) } });
      return created;
    });
    return view(row);
  }

  async function release(context: AuditContext, id: string): Promise<LegalHold> {
    const row = await db.transaction().execute(async (tx) => {
      const released = await tx.updateTable('legal_holds').set({ released_at: new Date(), released_by: context.actor.name }).where('id', '=', id).where('released_at', 'is', null).returningAll().executeTakeFirst();
      if (!released) throw new CustosError('NOT_FOUND', `no active legal hold ${id}`);
      await audit.record(tx, context, { action: 'hold.release', target: { type: 'legal_hold', id }, details: { scope: released.scope } });
      return released;
    });
    return view(row);
  }

  async function list(filter: { all?: boolean } = {}): Promise<LegalHold[]> {
    let query = db.selectFrom('legal_holds').selectAll().orderBy('created_at', 'desc');
    if (!filter.all) query = query.where('released_at', 'is', null);
    return (await query.execute()).map(view);
  }

  /** The holds in force for a request whose identities have these keyed hashes, as the plan compiler takes them. */
  async function forPlan(identityHashes: string[]): Promise<PlanHold[]> {
    const rows = await db.selectFrom('legal_holds').selectAll().where('released_at', 'is', null).execute();
    return rows.flatMap((h): PlanHold[] => {
      const reason = h.matter ? `${h.reason} (${h.matter})` : h.reason;
      if (h.scope === 'subject') return identityHashes.includes(h.identity_hash!) ? [{ all: true, reason }] : [];
      if (h.scope === 'system') return [{ system: h.system_name!, reason }];
      if (h.scope === 'table') return [{ table: tableKey({ system: h.system_name!, schema: h.schema_name ?? '', table: h.table_name! }), reason }];
      return [{ category: h.category!, reason }];
    });
  }

  return { add, release, list, forPlan };
}
