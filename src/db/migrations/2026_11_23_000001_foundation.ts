import { sql, type Kysely } from 'kysely';

/**
 * The foundation: identities, the audit chain, connected systems, job effects.
 * Audit tables refuse UPDATE, DELETE and TRUNCATE for every role; `custos audit verify` catches
 * what a superuser does by disabling the triggers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique,
      display_name text not null,
      role text not null,
      password_hash text not null,
      created_at timestamptz not null default now(),
      last_login_at timestamptz,
      disabled_at timestamptz
    );
    create table api_keys (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      role text not null,
      prefix text not null,
      key_hash text not null unique,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index sessions_user_id on sessions(user_id);
    create table setup_tokens (
      token_hash text primary key,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );

    create table audit_events (
      seq bigint primary key,
      id uuid not null unique,
      occurred_at timestamptz not null,
      actor_type text not null,
      actor_id text,
      actor_name text,
      actor_role text,
      action text not null,
      target_type text,
      target_id text,
      purpose text,
      request_id text,
      outcome text not null,
      details jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null
    );
    create index audit_events_action on audit_events(action, seq);
    create index audit_events_occurred_at on audit_events(occurred_at);
    create table audit_chain_head (
      id int primary key check (id = 1),
      seq bigint not null,
      hash text not null,
      next_checkpoint bigint not null
    );
    insert into audit_chain_head (id, seq, hash, next_checkpoint) values (1, 0, repeat('0', 64), 1);
    create table audit_checkpoints (
      seq bigint primary key,
      hash text not null,
      every int not null,
      key_id text not null,
      signature text not null,
      signed_at timestamptz not null
    );
    create function custos_audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit records are append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_events_append_only before update or delete on audit_events
      for each row execute function custos_audit_append_only();
    create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function custos_audit_append_only();
    create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
      for each row execute function custos_audit_append_only();
    create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
      for each statement execute function custos_audit_append_only();

    create table systems (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      description text not null default '',
      engine text not null,
      connection text not null,
      origin text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      stats jsonb not null default '{}'::jsonb
    );

    create table job_effects (
      job_id text primary key,
      queue text not null,
      completed_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be rolled back');
}
