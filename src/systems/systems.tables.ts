import type { ColumnType, Generated } from 'kysely';

export interface SystemsTable {
  id: Generated<string>;
  name: string;
  description: string;
  engine: string;
  /** Where the system is, with any password removed; secrets get their own sealed column later. */
  connection: string;
  /** The full connection string, sealed with the secret key (src/keys); never returned by the API. */
  connection_sealed: string | null;
  origin: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Date;
  stats: ColumnType<Record<string, unknown>, string, string>;
  kind: Generated<string>;
  owner: string | null;
  department: string | null;
  hosting_region: string | null;
  hosting_country: string | null;
  role: Generated<'controller' | 'processor' | 'joint_controller'>;
  security_measures: ColumnType<string[], string | undefined, string>;
  review_required: Generated<boolean>;
}

export interface SystemsTables {
  systems: SystemsTable;
}
