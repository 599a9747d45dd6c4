import type { Kysely, Transaction } from 'kysely';
import type { AuditTables } from '../audit/audit.tables.js';
import type { DatamapTables } from '../datamap/datamap.tables.js';
import type { DiscoveryTables } from '../discovery/discovery.tables.js';
import type { DsrTables } from '../dsr/dsr.tables.js';
import type { IdentityTables } from '../identity/identity.tables.js';
import type { JobsTables } from '../jobs/jobs.tables.js';
import type { SystemsTables } from '../systems/systems.tables.js';

/** Custos's own tables, assembled from each domain's table file. */
export interface Database extends IdentityTables, AuditTables, SystemsTables, JobsTables, DiscoveryTables, DatamapTables, DsrTables {}

/** What repositories take as their first argument: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
