import type { Kysely, Selectable } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { SecretBox } from '../keys/secret-box.js';
import { CustosError } from '../lib/errors.js';
import type { SystemsTable } from './systems.tables.js';

export interface ConnectedSystem {
  id: string;
  name: string;
  description: string;
  engine: string;
  connection: string;
  /** Whether Custos holds a connection it can scan (the connection itself is never shown). */
  scannable: boolean;
  origin: string;
  createdAt: string;
  updatedAt: string;
  tables?: number;
  rows?: number;
}

export type SystemsService = ReturnType<typeof createSystemsService>;

export interface SystemInput {
  name: string;
  description: string;
  engine: string;
  /** What to show: where the system is, with no password. */
  connection: string;
  /** The full target (URL with credentials, or a path) the scanner opens; sealed at rest. */
  target?: string;
  origin: string;
  stats?: Record<string, unknown>;
}

export function createSystemsService({ db, audit, secrets }: { db: Kysely<Database>; audit: Pick<AuditService, 'record'>; secrets: SecretBox }) {
  /** The sealed target is bound to its system's id, so it cannot be moved to another system. */
  const sealFor = (id: string, target: string) => secrets.seal(target, `system:${id}`);

  /** Registers a system, or updates the one with the same name (re-provisioning the demo). */
  async function upsertSystem(context: AuditContext, input: SystemInput, options: { ifExists?: 'replace' | 'fail' } = {}): Promise<ConnectedSystem> {
    return db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('systems').select('id').where('name', '=', input.name).executeTakeFirst();
      if (existing && options.ifExists === 'fail') {
        throw new CustosError('CONFLICT', `a system named ${input.name} is already registered; choose another name`, { details: [{ field: 'name', message: 'already registered' }] });
      }
      const id = existing?.id ?? randomUUID();
      const values = {
        description: input.description,
        engine: input.engine,
        connection: input.connection,
        ...(input.target ? { connection_sealed: sealFor(id, input.target) } : {}),
        origin: input.origin,
        stats: JSON.stringify(input.stats ?? {}),
        updated_at: new Date(),
      };
      const row = existing
        ? await tx.updateTable('systems').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
        : await tx.insertInto('systems').values({ id, name: input.name, ...values }).returningAll().executeTakeFirstOrThrow();
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

  async function findSystem(id: string): Promise<ConnectedSystem | undefined> {
    const row = await db.selectFrom('systems').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSystem(row) : undefined;
  }

  /** The target to open for scanning. Server-side only: never returned by the API or logged. */
  async function openTarget(id: string): Promise<string> {
    const row = await db.selectFrom('systems').select(['connection_sealed', 'name']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new CustosError('NOT_FOUND', `no system with id ${id}`);
    if (!row.connection_sealed) throw new CustosError('CONFLICT', `system ${row.name} has no connection to scan; register it with a URL or path`);
    return secrets.open(row.connection_sealed, `system:${id}`);
  }

  return { upsertSystem, listSystems, findSystemByName, findSystem, openTarget };
}

function toSystem(row: Selectable<SystemsTable>): ConnectedSystem {
  const stats = row.stats as { tables?: number; rows?: number };
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    engine: row.engine,
    connection: row.connection,
    scannable: row.connection_sealed !== null,
    origin: row.origin,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(typeof stats.tables === 'number' ? { tables: stats.tables } : {}),
    ...(typeof stats.rows === 'number' ? { rows: stats.rows } : {}),
  };
}
