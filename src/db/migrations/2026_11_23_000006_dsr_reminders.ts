import { sql, type Kysely } from 'kysely';

/**
 * Deadline reminders sent for subject requests: one row per request and kind, so each reminder is
 * sent once, even with two servers on the same store (the insert decides who sends it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dsr_reminders (
      request_id uuid not null references dsr_requests(id) on delete cascade,
      kind text not null check (kind in ('due_soon', 'overdue')),
      sent_at timestamptz not null default now(),
      primary key (request_id, kind)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the reminders migration cannot be rolled back');
}
