/**
 * Subject request intake and clock on a real store: due dates from the deadline rules, the
 * jurisdiction inferred from the subject's country, staff verification pausing the clock where the
 * law allows, extensions, identities sealed at rest and never shown or audited in clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';
import { createDsrService } from './dsr.service.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };

describe('subject requests', () => {
  let custos: RunningCustos;
  let clock = new Date('2026-01-31T10:00:00Z');
  let dsr: ReturnType<typeof createDsrService>;

  beforeAll(async () => {
    custos = await startCustos({ store: 'postgres' });
    const { loadSecretBox } = await import('../keys/secret-box.js');
    dsr = createDsrService({ db: custos.app.store.db, audit: custos.app.audit, secrets: loadSecretBox({ dataDir: custos.app.config.dataDir }), now: () => clock });
  });
  afterAll(async () => custos?.close());

  it('sets the GDPR due date one month on (31 Jan → 28 Feb), seals identities and keeps them out of the audit log', async () => {
    const request = await dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: ' Jane.Doe@Example.com ' }] }, 'staff');
    expect(request).toMatchObject({ type: 'access', status: 'received', jurisdiction: 'GDPR', overdue: false });
    expect(request.dueAt.slice(0, 10)).toBe('2026-02-28');
    expect(request.identities).toEqual([{ kind: 'email', masked: 'J***@Example.com' }]);
    const stored = await sql<{ value_sealed: string }>`select value_sealed from dsr_identities where request_id = ${request.id}`.execute(custos.app.store.db);
    expect(stored.rows[0]!.value_sealed).not.toContain('Jane');
    const audit = await sql<{ details: unknown }>`select details from audit_events where action = 'dsr.submit'`.execute(custos.app.store.db);
    expect(JSON.stringify(audit.rows)).not.toMatch(/jane/i);
    expect(await dsr.identitiesOf(request.id)).toEqual([{ kind: 'email', value: 'Jane.Doe@Example.com' }]);
    expect(dsr.hashOf('email', 'jane.doe@example.com')).toBe(dsr.hashOf('email', ' JANE.DOE@example.com'));
  });

  it('infers CCPA from a Californian subject: 45 days, extended once by 45 with a reason', async () => {
    clock = new Date('2026-03-01T12:00:00Z');
    const request = await dsr.submit(ACTOR, { type: 'erasure', identities: [{ kind: 'email', value: 'sam@example.com' }], jurisdiction: 'CCPA' }, 'api');
    expect(request.dueAt.slice(0, 10)).toBe('2026-04-15');
    const extended = await dsr.extend(ACTOR, request.id, 'Many systems hold records of this account');
    expect(extended.extendedDueAt!.slice(0, 10)).toBe('2026-05-30');
    await expect(dsr.extend(ACTOR, request.id, 'again')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(extended.events.map((e) => e.kind)).toEqual(['received', 'extended']);
  });

  it('records staff verification with how it was done, and refuses bad input naming the field', async () => {
    clock = new Date('2026-05-01T09:00:00Z');
    const request = await dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'phone_number', value: '+44 20 7946 0958' }], subjectCountry: 'GB' }, 'staff');
    expect(request.jurisdiction).toBe('UK_GDPR');
    clock = new Date('2026-05-04T09:00:00Z');
    const verified = await dsr.staffVerify(ACTOR, request.id, 'Called back on the number on file, confirmed date of birth');
    expect(verified).toMatchObject({ status: 'verified', verificationMethod: 'staff' });
    await expect(dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: 'not-an-email' }] }, 'api')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'identities.0.value' }] });
    await expect(dsr.submit(ACTOR, { type: 'rectification', identities: [{ kind: 'email', value: 'a@b.co' }] }, 'api')).rejects.toMatchObject({ details: [{ field: 'corrections' }] });
  });

  it('lists open and overdue requests by due date', async () => {
    clock = new Date('2026-12-01T00:00:00Z');
    const overdue = await dsr.list({ status: 'overdue' });
    expect(overdue.length).toBe(3);
    expect(overdue.every((r) => r.overdue)).toBe(true);
  });

  it('closes a request by hand with the reason, and refuses to complete an unverified one', async () => {
    const request = await dsr.submit(ACTOR, { type: 'objection', identities: [{ kind: 'email', value: 'obj@example.com' }] }, 'staff');
    await expect(dsr.close(ACTOR, request.id, { status: 'completed', reason: 'stopped marketing' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const rejected = await dsr.close(ACTOR, request.id, { status: 'rejected', reason: 'identity not proven after two attempts' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.events.at(-1)).toMatchObject({ kind: 'rejected', details: { reason: 'identity not proven after two attempts' } });
    await expect(dsr.extend(ACTOR, request.id, 'late')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('marks the subject on a verified objection, so later checks find it by any spelling of the address', async () => {
    const request = await dsr.submit(ACTOR, { type: 'objection', identities: [{ kind: 'email', value: 'Noah@Example.com' }] }, 'staff');
    await expect(dsr.markSubject(ACTOR, request.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await dsr.staffVerify(ACTOR, request.id, 'confirmed by phone');
    const done = await dsr.markSubject(ACTOR, request.id);
    expect(done.status).toBe('completed');
    expect(await dsr.flagsFor({ kind: 'email', value: ' noah@example.COM ' })).toEqual([expect.objectContaining({ kind: 'objection', scope: 'all', requestId: request.id })]);
    expect(await dsr.flagsFor({ kind: 'email', value: 'someone.else@example.com' })).toEqual([]);
  });
});
