/**
 * Deadline reminders on a real store and a real SMTP server on loopback: "due soon" once, then
 * "overdue" once, in the console's notifications, the audit log and the team's mailbox; closed
 * requests get none; the subject's identity appears nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { createMailer } from '../notify/mailer.js';
import { createReminders } from './reminders.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };
const DAY = 86_400_000;

describe('deadline reminders', () => {
  let custos: RunningCustos;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    custos = await startCustos({ store: 'pglite', config: { smtp: smtp.config } });
  });
  afterAll(async () => {
    await custos?.close();
    await smtp?.close();
  });

  it('sends "due soon" then "overdue" once each, to the console, the audit log and the team, without the identity', async () => {
    const open = await custos.app.dsr.submit(ACTOR, { type: 'erasure', identities: [{ kind: 'email', value: 'reminder.subject@example.com' }], jurisdiction: 'CCPA' }, 'staff');
    const closed = await custos.app.dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: 'closed.subject@example.com' }], jurisdiction: 'CCPA' }, 'staff');
    await custos.app.dsr.close(ACTOR, closed.id, { status: 'rejected', reason: 'identity could not be verified' });
    const due = new Date(open.dueAt).getTime();
    let clock = new Date(due - 20 * DAY);
    const reminders = createReminders({ db: custos.app.store.db, audit: custos.app.audit, config: { daysBefore: 7, to: 'privacy-team@shop.example' }, mailer: createMailer(custos.app.config.smtp, custos.app.logger), now: () => clock });

    expect(await reminders.sendDue()).toEqual([]);
    clock = new Date(due - 3 * DAY);
    const soon = await reminders.sendDue();
    expect(soon.map((r) => [r.requestId, r.kind])).toEqual([[open.id, 'due_soon']]);
    expect(await reminders.sendDue()).toEqual([]);
    clock = new Date(due + 2 * DAY);
    expect((await reminders.sendDue()).map((r) => [r.requestId, r.kind])).toEqual([[open.id, 'overdue']]);
    expect(await reminders.sendDue()).toEqual([]);

    const notes = await custos.app.datamap.listNotifications({ unreadOnly: false, limit: 50 });
    const mine = notes.filter((n) => n.link === `/requests/${open.id}`);
    expect(mine.map((n) => n.title)).toEqual([expect.stringMatching(/^Overdue: erasure request under CCPA/), expect.stringMatching(/^Due in 3 days: erasure request under CCPA/)]);
    expect(notes.some((n) => n.link === `/requests/${closed.id}`)).toBe(false);

    expect(smtp.mails.map((m) => m.to)).toEqual([['privacy-team@shop.example'], ['privacy-team@shop.example']]);
    const everything = JSON.stringify(notes) + smtp.mails.map((m) => m.raw).join('\n') + JSON.stringify(await custos.app.audit.search({ limit: 200 }));
    expect(everything).not.toContain('reminder.subject');
    expect(everything).toContain(open.id);
  });
});
