/**
 * The public portal's API with a real SMTP server on loopback: a person asks with no account,
 * receives a code, a wrong code is refused with attempts left, the right one verifies the request,
 * and the clock and timeline say so. No personal value reaches the audit log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';
import { codeFrom, startSmtp, type TestSmtp } from '../../test/support/smtp.js';

describe('subject portal', () => {
  let smtp: TestSmtp;
  let custos: RunningCustos;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${custos.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { request?: { id: string; status: string; dueAt: string } } };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    custos = await startCustos({ store: 'pglite', config: { smtp: smtp.config } });
  });
  afterAll(async () => {
    await custos?.close();
    await smtp?.close();
  });

  it('takes a request without an account, e-mails a code, refuses a wrong one and verifies the right one', async () => {
    const info = await (await fetch(`${custos.url}/api/portal/info`)).json();
    expect((info as { requestTypes: unknown[] }).requestTypes).toHaveLength(8);
    const submitted = await post('/api/portal/requests', { type: 'access', email: 'Mia.Lee@Example.org', country: 'DE' });
    expect(submitted.status).toBe(202);
    expect(submitted.body.request).toMatchObject({ status: 'verifying', jurisdiction: 'GDPR' });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to.map((a) => a.toLowerCase())).toEqual(['mia.lee@example.org']);
    const code = codeFrom(smtp.mails[0]!);
    const id = submitted.body.request!.id;
    const wrong = await post(`/api/portal/requests/${id}/verify`, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(403);
    expect(JSON.stringify(wrong.body)).toMatch(/attempt/i);
    const right = await post(`/api/portal/requests/${id}/verify`, { code });
    expect(right.status).toBe(200);
    expect(right.body.request).toMatchObject({ id, status: 'verified' });
    expect((await post(`/api/portal/requests/${id}/verify`, { code })).status).toBeGreaterThanOrEqual(400);
    const events = (await custos.app.dsr.get(id)).events.map((e) => e.kind);
    expect(events).toEqual(['received', 'verification_sent', 'verification_failed', 'verified', 'verification_failed']);
    const audit = await sql<{ details: unknown }>`select details from audit_events where action like 'dsr.%'`.execute(custos.app.store.db);
    expect(JSON.stringify(audit.rows)).not.toMatch(/mia\.lee|example\.org|${code}/i);
  });

  it('refuses bad input naming the field', async () => {
    const bad = await post('/api/portal/requests', { type: 'access', email: 'nobody' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('email');
    expect((await post('/api/portal/requests', { type: 'sell-everything', email: 'a@b.co' })).status).toBe(400);
  });
});
