/**
 * Deadline reminders: open requests due within `daysBefore` days get a "due soon" notice, requests
 * past their due date an "overdue" one; each once per request (`dsr_reminders`), in the console's
 * notifications, the audit log and, when the team's address and SMTP are set, by mail. A notice
 * names the request, its type, law and due date: never the subject's identity.
 */
import { sql, type Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { RemindersConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { insertNotification } from '../datamap/datamap.repository.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../notify/mailer.js';

const SYSTEM = { actor: { type: 'system' as const, id: null, name: 'reminders', role: null } };
const DAY_MS = 86_400_000;

export interface RemindersDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record'>;
  config: Pick<RemindersConfig, 'daysBefore' | 'to'>;
  mailer?: Pick<Mailer, 'send' | 'configured'>;
  logger?: Pick<Logger, 'warn'>;
  now?: () => Date;
}

export interface Reminder {
  requestId: string;
  kind: 'due_soon' | 'overdue';
  type: string;
  jurisdiction: string;
  dueAt: string;
}

export type RemindersService = ReturnType<typeof createReminders>;

export function createReminders({ db, audit, config, mailer, logger, now = () => new Date() }: RemindersDeps) {
  /** Sends the reminders that are due and not sent yet; returns what was sent. */
  async function sendDue(): Promise<Reminder[]> {
    const at = now();
    const horizon = new Date(at.getTime() + config.daysBefore * DAY_MS);
    const due = sql<Date>`coalesce(r.extended_due_at, r.due_at)`;
    const candidates = await db
      .selectFrom('dsr_requests as r')
      .select(['r.id', 'r.type', 'r.jurisdiction', due.as('due')])
      .where('r.status', 'not in', ['completed', 'rejected', 'cancelled'])
      .where(due, '<=', horizon)
      .orderBy(due)
      .execute();
    const sent: Reminder[] = [];
    for (const c of candidates) {
      const dueAt = new Date(c.due);
      const kind = dueAt < at ? 'overdue' : 'due_soon';
      const reminder: Reminder = { requestId: c.id, kind, type: c.type, jurisdiction: c.jurisdiction, dueAt: dueAt.toISOString() };
      const claimed = await db.transaction().execute(async (tx) => {
        const inserted = await tx.insertInto('dsr_reminders').values({ request_id: c.id, kind }).onConflict((oc) => oc.doNothing()).returning('request_id').executeTakeFirst();
        if (!inserted) return false;
        const text = describe(reminder, at);
        await insertNotification(tx, { kind: `dsr_${kind}`, title: text.title, body: text.body, link: `/requests/${c.id}` });
        await audit.record(tx, SYSTEM, { action: 'dsr.reminder', target: { type: 'dsr', id: c.id }, details: { kind, dueAt: reminder.dueAt } });
        return true;
      });
      if (!claimed) continue;
      sent.push(reminder);
      await mail(reminder, at);
    }
    return sent;
  }

  async function mail(reminder: Reminder, at: Date): Promise<void> {
    if (!config.to || !mailer?.configured) return;
    const text = describe(reminder, at);
    // The notice is in the console already: a mail server that is down must not stop the others.
    await mailer.send({ to: config.to, subject: text.title, text: `${text.body}\n\nOpen it in Custos: /requests/${reminder.requestId}\n` }).catch((err: unknown) => logger?.warn({ event: 'dsr.reminder_mail_failed', code: (err as { code?: string }).code }, 'a reminder could not be mailed; it is in the console'));
  }

  return { sendDue };
}

function describe(reminder: Reminder, at: Date): { title: string; body: string } {
  const days = Math.ceil((new Date(reminder.dueAt).getTime() - at.getTime()) / DAY_MS);
  const what = `${reminder.type.replace('_', ' ')} request under ${reminder.jurisdiction}`;
  const date = reminder.dueAt.slice(0, 10);
  return reminder.kind === 'overdue'
    ? { title: `Overdue: ${what} (due ${date})`, body: `The ${what} ${reminder.requestId} was due on ${date}, ${-days} day${-days === 1 ? '' : 's'} ago. Complete it or record why it is late.` }
    : { title: `Due in ${days} day${days === 1 ? '' : 's'}: ${what}`, body: `The ${what} ${reminder.requestId} is due on ${date}.` };
}
