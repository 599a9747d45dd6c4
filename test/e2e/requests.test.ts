/**
 * The Subject requests page end to end: a real Custos server with the demo shop, scanned
 * in-process so the data map links customers to their e-mail, served with the built console and
 * driven by the machine's Chromium through playwright-core. A staff member records an access
 * request for a demo customer, verifies it, previews the plan, runs it and downloads the package;
 * an auditor sees the same request without any control. Skipped locally without /usr/bin/chromium,
 * fails under CI=true.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, startCustos, type RunningCustos } from '../support/custos-server.js';
import { announceSkip, ensureConsoleBuilt, launchChromium, REPO_ROOT, SKIP_BROWSER, openPage, screenshotFailure } from '../support/browser.js';

const AUDITOR_PASSWORD = 'auditor-reads-but-never-acts';
const TEST_ACTOR = { actor: { type: 'system', id: null, name: 'test', role: null } } as const;
const SHOTS = path.join(REPO_ROOT, '.tmp', 'e2e');
announceSkip('subject requests e2e');

describe.skipIf(SKIP_BROWSER)('subject requests console (end to end)', () => {
  let custos: RunningCustos;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let customerEmail: string;
  let requestId: string;
  const pageErrors: string[] = [];

  async function signIn(username: string, password: string): Promise<void> {
    await page.goto(custos.url);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-dashboard').waitFor();
  }

  async function shot(name: string, fullPage = true): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    // A string runs in the page: the test files are typed for Node, without the DOM's globals.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, `requests-${name}.png`), fullPage });
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    custos = await startCustos({ demo: true });
    const systems = await custos.app.systems.listSystems();
    const demo = systems.find((s) => s.origin === 'demo') ?? systems[0];
    if (!demo) throw new Error('the demo system was not provisioned');
    const scan = await custos.app.discovery.requestScan(TEST_ACTOR, demo.id, {}, { enqueue: false });
    const done = await custos.app.discovery.runScan(scan.id);
    if (done.status !== 'completed') throw new Error(`the demo scan ended ${done.status}: ${done.error ?? ''}`);

    // A customer of the demo shop with orders: the test's data subject.
    const db = await PGlite.create(path.join(custos.dataDir, 'demo'));
    try {
      const { rows } = await db.query<{ email: string }>('select c.email from shop.customers c where exists (select 1 from shop.orders o where o.customer_id = c.id) order by c.id limit 1');
      if (!rows[0]) throw new Error('the demo shop has no customer with orders');
      customerEmail = rows[0].email;
    } finally {
      await db.close();
    }

    // A request already in the queue when the browser opens it; nothing is overdue yet.
    await custos.app.dsr.submit(TEST_ACTOR, { type: 'erasure', identities: [{ kind: 'email', value: 'nobody@example.com' }], jurisdiction: 'CCPA' }, 'api');

    const cookie = await login(custos.url);
    const created = await fetch(`${custos.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ username: 'audrey', displayName: 'Audrey Auditor', role: 'auditor', password: AUDITOR_PASSWORD }),
    });
    if (created.status !== 201) throw new Error(`creating the auditor failed: ${created.status} ${await created.text()}`);

    browser = await launchChromium();
    ({ context, page } = await openPage(browser, pageErrors, { timeoutMs: 20_000 }));
  });

  afterEach(async (ctx) => screenshotFailure(page, 'requests', ctx.task));

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await custos?.close();
  });

  it('opens the queue from the navigation, soonest due first', async () => {
    await signIn('admin', ADMIN_PASSWORD);
    const nav = page.getByTestId('nav-subject-requests');
    expect(await nav.getAttribute('data-coming-soon')).toBeNull();
    await nav.click();
    expect(new URL(page.url()).pathname).toBe('/subject-requests');
    expect(await page.getByTestId('page-title').innerText()).toBe('Subject requests');
    const row = page.getByTestId('request-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().getAttribute('data-type')).toBe('erasure');
    expect(await row.first().getByTestId('request-due').innerText()).toMatch(/days? left/);
    await page.getByTestId('requests-tab-overdue').click();
    await page.locator('[data-testid="requests-queue"][data-filter="overdue"]').waitFor();
    await page.getByText('Nothing is overdue').waitFor();
    await page.getByTestId('requests-tab-open').click();
    await row.first().waitFor();
    await shot('queue');
  });

  it('records an access request through the intake form, with field problems from the API', async () => {
    await page.getByTestId('requests-new').click();
    await page.getByTestId('intake').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('new');

    // A second identity row, then an e-mail the server refuses: the problem shows on its field.
    await page.getByTestId('intake-identity-add').click();
    expect(await page.getByTestId('intake-identity').count()).toBe(2);
    await page.getByTestId('intake-identity').nth(1).getByTestId('intake-identity-remove').click();
    expect(await page.getByTestId('intake-identity').count()).toBe(1);
    await page.getByTestId('intake-identity-value').fill('not-an-address');
    await page.getByTestId('intake-jurisdiction').selectOption('GDPR');
    await page.getByTestId('intake-submit').click();
    const intakeError = page.getByTestId('intake-error');
    await intakeError.waitFor();
    expect(await page.locator('[data-testid="intake-identity"] .field-error').innerText()).toContain('not an e-mail address');

    // Rectification asks for corrections; agent fields are there.
    await page.getByTestId('intake-type').selectOption('rectification');
    await page.getByTestId('intake-corrections').waitFor();
    await page.getByTestId('intake-type').selectOption('access');
    expect(await page.getByTestId('intake-corrections').count()).toBe(0);
    await page.getByTestId('intake-agent-name').waitFor();
    await shot('intake');

    await page.getByTestId('intake-identity-value').fill(customerEmail);
    await page.getByTestId('intake-submit').click();
    const detail = page.getByTestId('request-detail');
    await detail.waitFor();
    requestId = (await detail.getAttribute('data-id'))!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new URL(page.url()).searchParams.get('id')).toBe(requestId);
    expect(await detail.getAttribute('data-status')).toBe('received');
    expect(await page.getByTestId('request-jurisdiction').innerText()).toContain('GDPR');
    // The address is shown masked, never in full.
    const identities = await page.getByTestId('request-identities').innerText();
    expect(identities).toContain('E-mail');
    expect(identities).not.toContain(customerEmail);
    expect(await page.getByTestId('request-verified').innerText()).toContain('Not yet');
    expect(await page.getByTestId('run-blocked').count()).toBe(1);
  });

  it('says why a code cannot be e-mailed when SMTP is not set', async () => {
    await page.getByTestId('send-code-button').click();
    const error = page.getByTestId('send-code-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('MAIL_NOT_CONFIGURED');
    expect(await error.innerText()).toContain('CUSTOS_SMTP_HOST');
  });

  it('verifies by staff, previews the plan and changes nothing', async () => {
    await page.getByTestId('verify-input').fill('Called back on the number on file');
    await page.getByTestId('verify-submit').click();
    await page.locator('[data-testid="request-detail"][data-status="verified"]').waitFor();
    expect(await page.getByTestId('request-verified').innerText()).not.toContain('Not yet');
    await page.locator('[data-testid="request-event"][data-kind="verified"]').waitFor();

    await page.getByTestId('plan-preview').click();
    const customers = page.locator('[data-testid="plan-table"][data-table="customers"]');
    await customers.waitFor();
    expect(await customers.getAttribute('data-matched')).toBe('1');
    expect(await customers.getByTestId('plan-matched').innerText()).toBe('1');
    expect(await page.getByTestId('plan-note').innerText()).toContain('nothing is read out, changed or deleted');
    const request = await custos.app.dsr.get(requestId);
    expect(request.status).toBe('verified');
    await shot('plan');
  });

  it('runs the request after a confirmation, then offers the package', async () => {
    await page.getByTestId('run').click();
    await page.getByTestId('run-confirm').click();
    await page.locator('[data-testid="request-detail"][data-status="completed"]').waitFor({ timeout: 60_000 });
    const result = page.getByTestId('run-result');
    await result.waitFor();
    expect(await result.getAttribute('data-failed')).toBe('0');
    expect(await page.locator('[data-testid="run-table"][data-table="shop.customers"]').count()).toBe(1);
    await page.locator('[data-testid="request-event"][data-kind="completed"]').waitFor();
    // A completed request has no more steps to take.
    expect(await page.getByTestId('request-actions').count()).toBe(0);

    const link = page.getByTestId('package-download');
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/requests/${requestId}/package`);
    const response = await page.request.get(new URL(href!, custos.url).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/zip');
    const body = await response.body();
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    await shot('detail');

    await page.getByTestId('request-back').click();
    await page.getByTestId('requests-tab-all').click();
    await page.locator(`[data-testid="request-row"][data-id="${requestId}"][data-status="completed"]`).waitFor();
  });

  it('warns before an erasure and keeps it blocked until the identity is verified', async () => {
    await page.locator('[data-testid="request-row"][data-type="erasure"]').getByTestId('request-open').click();
    await page.getByTestId('request-detail').waitFor();
    expect(await page.getByTestId('erasure-warning').innerText()).toContain('cannot be undone');
    expect(await page.getByTestId('run-blocked').count()).toBe(1);
    expect(await page.getByTestId('package-download').count()).toBe(0);
    await page.getByTestId('plan-preview').click();
    await page.getByTestId('plan').waitFor();
    await shot('erasure');
    // The dashboard counts what is open.
    await page.getByTestId('nav-dashboard').click();
    await expect.poll(async () => page.getByTestId('dashboard-requests').innerText()).toMatch(/1\s*open/);
  });

  it('places a legal hold on a table and releases it', async () => {
    await page.getByTestId('nav-subject-requests').click();
    const holds = page.getByTestId('holds');
    await holds.waitFor();
    await page.getByTestId('hold-scope').selectOption('table');
    await page.getByTestId('hold-target').fill('demo-shop/shop.payments');
    await page.getByTestId('hold-reason').fill('tax audit');
    await page.getByTestId('hold-matter').fill('FA-88');
    await page.getByTestId('hold-add').click();
    const row = holds.locator('[data-testid="hold-row"][data-scope="table"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('demo-shop/shop.payments');
    expect((await custos.app.holds.list()).map((h) => [h.scope, h.table, h.reason])).toEqual([['table', 'payments', 'tax audit']]);
    await shot('holds');
    await row.getByTestId('hold-release').click();
    await row.getByTestId('hold-release-confirm').click();
    await expect.poll(async () => (await custos.app.holds.list()).length).toBe(0);
  });

  it('shows an auditor the request without any control', async () => {
    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-username').waitFor();
    await signIn('audrey', AUDITOR_PASSWORD);
    await page.getByTestId('nav-subject-requests').click();
    await page.getByTestId('requests-queue').waitFor();
    expect(await page.getByTestId('requests-new').count()).toBe(0);

    await page.goto(`${custos.url}/subject-requests?filter=all`);
    const row = page.locator('[data-testid="request-row"][data-type="erasure"]');
    await row.waitFor();
    await row.getByTestId('request-open').click();
    await page.getByTestId('request-detail').waitFor();
    expect(await page.getByTestId('request-actions').count()).toBe(0);
    expect(await page.getByTestId('verify').count()).toBe(0);
    expect(await page.getByTestId('run').count()).toBe(0);
    expect(await page.getByTestId('package-download').count()).toBe(0);
    // Reading the plan is allowed: it changes nothing.
    await page.getByTestId('plan-preview').click();
    await page.getByTestId('plan').waitFor();
    // A direct call to a write route is refused.
    const refused = await page.request.post(`${custos.url}/api/requests/${requestId}/extend`, { data: { reason: 'auditors cannot extend' } });
    expect(refused.status()).toBe(403);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
