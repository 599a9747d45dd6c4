import { sql, type Kysely } from 'kysely';

/**
 * Legal holds: data that must not be erased while a matter (litigation, an investigation, an
 * authority's order) is open, whatever a subject asks. A hold covers a system, a table, a data
 * category, or one subject (by an identity's keyed hash, never the value). Released, not deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table legal_holds (
      id uuid primary key default gen_random_uuid(),
      scope text not null check (scope in ('system', 'table', 'category', 'subject')),
      system_name text,
      schema_name text,
      table_name text,
      category text,
      identity_hash text,
      reason text not null,
      matter text,
      created_by text not null,
      created_at timestamptz not null default now(),
      released_at timestamptz,
      released_by text,
      check ((scope = 'system' and system_name is not null)
          or (scope = 'table' and system_name is not null and table_name is not null)
          or (scope = 'category' and category is not null)
          or (scope = 'subject' and identity_hash is not null))
    );
    create index legal_holds_active on legal_holds(scope) where released_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the legal holds migration cannot be rolled back');
}
