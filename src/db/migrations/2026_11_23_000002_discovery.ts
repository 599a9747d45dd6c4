import { sql, type Kysely } from 'kysely';

/**
 * Discovery: sealed connections for systems, scans with per-table progress (resume and
 * incremental re-scans read it), and findings per column, where a person's decision is kept
 * apart from what the scanner proposes so that re-scans never overwrite it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table systems add column connection_sealed text;

    create table scans (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references systems(id) on delete cascade,
      status text not null check (status in ('queued', 'running', 'completed', 'failed', 'cancelling', 'cancelled')),
      options jsonb not null default '{}'::jsonb,
      progress jsonb not null default '{}'::jsonb,
      summary jsonb not null default '{}'::jsonb,
      error text,
      requested_by text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    create index scans_system on scans(system_id, created_at desc);

    create table scan_tables (
      scan_id uuid not null references scans(id) on delete cascade,
      schema_name text not null,
      table_name text not null,
      kind text not null,
      row_estimate bigint,
      sampled_rows bigint not null default 0,
      fingerprint text not null,
      level text,
      personal_columns int not null default 0,
      error text,
      primary key (scan_id, schema_name, table_name)
    );

    create table findings (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references systems(id) on delete cascade,
      schema_name text not null,
      table_name text not null,
      column_name text not null,
      data_type text not null,
      entity text,
      category text,
      level text,
      confidence real not null default 0,
      evidence jsonb not null default '{}'::jsonb,
      examples jsonb not null default '[]'::jsonb,
      status text not null default 'proposed' check (status in ('proposed', 'confirmed', 'rejected')),
      decided_entity text,
      decided_category text,
      decided_level text,
      decision_note text,
      decided_by text,
      decided_at timestamptz,
      first_seen_scan uuid,
      last_seen_scan uuid,
      removed_at timestamptz,
      updated_at timestamptz not null default now(),
      unique (system_id, schema_name, table_name, column_name)
    );
    create index findings_system_level on findings(system_id, level);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the discovery migration cannot be rolled back');
}
