import { sql, type Kysely } from 'kysely';

/**
 * What a subject asked to stop: restriction of processing, objection, opt-out of sale or sharing,
 * withdrawal of consent. Keyed by the identity's keyed hash (never the value), so later purpose
 * and consent checks can ask "may we process this person's data for X?".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dsr_subject_flags (
      identity_hash text not null,
      kind text not null check (kind in ('restriction', 'objection', 'opt_out', 'consent_withdrawal')),
      scope text not null default 'all',
      request_id uuid references dsr_requests(id) on delete set null,
      since timestamptz not null default now(),
      lifted_at timestamptz,
      primary key (identity_hash, kind, scope)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the subject-flags migration cannot be rolled back');
}
