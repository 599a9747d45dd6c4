import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import { CustosError } from '../lib/errors.js';
import type { Database } from './database.js';
import * as foundation from './migrations/2026_11_23_000001_foundation.js';
import * as discovery from './migrations/2026_11_23_000002_discovery.js';
import * as datamap from './migrations/2026_11_23_000003_datamap.js';
import * as dsr from './migrations/2026_11_23_000004_dsr.js';
import * as subjectFlags from './migrations/2026_11_23_000005_subject_flags.js';
import * as dsrReminders from './migrations/2026_11_23_000006_dsr_reminders.js';
import * as legalHolds from './migrations/2026_11_23_000008_legal_holds.js';

export const FOUNDATION_MIGRATION = '2026_11_23_000001_foundation';

/** Every migration, in order. Listed here (not read from disk) so the compiled build carries them. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_23_000001_foundation': foundation,
  '2026_11_23_000002_discovery': discovery,
  '2026_11_23_000003_datamap': datamap,
  '2026_11_23_000004_dsr': dsr,
  '2026_11_23_000005_subject_flags': subjectFlags,
  '2026_11_23_000006_dsr_reminders': dsrReminders,
  '2026_11_23_000008_legal_holds': legalHolds,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'custos_migrations', migrationLockTableName: 'custos_migrations_lock' });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new CustosError('MIGRATION_FAILED', `migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const migrations = await createMigrator(db).getMigrations();
  return {
    applied: migrations.filter((m) => m.executedAt).map((m) => m.name),
    pending: migrations.filter((m) => !m.executedAt).map((m) => m.name),
  };
}
