import type { Kysely, Selectable } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import { randomUUID } from 'node:crypto';
import type { Database, Executor } from '../db/database.js';
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
  /** What the data map records about the system (GDPR Art. 30: who, where, which measures). */
  kind: string;
  owner: string | null;
  department: string | null;
  hostingRegion: string | null;
  hostingCountry: string | null;
  role: 'controller' | 'processor' | 'joint_controller';
  securityMeasures: string[];
  reviewRequired: boolean;
}

export interface SystemDetailsInput {
  description?: string | undefined;
  kind?: string | undefined;
  owner?: string | null | undefined;
  department?: string | null | undefined;
  hostingRegion?: string | null | undefined;
  hostingCountry?: string | null | undefined;
  role?: 'controller' | 'processor' | 'joint_controller' | undefined;
  securityMeasures?: string[] | undefined;
  reviewRequired?: boolean | undefined;
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

  /** Owner, hosting, role and security measures: the record-of-processing facts about a system. */
  async function updateDetails(context: AuditContext, id: string, details: SystemDetailsInput, tx?: Executor): Promise<ConnectedSystem> {
    const run = async (t: Executor) => {
      const changes = {
        ...(details.description !== undefined ? { description: details.description } : {}),
        ...(details.kind !== undefined ? { kind: details.kind } : {}),
        ...(details.owner !== undefined ? { owner: details.owner } : {}),
        ...(details.department !== undefined ? { department: details.department } : {}),
        ...(details.hostingRegion !== undefined ? { hosting_region: details.hostingRegion } : {}),
        ...(details.hostingCountry !== undefined ? { hosting_country: details.hostingCountry } : {}),
        ...(details.role !== undefined ? { role: details.role } : {}),
        ...(details.securityMeasures !== undefined ? { security_measures: JSON.stringify(details.securityMeasures) } : {}),
        ...(details.reviewRequired !== undefined ? { review_required: details.reviewRequired } : {}),
        updated_at: new Date(),
      };
      const row = await t.updateTable('systems').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw new CustosError('NOT_FOUND', `no system with id ${id}`);
      await audit.record(t, context, { action: 'system.update', target: { type: 'system', id }, details: { name: row.name, fields: Object.keys(details) } });
      return toSystem(row);
    };
    return tx ? run(tx) : db.transaction().execute(run);
  }

  return { upsertSystem, listSystems, findSystemByName, findSystem, openTarget, updateDetails };
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
    kind: row.kind,
    owner: row.owner,
    department: row.department,
    hostingRegion: row.hosting_region,
    hostingCountry: row.hosting_country,
    role: row.role,
    securityMeasures: row.security_measures,
    reviewRequired: row.review_required,
  };
}
