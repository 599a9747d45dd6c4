import type { Kysely, Selectable } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import type { SystemsTable } from './systems.tables.js';

export interface ConnectedSystem {
  id: string;
  name: string;
  description: string;
  engine: string;
  connection: string;
  origin: string;
  createdAt: string;
  updatedAt: string;
  tables?: number;
  rows?: number;
}

export type SystemsService = ReturnType<typeof createSystemsService>;

export function createSystemsService({ db, audit }: { db: Kysely<Database>; audit: Pick<AuditService, 'record'> }) {
  /** Registers a system, or updates the one with the same name (re-provisioning the demo). */
  async function upsertSystem(
    context: AuditContext,
    input: { name: string; description: string; engine: string; connection: string; origin: string; stats?: Record<string, unknown> },
  ): Promise<ConnectedSystem> {
    return db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('systems').select('id').where('name', '=', input.name).executeTakeFirst();
      const values = { description: input.description, engine: input.engine, connection: input.connection, origin: input.origin, stats: JSON.stringify(input.stats ?? {}), updated_at: new Date() };
      const row = existing
        ? await tx.updateTable('systems').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
        : await tx.insertInto('systems').values({ name: input.name, ...values }).returningAll().executeTakeFirstOrThrow();
      await audit.record(tx, context, {
        action: existing ? 'system.update' : 'system.register',
        target: { type: 'system', id: row.id },
        details: { name: input.name, engine: input.engine, origin: input.origin },
      });
      return toSystem(row);
    });
  }

  async function listSystems(): Promise<ConnectedSystem[]> {
    return (await db.selectFrom('systems').selectAll().orderBy('name').execute()).map(toSystem);
  }

  async function findSystemByName(name: string): Promise<ConnectedSystem | undefined> {
    const row = await db.selectFrom('systems').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toSystem(row) : undefined;
  }

  return { upsertSystem, listSystems, findSystemByName };
}

function toSystem(row: Selectable<SystemsTable>): ConnectedSystem {
  const stats = row.stats as { tables?: number; rows?: number };
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    engine: row.engine,
    connection: row.connection,
    origin: row.origin,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(typeof stats.tables === 'number' ? { tables: stats.tables } : {}),
    ...(typeof stats.rows === 'number' ? { rows: stats.rows } : {}),
  };
}
