import { sql, type Kysely } from 'kysely';

/**
 * Data subject requests: the request and its clock, the identities it names (sealed, found again
 * by a keyed hash), its timeline, the identity verification, the engine's per-step progress (so a
 * crashed run resumes without double effects), and tasks for systems with no connection.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dsr_requests (
      id uuid primary key default gen_random_uuid(),
      type text not null check (type in ('access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'opt_out', 'consent_withdrawal')),
      status text not null check (status in ('received', 'verifying', 'verified', 'running', 'completed', 'rejected', 'failed', 'cancelled')),
      jurisdiction text not null,
      subject_country text,
      channel text not null check (channel in ('api', 'staff', 'portal', 'cli')),
      agent jsonb,
      details jsonb not null default '{}'::jsonb,
      received_at timestamptz not null default now(),
      verified_at timestamptz,
      verification_method text,
      due_at timestamptz not null,
      extended_due_at timestamptz,
      extension_reason text,
      paused_days int not null default 0,
      result jsonb,
      created_by text,
      completed_at timestamptz,
      updated_at timestamptz not null default now()
    );
    create index dsr_requests_open on dsr_requests(status, due_at);

    create table dsr_identities (
      request_id uuid not null references dsr_requests(id) on delete cascade,
      kind text not null,
      value_sealed text not null,
      value_hash text not null,
      primary key (request_id, kind, value_hash)
    );
    create index dsr_identities_hash on dsr_identities(value_hash);

    create table dsr_events (
      id bigint generated always as identity primary key,
      request_id uuid not null references dsr_requests(id) on delete cascade,
      at timestamptz not null default now(),
      kind text not null,
      actor text,
      details jsonb not null default '{}'::jsonb
    );
    create index dsr_events_request on dsr_events(request_id, id);

    create table dsr_verifications (
      request_id uuid primary key references dsr_requests(id) on delete cascade,
      channel text not null,
      address_hash text not null,
      code_hash text not null,
      expires_at timestamptz not null,
      attempts int not null default 0,
      max_attempts int not null,
      sent_at timestamptz not null default now(),
      verified_at timestamptz
    );

    create table dsr_steps (
      request_id uuid not null references dsr_requests(id) on delete cascade,
      step_id text not null,
      system text not null,
      status text not null check (status in ('done', 'failed')),
      result jsonb not null default '{}'::jsonb,
      updated_at timestamptz not null default now(),
      primary key (request_id, step_id)
    );

    create table dsr_tasks (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references dsr_requests(id) on delete cascade,
      system_id uuid references systems(id) on delete set null,
      system_name text not null,
      owner text,
      due_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'done', 'justified')),
      note text,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the subject-request migration cannot be rolled back');
}
