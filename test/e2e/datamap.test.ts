/**
 * The Data map page end to end: a real Custos server with the demo shop, scanned in-process before
 * the browser opens, served with the built console and driven by the machine's Chromium through
 * playwright-core. Drift is made in-process too: a column is added to the demo database and the
 * system re-scanned. Skipped locally without /usr/bin/chromium, fails under CI=true.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, startCustos, type RunningCustos } from '../support/custos-server.js';
import { announceSkip, ensureConsoleBuilt, launchChromium, REPO_ROOT, SKIP_BROWSER, openPage, screenshotFailure } from '../support/browser.js';

const ANALYST_PASSWORD = 'analyst-reads-but-never-decides';
const TEST_ACTOR = { actor: { type: 'system', id: null, name: 'test', role: null } } as const;
const SHOTS = path.join(REPO_ROOT, '.tmp', 'e2e');
announceSkip('data map e2e');

describe.skipIf(SKIP_BROWSER)('data map console (end to end)', () => {
  let custos: RunningCustos;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let systemId: string;
  let errorsBefore = 0;
  const pageErrors: string[] = [];

  async function signIn(username: string, password: string): Promise<void> {
    await page.goto(custos.url);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-dashboard').waitFor();
  }

  async function openTab(id: string): Promise<void> {
    await page.getByTestId(`datamap-tab-${id}`).click();
    await page.getByTestId(`datamap-panel-${id}`).waitFor();
  }

  async function shot(name: string, fullPage = true): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `datamap-${name}.png`), fullPage });
  }

  async function scanDemo(): Promise<void> {
    const scan = await custos.app.discovery.requestScan(TEST_ACTOR, systemId, {}, { enqueue: false });
    const done = await custos.app.discovery.runScan(scan.id);
    if (done.status !== 'completed') throw new Error(`the demo scan ended ${done.status}: ${done.error ?? ''}`);
  }

  const errorCount = async () => Number(await page.getByTestId('gate-summary').getAttribute('data-errors'));

  beforeAll(async () => {
    ensureConsoleBuilt();
    custos = await startCustos({ demo: true });
    const systems = await custos.app.systems.listSystems();
    const demo = systems.find((s) => s.origin === 'demo') ?? systems[0];
    if (!demo) throw new Error('the demo system was not provisioned');
    systemId = demo.id;
    await scanDemo();

    const cookie = await login(custos.url);
    const created = await fetch(`${custos.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ username: 'ana', displayName: 'Ana Analyst', role: 'analyst', password: ANALYST_PASSWORD }),
    });
    if (created.status !== 201) throw new Error(`creating the analyst failed: ${created.status} ${await created.text()}`);

    browser = await launchChromium();
    ({ context, page } = await openPage(browser, pageErrors));
  });

  afterEach(async (ctx) => screenshotFailure(page, 'datamap', ctx.task));

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await custos?.close();
  });

  it('opens the Data map from the navigation and shows customers.email with its category and level', async () => {
    await signIn('admin', ADMIN_PASSWORD);
    const nav = page.getByTestId('nav-data-map');
    expect(await nav.getAttribute('data-coming-soon')).toBeNull();
    await nav.click();
    expect(new URL(page.url()).pathname).toBe('/data-map');
    expect(await page.getByTestId('page-title').innerText()).toBe('Data map');

    const customers = page.locator('[data-testid="map-table"][data-table="customers"]');
    await customers.waitFor();
    expect(await customers.getAttribute('data-reachable')).toBe('true');
    await customers.getByTestId('map-table-toggle').click();
    const email = page.locator('[data-testid="map-field"][data-table="customers"][data-column="email"]');
    await email.waitFor();
    expect(await email.getAttribute('data-category')).toBe('user.contact.email');
    expect(await email.getAttribute('data-level')).toBe('L3');
    const text = await email.innerText();
    expect(text).toContain('identity');
    expect(text).toMatch(/L3/);

    // The side panel follows a table through its identity path.
    await page.locator('[data-testid="map-table"][data-table="payments"]').getByTestId('map-table-select').click();
    const detail = page.getByTestId('map-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('map-detail-path').innerText()).toContain('customers.id → orders.customer_id');
    await shot('map');
  });

  it('filters the tables with the search box', async () => {
    await page.getByTestId('map-detail-close').click();
    const tables = page.getByTestId('map-table');
    const before = await tables.count();
    expect(before).toBeGreaterThan(3);
    await page.getByTestId('map-search').fill('payments');
    await expect.poll(async () => tables.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table')))).toEqual(['payments']);
    // A column name finds its table and shows the matching field.
    await page.getByTestId('map-search').fill('national_id');
    await expect.poll(async () => tables.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table')))).toEqual(['customers']);
    expect(await page.locator('[data-testid="map-field"][data-column="national_id"]').count()).toBe(1);
    await page.getByTestId('map-search').scrollIntoViewIfNeeded();
    await shot('map-search', false);
    await page.getByTestId('map-search').fill('');
    await expect.poll(() => tables.count()).toBe(before);
  });

  it('shows where each category lives', async () => {
    await openTab('locations');
    const row = page.locator('[data-testid="locations-row"][data-category="user.contact.email"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('demo-shop');
    await shot('locations');
  });

  it('lists category-no-activity in the gate before any activity exists', async () => {
    await openTab('gate');
    await page.getByTestId('gate-summary').waitFor();
    expect(await page.locator('[data-testid="gate-violation"][data-rule="category-no-activity"]').count()).toBeGreaterThan(0);
    errorsBefore = await errorCount();
    expect(errorsBefore).toBeGreaterThan(0);
    expect(await page.getByTestId('gate-list').innerText()).toContain('How to fix');
    await shot('gate');
  });

  it('downloads the ROPA as HTML from its link', async () => {
    const link = page.locator('[data-testid="report"][data-kind="ropa"] [data-testid="report-download"][data-format="html"]');
    const href = await link.getAttribute('href');
    expect(href).toBe('/api/reports/ropa?format=html');
    const response = await page.request.get(new URL(href!, custos.url).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
  });

  it('creates an activity in the editor and lists it', async () => {
    await openTab('activities');
    await page.getByTestId('activity-new').click();
    const editor = page.getByTestId('activity-editor');
    await editor.waitFor();
    await page.getByTestId('activity-key').fill('customer-accounts');
    await page.getByTestId('activity-name').fill('Customer accounts and orders');
    for (const [picker, key] of [['activity-uses', 'essential.service'], ['activity-categories', 'user'], ['activity-subjects', 'customer']] as const) {
      await page.getByTestId(`${picker}-search`).fill(key);
      await page.locator(`[data-testid="${picker}"] [data-testid="picker-option"][data-key="${key}"]`).click();
      await page.locator(`[data-testid="${picker}"] [data-testid="picker-chip"][data-key="${key}"]`).waitFor();
    }
    await page.getByTestId('activity-bases-add').click();
    await page.getByTestId('basis-jurisdiction').selectOption('GDPR');
    await page.getByTestId('basis-basis').selectOption('contract');
    await page.getByTestId('activity-retention-period').fill('P6Y');
    await page.locator('[data-testid="activity-system"][data-system="demo-shop"]').check();
    await shot('activity-editor');
    await page.getByTestId('activity-save').click();

    const row = page.locator('[data-testid="activity-row"][data-key="customer-accounts"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('Customer accounts and orders');
    expect(await row.innerText()).toContain('GDPR: contract');
    const stored = await custos.app.datamap.getActivity('customer-accounts');
    expect(stored.systems).toEqual(['demo-shop']);
    expect(stored.retention?.period).toBe('P6Y');
    await shot('activities');
  });

  it('shows the server’s field problems when an activity is invalid', async () => {
    await page.getByTestId('activity-new').click();
    await page.getByTestId('activity-key').fill('Bad Key');
    await page.getByTestId('activity-name').fill('Broken');
    await page.getByTestId('activity-retention-period').fill('6 years');
    await page.getByTestId('activity-save').click();
    const problem = page.getByTestId('activity-error');
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('VALIDATION_FAILED');
    expect(await page.locator('.field-invalid [data-testid="activity-key"]').count()).toBe(1);
    await page.getByTestId('activity-editor-close').click();
  });

  it('deletes an activity after confirmation', async () => {
    const cookie = await login(custos.url);
    const put = await fetch(`${custos.url}/api/activities/scratch`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ key: 'scratch', name: 'Scratch activity' }) });
    expect(put.status).toBe(200);
    await page.getByTestId('datamap-refresh').click();
    const row = page.locator('[data-testid="activity-row"][data-key="scratch"]');
    await row.waitFor();
    await row.getByTestId('activity-delete').click();
    await row.getByTestId('activity-delete-confirm').click();
    await row.waitFor({ state: 'detached' });
    expect((await custos.app.datamap.listActivities()).map((a) => a.key)).toEqual(['customer-accounts']);
  });

  it('reports fewer gate errors once the activity covers the categories', async () => {
    await openTab('gate');
    await page.getByTestId('gate-summary').waitFor();
    await expect.poll(errorCount).toBeLessThan(errorsBefore);
    expect(await page.locator('[data-testid="gate-violation"][data-rule="category-no-activity"]').count()).toBe(0);
  });

  it('edits a system’s hosting details on the Systems page', async () => {
    await page.getByTestId('nav-systems').click();
    await page.getByTestId('system-details-edit').first().click();
    await page.getByTestId('system-owner').fill('Shop team');
    await page.getByTestId('system-country').fill('DE');
    await page.getByTestId('system-region').fill('eu-central-1');
    await shot('system-details');
    await page.getByTestId('system-details-save').click();
    await expect.poll(async () => page.locator('[data-testid="systems-row"][data-origin="demo"] [data-testid="system-details"]').innerText()).toContain('DE');
    const [system] = await custos.app.systems.listSystems();
    expect(system?.hostingCountry).toBe('DE');
  });

  it('lists drift from a re-scan and resolves it with a note', async () => {
    const demo = await PGlite.create(path.join(custos.dataDir, 'demo'));
    try {
      await demo.exec('ALTER TABLE shop.orders ADD COLUMN contact_phone text');
      await demo.exec('UPDATE shop.orders o SET contact_phone = c.phone FROM shop.customers c WHERE c.id = o.customer_id');
    } finally {
      await demo.close();
    }
    await scanDemo();
    const open = await custos.app.datamap.listDrift({ status: 'open' });
    expect(open.some((d) => d.table === 'orders' && d.column === 'contact_phone')).toBe(true);

    await page.getByTestId('nav-data-map').click();
    await page.getByTestId('drift-unread').waitFor();
    await openTab('drift');
    const item = page.locator('[data-testid="drift-item"][data-table="orders"][data-column="contact_phone"]');
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('open');
    expect(await item.innerText()).toContain('customer-accounts');
    await shot('drift');

    await item.getByTestId('drift-resolve').click();
    await item.getByTestId('drift-note').fill('Covered by customer-accounts');
    await item.getByTestId('drift-confirm').click();
    await page.locator('[data-testid="drift-item"][data-table="orders"][data-column="contact_phone"][data-status="resolved"]').waitFor();
    const resolved = (await custos.app.datamap.listDrift({ status: 'resolved' })).find((d) => d.column === 'contact_phone');
    expect(resolved?.resolvedBy).toBe('admin');
    expect(resolved?.resolutionNote).toBe('Covered by customer-accounts');
  });

  it('shows the references panel', async () => {
    await openTab('references');
    await page.getByTestId('references-review').waitFor();
    await page.getByTestId('reference-declare').waitFor();
    await shot('references');
  });

  it('shows an analyst the map but no edit controls', async () => {
    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-username').waitFor();
    await signIn('ana', ANALYST_PASSWORD);
    await page.getByTestId('nav-data-map').click();
    await page.locator('[data-testid="map-table"][data-table="customers"]').waitFor();

    await openTab('activities');
    await page.locator('[data-testid="activity-row"][data-key="customer-accounts"]').waitFor();
    for (const id of ['activity-new', 'activity-edit', 'activity-delete']) expect(await page.getByTestId(id).count(), id).toBe(0);
    await page.getByTestId('activity-view').first().click();
    await page.getByTestId('activity-editor').waitFor();
    expect(await page.getByTestId('activity-save').count()).toBe(0);
    expect(await page.getByTestId('activity-name').isDisabled()).toBe(true);
    await shot('analyst-activity');
    await page.getByTestId('activity-editor-close').click();

    await openTab('drift');
    await page.getByTestId('drift-filter-status').selectOption('all');
    await page.getByTestId('drift-item').first().waitFor();
    for (const id of ['drift-resolve', 'drift-acknowledge', 'drift-reopen']) expect(await page.getByTestId(id).count(), id).toBe(0);

    await openTab('references');
    await page.getByTestId('references-review').waitFor();
    expect(await page.getByTestId('reference-declare').count()).toBe(0);

    await page.getByTestId('nav-systems').click();
    await page.getByTestId('systems-row').first().waitFor();
    expect(await page.getByTestId('system-details-edit').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
