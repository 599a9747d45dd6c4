/**
 * The data map's API over HTTP: roles (an analyst reads, cannot change), problems that name the
 * field, manifests in and out, reports as downloads, and the gate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startCustos, type RunningCustos } from '../../test/support/custos-server.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };

/** Response bodies are read loosely: each assertion states the shape it expects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

describe('data map API', () => {
  let custos: RunningCustos;
  let admin: string;
  let analyst: string;
  const call = async (cookie: string, method: string, path: string, payload?: unknown) => {
    const response = await fetch(`${custos.url}${path}`, { method, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
    const type = response.headers.get('content-type') ?? '';
    const body: Body = type.includes('json') ? await response.json() : await response.text();
    return { status: response.status, type, body };
  };

  beforeAll(async () => {
    custos = await startCustos({ store: 'pglite' });
    await custos.app.identity.createUser(ACTOR, { username: 'ana', role: 'analyst', password: 'analyst-password-long-enough' });
    admin = await login(custos.url);
    analyst = await login(custos.url, 'ana', 'analyst-password-long-enough');
    await custos.app.systems.upsertSystem(ACTOR, { name: 'crm', description: '', engine: 'none', connection: '', origin: 'user' });
  });
  afterAll(async () => custos?.close());

  it('saves an activity for a manager, names the wrong field, and refuses an analyst', async () => {
    const activity = { key: 'newsletter', name: 'Newsletter', dataUses: ['marketing.communications.email'], dataCategories: ['user.contact.email'], dataSubjects: ['customer'], legalBases: [{ jurisdiction: 'GDPR', basis: 'consent' }], retention: { period: 'P2Y', trigger: 'unsubscribe' }, systems: ['crm'] };
    expect((await call(admin, 'PUT', '/api/activities/newsletter', activity)).status).toBe(200);
    const bad = await call(admin, 'PUT', '/api/activities/newsletter', { ...activity, retention: { period: 'two years' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('retention');
    const unknown = await call(admin, 'PUT', '/api/activities/newsletter', { ...activity, systems: ['nowhere'] });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('no system named nowhere');
    expect((await call(analyst, 'PUT', '/api/activities/newsletter', activity)).status).toBe(403);
    expect((await call(analyst, 'GET', '/api/activities')).body.activities.map((a: { key: string }) => a.key)).toEqual(['newsletter']);
  });

  it('hands out manifests, applies them with a dry run first, and serves reports as downloads', async () => {
    const exported = await call(admin, 'GET', '/api/manifests');
    expect(Object.keys(exported.body.files)).toEqual(expect.arrayContaining(['activities/newsletter.yaml', 'systems/crm.yaml']));
    const files = { ...exported.body.files, 'activities/newsletter.yaml': String(exported.body.files['activities/newsletter.yaml']).replace('name: Newsletter', 'name: Monthly newsletter') };
    const dry = await call(admin, 'POST', '/api/manifests/apply', { files, dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, applied: 0, changes: [{ action: 'update', kind: 'activity' }] });
    expect((await call(admin, 'GET', '/api/activities/newsletter')).body.activity.name).toBe('Newsletter');
    expect((await call(admin, 'POST', '/api/manifests/apply', { files })).body.applied).toBe(1);
    expect((await call(admin, 'GET', '/api/activities/newsletter')).body.activity.name).toBe('Monthly newsletter');
    const broken = await call(admin, 'POST', '/api/manifests/apply', { files: { 'activities/x.yaml': 'activity:\n  key: y\n' } });
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body)).toContain('activities/x.yaml');
    const report = await fetch(`${custos.url}/api/reports/ropa?format=csv`, { headers: { cookie: analyst } });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toContain('custos-ropa.csv');
    expect(await report.text()).toContain('Monthly newsletter');
    expect((await call(admin, 'GET', '/api/reports/notice?format=xlsx')).status).toBe(400);
  });

  it('answers the gate, the law tables and the taxonomy', async () => {
    const check = await call(analyst, 'GET', '/api/map/check');
    expect(check.body.check).toMatchObject({ ok: true });
    const law = await call(analyst, 'GET', '/api/law');
    expect(law.body.legalBases.GDPR.bases.map((b: { id: string }) => b.id)).toContain('legitimate_interests');
    const taxonomy = await call(analyst, 'GET', '/api/taxonomy?kind=data_subject');
    expect(taxonomy.body.entries).toHaveLength(15);
    expect((await call(admin, 'POST', '/api/taxonomy', { kind: 'data_category', key: 'user.contact.loyalty_card', name: 'Loyalty card number' })).status).toBe(201);
    expect((await call(admin, 'POST', '/api/taxonomy', { kind: 'data_category', key: 'nowhere.thing', name: 'Bad' })).status).toBe(400);
  });
});
