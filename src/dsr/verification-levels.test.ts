/**
 * Verification levels on a real store and a real SMTP server on loopback: `email` is met by the
 * code (or staff), `email+staff` needs both in either order, an agent's request needs staff to
 * check the authorisation, nothing is run before the level is met, each step is on the timeline
 * and in the audit log without a personal value, and a bad `verification.levels` is refused
 * naming the type or level at fault.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustos, login, type RunningCustos } from '../../test/support/custos-server.js';
import { codeFrom, startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { loadConfig } from '../config/config.js';
import { loadSecretBox } from '../keys/secret-box.js';
import { createDsrService } from './dsr.service.js';
import { evaluateVerification, parseVerificationLevels, staffStepsLeft } from './verification/index.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };

describe('verification levels (pure)', () => {
  it('says what is done and what is left', () => {
    expect(evaluateVerification({ level: 'email', agent: false, done: [] })).toEqual({ level: 'email', agent: false, done: [], missing: ['email'], satisfied: false });
    expect(evaluateVerification({ level: 'email', agent: false, done: ['staff'] }).satisfied).toBe(true);
    expect(evaluateVerification({ level: 'email+staff', agent: false, done: ['staff'] })).toMatchObject({ done: ['staff'], missing: ['email'], satisfied: false });
    expect(evaluateVerification({ level: 'email+staff', agent: true, done: ['staff', 'email'] })).toMatchObject({ done: ['email', 'staff'], missing: ['agent'], satisfied: false });
    expect(staffStepsLeft(evaluateVerification({ level: 'email', agent: true, done: [] }))).toEqual(['staff', 'agent']);
    expect(staffStepsLeft(evaluateVerification({ level: 'email', agent: true, done: ['email'] }))).toEqual(['agent']);
    expect(staffStepsLeft(evaluateVerification({ level: 'email+staff', agent: false, done: ['staff'] }))).toEqual([]);
  });

  it('reads levels from a mapping or type=level pairs, naming what is wrong', () => {
    expect(parseVerificationLevels('erasure=email+staff, rectification = email+staff,opt-out=email')).toEqual({ ok: true, levels: { erasure: 'email+staff', rectification: 'email+staff', opt_out: 'email' } });
    expect(parseVerificationLevels({ erasure: 'email+staff' })).toEqual({ ok: true, levels: { erasure: 'email+staff' } });
    expect(parseVerificationLevels(undefined)).toEqual({ ok: true, levels: {} });
    expect(parseVerificationLevels('erasure')).toMatchObject({ ok: false, message: expect.stringContaining('type=level') });
    expect(parseVerificationLevels('erasure=email,erasure=email+staff')).toMatchObject({ ok: false, message: 'the level of erasure is given twice' });
    expect(parseVerificationLevels({ deletion: 'email' })).toMatchObject({ ok: false, path: ['deletion'], message: expect.stringContaining('unknown request type "deletion"') });
    expect(parseVerificationLevels([1])).toMatchObject({ ok: false });
  });
});

describe('verification levels in the configuration', () => {
  const fail = (fn: () => unknown): Error => {
    try {
      fn();
    } catch (err) {
      return err as Error;
    }
    throw new Error('expected an error');
  };

  it('reads CUSTOS_VERIFICATION_LEVELS and verification.levels in custos.yaml; unset means email for every type', () => {
    expect(loadConfig({ env: {}, cwd: '/tmp' }).verification.levels).toBeUndefined();
    expect(loadConfig({ env: { CUSTOS_VERIFICATION_LEVELS: 'erasure=email+staff,rectification=email+staff' }, cwd: '/tmp' }).verification.levels).toEqual({ erasure: 'email+staff', rectification: 'email+staff' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-levels-'));
    writeFileSync(path.join(dir, 'custos.yaml'), 'verification:\n  levels:\n    erasure: email+staff\n');
    expect(loadConfig({ env: {}, cwd: dir }).verification).toMatchObject({ codeLength: 6, levels: { erasure: 'email+staff' } });
    // The environment wins over the file.
    expect(loadConfig({ env: { CUSTOS_VERIFICATION_LEVELS: 'access=email+staff' }, cwd: dir }).verification.levels).toEqual({ access: 'email+staff' });
  });

  it('refuses an unknown type or level, naming it and where it came from', () => {
    const badType = fail(() => loadConfig({ env: { CUSTOS_VERIFICATION_LEVELS: 'erasur=email+staff' }, cwd: '/tmp' }));
    expect(badType).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(badType.message).toContain('CUSTOS_VERIFICATION_LEVELS (verification.levels)');
    expect(badType.message).toContain('unknown request type "erasur"');
    expect(badType.message).toContain('access, portability, rectification, erasure');
    const badLevel = fail(() => loadConfig({ env: { CUSTOS_VERIFICATION_LEVELS: 'erasure=email+sms' }, cwd: '/tmp' }));
    expect(badLevel.message).toContain('unknown verification level "email+sms" for erasure; expected email or email+staff');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-levels-'));
    writeFileSync(path.join(dir, 'custos.yaml'), 'verification:\n  levels:\n    erasure: staff\n');
    const inFile = fail(() => loadConfig({ env: {}, cwd: dir }));
    expect(inFile.message).toContain('verification.levels.erasure in custos.yaml');
    expect(inFile.message).toContain('unknown verification level "staff" for erasure');
  });
});

describe('verification levels on a real store', () => {
  let smtp: TestSmtp;
  let custos: RunningCustos;
  const codeSentTo = (address: string) => {
    const mail = [...smtp.mails].reverse().find((m) => m.to.map((a) => a.toLowerCase()).includes(address.toLowerCase()));
    if (!mail) throw new Error(`no mail to ${address}`);
    return codeFrom(mail);
  };
  const eventsOf = async (id: string) => (await custos.app.dsr.get(id)).events.map((e) => e.kind);

  beforeAll(async () => {
    smtp = await startSmtp();
    custos = await startCustos({ store: 'postgres', config: { smtp: smtp.config, verification: { levels: { erasure: 'email+staff', rectification: 'email+staff' } } } });
  });
  afterAll(async () => {
    await custos?.close();
    await smtp?.close();
  });

  it('verifies an email-level request by the code alone, as before', async () => {
    const { dsr } = custos.app;
    const request = await dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: 'ada@example.com' }] }, 'staff');
    expect(request.verification).toEqual({ level: 'email', agent: false, done: [], missing: ['email'], satisfied: false });
    await dsr.sendVerification(ACTOR, request.id);
    const verified = await dsr.verifyCode(ACTOR, request.id, codeSentTo('ada@example.com'));
    expect(verified).toMatchObject({ status: 'verified', verificationMethod: 'email_code', verification: { level: 'email', done: ['email'], missing: [], satisfied: true } });
    expect(verified.verifiedAt).not.toBeNull();
    expect(await eventsOf(request.id)).toEqual(['received', 'verification_sent', 'verified']);
    expect(verified.events.at(-1)!.details).toMatchObject({ method: 'email_code', steps: ['email'], level: 'email' });
  });

  it('needs the code and staff for an email+staff erasure, staff first; nothing runs before both', async () => {
    const { dsr, fulfilment } = custos.app;
    const request = await dsr.submit(ACTOR, { type: 'erasure', identities: [{ kind: 'email', value: 'Bo.Erased@Example.com' }] }, 'staff');
    expect(request.verification).toEqual({ level: 'email+staff', agent: false, done: [], missing: ['email', 'staff'], satisfied: false });
    const staffed = await dsr.staffVerify(ACTOR, request.id, 'called back on the number on file');
    expect(staffed).toMatchObject({ status: 'verifying', verifiedAt: null, verification: { done: ['staff'], missing: ['email'], satisfied: false } });
    await expect(fulfilment.run(ACTOR, request.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not verified') });
    await expect(fulfilment.exportPackage(ACTOR, request.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(dsr.close(ACTOR, request.id, { status: 'completed', reason: 'erased by hand' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Staff alone never satisfies email+staff, however often it is recorded.
    await expect(dsr.staffVerify(ACTOR, request.id, 'called again')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('the e-mail code') });
    await dsr.sendVerification(ACTOR, request.id);
    const verified = await dsr.verifyCode(ACTOR, request.id, codeSentTo('bo.erased@example.com'));
    expect(verified).toMatchObject({ status: 'verified', verificationMethod: 'email_code+staff', verification: { level: 'email+staff', done: ['email', 'staff'], missing: [], satisfied: true } });
    expect(await eventsOf(request.id)).toEqual(['received', 'verification_step', 'verification_sent', 'verified']);
    const step = verified.events.find((e) => e.kind === 'verification_step')!;
    expect(step.details).toMatchObject({ method: 'staff', steps: ['staff'], level: 'email+staff', done: ['staff'], missing: ['email'], note: 'called back on the number on file' });

    const audit = await sql<{ action: string; details: Record<string, unknown> }>`select action, details from audit_events where target_id = ${request.id} order by seq`.execute(custos.app.store.db);
    const verifies = audit.rows.filter((r) => r.action === 'dsr.verify').map((r) => r.details);
    expect(verifies).toEqual([
      expect.objectContaining({ method: 'staff', steps: ['staff'], level: 'email+staff', satisfied: false, missing: ['email'] }),
      expect.objectContaining({ method: 'email_code', outcome: 'ok', steps: ['email'], satisfied: true, missing: [] }),
    ]);
    expect(JSON.stringify(audit.rows)).not.toMatch(/bo\.erased|example\.com|called back/i);
  });

  it('needs both in the other order too: code first, then staff; no second code once the address is proven', async () => {
    const { dsr } = custos.app;
    const request = await dsr.submit(ACTOR, { type: 'rectification', identities: [{ kind: 'email', value: 'cy@example.com' }], corrections: { 'user.name': 'Cy Young' } }, 'staff');
    await dsr.sendVerification(ACTOR, request.id);
    const coded = await dsr.verifyCode(ACTOR, request.id, codeSentTo('cy@example.com'));
    expect(coded).toMatchObject({ status: 'verifying', verifiedAt: null, verification: { done: ['email'], missing: ['staff'] } });
    await expect(dsr.sendVerification(ACTOR, request.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('a staff verification of the identity') });
    const verified = await dsr.staffVerify(ACTOR, request.id, 'saw a passport at the front desk');
    expect(verified).toMatchObject({ status: 'verified', verification: { done: ['email', 'staff'], missing: [], satisfied: true } });
    expect(await eventsOf(request.id)).toEqual(['received', 'verification_sent', 'verification_step', 'verified']);
    await expect(dsr.staffVerify(ACTOR, request.id, 'again')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already verified') });
  });

  it("needs staff to check an agent's authorisation, in addition to the code", async () => {
    const { dsr } = custos.app;
    const agent = { name: 'Lee Counsel', relationship: 'lawyer', authorisation: 'signed letter of authority' };
    const request = await dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: 'dee@example.com' }], agent }, 'staff');
    expect(request.verification).toEqual({ level: 'email', agent: true, done: [], missing: ['email', 'agent'], satisfied: false });
    await dsr.sendVerification(ACTOR, request.id);
    const coded = await dsr.verifyCode(ACTOR, request.id, codeSentTo('dee@example.com'));
    expect(coded).toMatchObject({ status: 'verifying', verifiedAt: null, verification: { done: ['email'], missing: ['agent'] } });
    await expect(custos.app.fulfilment.run(ACTOR, request.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const verified = await dsr.staffVerify(ACTOR, request.id, 'checked the letter of authority with the subject by phone', { check: 'agent' });
    expect(verified).toMatchObject({ status: 'verified', verificationMethod: 'email_code+staff', verification: { agent: true, done: ['email', 'agent'], missing: [] } });
    expect(verified.events.find((e) => e.kind === 'verified')!.details).toMatchObject({ method: 'staff', steps: ['agent'] });

    // One staff verification without `check` covers the identity and the agent's authorisation.
    const byStaff = await dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'phone_number', value: '+44 20 7946 0000' }], agent }, 'staff');
    const identityOnly = await dsr.staffVerify(ACTOR, byStaff.id, 'called back the subject', { check: 'identity' });
    expect(identityOnly).toMatchObject({ status: 'verifying', verification: { done: ['staff'], missing: ['agent'] } });
    const done = await dsr.staffVerify(ACTOR, byStaff.id, 'power of attorney seen');
    expect(done).toMatchObject({ status: 'verified', verification: { done: ['staff', 'agent'], missing: [] } });

    // An erasure by an agent under email+staff: all three.
    const erasure = await dsr.submit(ACTOR, { type: 'erasure', identities: [{ kind: 'email', value: 'eve@example.com' }], agent }, 'staff');
    expect(erasure.verification.missing).toEqual(['email', 'staff', 'agent']);
    const both = await dsr.staffVerify(ACTOR, erasure.id, 'subject and lawyer on a call');
    expect(both).toMatchObject({ status: 'verifying', verification: { done: ['staff', 'agent'], missing: ['email'] } });

    const plain = await dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: 'fay@example.com' }] }, 'staff');
    await expect(dsr.staffVerify(ACTOR, plain.id, 'agent?', { check: 'agent' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not made by an agent') });
  });

  it('says why no code can be sent when email+staff needs one and the request has no address', async () => {
    const request = await custos.app.dsr.submit(ACTOR, { type: 'erasure', identities: [{ kind: 'phone_number', value: '+44 20 7946 0001' }] }, 'staff');
    await expect(custos.app.dsr.sendVerification(ACTOR, request.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('verification level email+staff') });
  });

  it('applies a tightened level to open requests, and never lowers the level a request was received under', async () => {
    const secrets = loadSecretBox({ dataDir: custos.app.config.dataDir });
    const deps = { db: custos.app.store.db, audit: custos.app.audit, secrets };
    const tightened = createDsrService({ ...deps, verification: { codeLength: 6, ttlMinutes: 15, maxAttempts: 5, levels: { access: 'email+staff' } } });
    const loosened = createDsrService(deps);
    const access = await custos.app.dsr.submit(ACTOR, { type: 'access', identities: [{ kind: 'email', value: 'gus@example.com' }] }, 'staff');
    expect((await tightened.get(access.id)).verification).toMatchObject({ level: 'email+staff', missing: ['email', 'staff'] });
    expect((await tightened.staffVerify(ACTOR, access.id, 'called back')).verifiedAt).toBeNull();
    const erasure = await custos.app.dsr.submit(ACTOR, { type: 'erasure', identities: [{ kind: 'email', value: 'hal@example.com' }] }, 'staff');
    expect((await loosened.get(erasure.id)).verification).toMatchObject({ level: 'email+staff', missing: ['email', 'staff'] });
    expect((await loosened.staffVerify(ACTOR, erasure.id, 'called back')).verifiedAt).toBeNull();
  });

  it('keeps the portal flow: the code answers 200; staff finish an email+staff request over the API', async () => {
    const post = async (url: string, body: unknown, cookie?: string) => {
      const response = await fetch(`${custos.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { request: { id: string; status: string; verification?: { missing: string[] } }; message?: string } };
    };
    const access = await post('/api/portal/requests', { type: 'access', email: 'ivy@example.org' });
    const accessVerified = await post(`/api/portal/requests/${access.body.request.id}/verify`, { code: codeSentTo('ivy@example.org') });
    expect(accessVerified.status).toBe(200);
    expect(accessVerified.body).toEqual({ request: expect.objectContaining({ status: 'verified' }) });

    const erasure = await post('/api/portal/requests', { type: 'erasure', email: 'jo@example.org' });
    expect(erasure.status).toBe(202);
    const id = erasure.body.request.id;
    const coded = await post(`/api/portal/requests/${id}/verify`, { code: codeSentTo('jo@example.org') });
    expect(coded.status).toBe(200);
    expect(coded.body.request.status).toBe('verifying');
    expect(coded.body.message).toContain('staff');
    const cookie = await login(custos.url);
    const shown = await (await fetch(`${custos.url}/api/requests/${id}`, { headers: { cookie } })).json() as { request: { verification: { missing: string[] } } };
    expect(shown.request.verification.missing).toEqual(['staff']);
    const badCheck = await post(`/api/requests/${id}/verify`, { note: 'called back', check: 'sms' }, cookie);
    expect(badCheck.status).toBe(400);
    const staffed = await post(`/api/requests/${id}/verify`, { note: 'called back on the number on file', check: 'identity' }, cookie);
    expect(staffed.status).toBe(200);
    expect(staffed.body.request).toMatchObject({ status: 'verified', verification: { missing: [] } });
  });
});
