import { sql, type Kysely } from 'kysely';

/**
 * The data map: what each system is (owner, hosting, role), the tables introspection found, the
 * references between them (declared by the database, by people or inferred with evidence),
 * user extensions of the taxonomy, processing activities (records of processing), drift found
 * by re-scans, notifications, and the organisation's details the reports print.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table systems
      add column kind text not null default 'database',
      add column owner text,
      add column department text,
      add column hosting_region text,
      add column hosting_country text,
      add column role text not null default 'controller' check (role in ('controller', 'processor', 'joint_controller')),
      add column security_measures jsonb not null default '[]'::jsonb,
      add column review_required boolean not null default false;

    alter table findings
      add column origin text not null default 'scanner' check (origin in ('scanner', 'code')),
      add column identity text;

    create table map_tables (
      system_id uuid not null references systems(id) on delete cascade,
      schema_name text not null,
      table_name text not null,
      kind text not null,
      row_estimate bigint,
      primary_key jsonb not null default '[]'::jsonb,
      columns jsonb not null default '[]'::jsonb,
      origin text not null default 'scanner' check (origin in ('scanner', 'code')),
      first_seen_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      removed_at timestamptz,
      primary key (system_id, schema_name, table_name)
    );

    create table map_references (
      id uuid primary key default gen_random_uuid(),
      from_system_id uuid not null references systems(id) on delete cascade,
      from_schema text not null,
      from_table text not null,
      from_columns jsonb not null,
      to_system_id uuid not null references systems(id) on delete cascade,
      to_schema text not null,
      to_table text not null,
      to_columns jsonb not null,
      origin text not null check (origin in ('introspected', 'declared', 'inferred')),
      confidence real not null default 1,
      evidence jsonb not null default '{}'::jsonb,
      status text not null default 'active' check (status in ('active', 'rejected')),
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (from_system_id, from_schema, from_table, from_columns, to_system_id, to_schema, to_table, to_columns)
    );

    create table taxonomy_entries (
      key text not null,
      kind text not null check (kind in ('data_category', 'data_use', 'data_subject')),
      parent text,
      name text not null,
      description text not null default '',
      created_at timestamptz not null default now(),
      primary key (kind, key)
    );

    create table processing_activities (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      name text not null,
      description text not null default '',
      role text not null default 'controller' check (role in ('controller', 'processor', 'joint_controller')),
      controller jsonb,
      data_uses jsonb not null default '[]'::jsonb,
      data_categories jsonb not null default '[]'::jsonb,
      data_subjects jsonb not null default '[]'::jsonb,
      legal_bases jsonb not null default '[]'::jsonb,
      retention jsonb,
      recipients jsonb not null default '[]'::jsonb,
      transfers jsonb not null default '[]'::jsonb,
      systems jsonb not null default '[]'::jsonb,
      dpia jsonb not null default '{"status": "not_assessed"}'::jsonb,
      review_required boolean not null default false,
      review_reasons jsonb not null default '[]'::jsonb,
      origin text not null default 'console' check (origin in ('console', 'code')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table drift_findings (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references systems(id) on delete cascade,
      scan_id uuid references scans(id) on delete set null,
      kind text not null check (kind in ('new_table', 'new_personal_column', 'new_category', 'category_changed', 'table_removed')),
      schema_name text not null,
      table_name text not null,
      column_name text,
      category text,
      previous_category text,
      level text,
      affected_activities jsonb not null default '[]'::jsonb,
      status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
      resolution_note text,
      resolved_by text,
      resolved_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index drift_findings_open on drift_findings(status, created_at desc);

    create table notifications (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      title text not null,
      body text not null default '',
      link text,
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    create index notifications_unread on notifications(created_at desc) where read_at is null;

    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the data map migration cannot be rolled back');
}
