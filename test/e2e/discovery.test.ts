/**
 * The Discovery page end to end: a real Custos server with the demo shop, scanned in-process before
 * the browser opens (no job worker runs the scan), served with the built console and driven by the
 * machine's Chromium through playwright-core. Skipped locally without /usr/bin/chromium, fails
 * under CI=true (as the console suite does).
 */
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, startCustos, type RunningCustos } from '../support/custos-server.js';
import { announceSkip, ensureConsoleBuilt, launchChromium, SKIP_BROWSER, openPage, screenshotFailure } from '../support/browser.js';

const ANALYST_PASSWORD = 'analyst-reads-but-never-decides';
const TEST_ACTOR = { actor: { type: 'system', id: null, name: 'test', role: null } } as const;
announceSkip('discovery e2e');

describe.skipIf(SKIP_BROWSER)('discovery console (end to end)', () => {
  let custos: RunningCustos;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let systemId: string;
  const pageErrors: string[] = [];

  const row = (table: string, column: string): Locator =>
    page.locator(`[data-testid="findings-row"][data-table="${table}"][data-column="${column}"]`);

  async function signIn(username: string, password: string): Promise<void> {
    await page.goto(custos.url);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-dashboard').waitFor();
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    custos = await startCustos({ demo: true });
    // The queue is started so "Scan now" can enqueue; no worker is registered for scans, so a
    // scan requested from the console stays queued.
    await custos.app.jobs.start();
    const systems = await custos.app.systems.listSystems();
    const demo = systems.find((s) => s.origin === 'demo') ?? systems[0];
    if (!demo) throw new Error('the demo system was not provisioned');
    systemId = demo.id;
    const scan = await custos.app.discovery.requestScan(TEST_ACTOR, systemId, {}, { enqueue: false });
    const done = await custos.app.discovery.runScan(scan.id);
    if (done.status !== 'completed') throw new Error(`the demo scan ended ${done.status}: ${done.error ?? ''}`);

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

  afterEach(async (ctx) => screenshotFailure(page, 'discovery', ctx.task));

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await custos?.close();
  });

  it('opens Discovery from the navigation and shows the heat map with a sensitive table', async () => {
    await signIn('admin', ADMIN_PASSWORD);
    const nav = page.getByTestId('nav-discovery');
    expect(await nav.getAttribute('data-coming-soon')).toBeNull();
    await nav.click();
    expect(new URL(page.url()).pathname).toBe('/discovery');
    expect(await page.getByTestId('page-title').innerText()).toBe('Discovery');

    await page.getByTestId('discovery-heatmap').waitFor();
    const cells = page.getByTestId('heatmap-cell');
    await cells.first().waitFor();
    expect(await page.locator('[data-testid="heatmap-cell"][data-level="L4"]').count()).toBeGreaterThanOrEqual(1);
    const customers = page.locator('[data-testid="heatmap-cell"][data-table="customers"]');
    expect(await customers.count()).toBe(1);
    expect(await customers.getAttribute('data-level')).toMatch(/^L[34]$/);
    // The legend uses the policy's level names.
    expect(await page.getByTestId('level-legend').innerText()).toContain('Sensitive');
  });

  it('lists customers.email as an e-mail address finding, with masked evidence', async () => {
    const email = row('customers', 'email');
    await email.waitFor();
    expect(await email.count()).toBe(1);
    expect(await email.getAttribute('data-entity')).toBe('EMAIL_ADDRESS');
    expect(await email.getAttribute('data-status')).toBe('proposed');

    await email.getByTestId('finding-toggle').click();
    const details = page.getByTestId('finding-details');
    await details.waitFor();
    expect(await details.getByTestId('finding-evidence').innerText()).toMatch(/matched/);
    const examples = await details.getByTestId('finding-examples').innerText();
    expect(examples).toContain('*');
    expect(examples).toContain('@');
    await email.getByTestId('finding-toggle').click();
    expect(await page.getByTestId('finding-details').count()).toBe(0);
  });

  it('filters the findings to a table when its heat-map cell is clicked', async () => {
    await page.locator('[data-testid="heatmap-cell"][data-table="customers"]').click();
    await page.getByTestId('findings-table-filter').waitFor();
    await expect.poll(async () => new Set(await page.getByTestId('findings-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table'))))).toEqual(new Set(['customers']));
    expect(await row('customers', 'email').count()).toBe(1);
  });

  it('confirms a finding and shows who decided', async () => {
    const email = row('customers', 'email');
    await email.getByTestId('finding-confirm').click();
    await page.locator('[data-testid="findings-row"][data-table="customers"][data-column="email"][data-status="confirmed"]').waitFor();
    expect(await email.innerText()).toContain('by admin');

    const [stored] = (await custos.app.discovery.listFindings({ table: 'customers' })).filter((f) => f.column === 'email');
    expect(stored?.status).toBe('confirmed');
    expect(stored?.decision?.by).toBe('admin');
  });

  it('rejects another finding', async () => {
    await page.getByTestId('findings-clear-table').click();
    await expect.poll(async () => new Set(await page.getByTestId('findings-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table')))).size).toBeGreaterThan(1);
    const target = page.locator('[data-testid="findings-row"][data-status="proposed"]:not([data-column="email"])').first();
    const table = (await target.getAttribute('data-table'))!;
    const column = (await target.getAttribute('data-column'))!;
    await target.getByTestId('finding-reject').click();
    await page.locator(`[data-testid="findings-row"][data-table="${table}"][data-column="${column}"][data-status="rejected"]`).waitFor();

    const stored = (await custos.app.discovery.listFindings({ table })).find((f) => f.column === column);
    expect(stored?.status).toBe('rejected');
    // The decisions survive a reload.
    await page.reload();
    await row(table, column).waitFor();
    expect(await row(table, column).getAttribute('data-status')).toBe('rejected');
    expect(await row('customers', 'email').getAttribute('data-status')).toBe('confirmed');
  });

  it('starts a scan from the console, shows it queued, and cancels it', async () => {
    const system = page.locator(`[data-testid="system-scans"][data-system-id="${systemId}"]`);
    await system.getByTestId('scan-now').click();
    await page.locator('[data-testid="scan-status"][data-status="queued"]').first().waitFor();
    const progress = page.getByTestId('scan-progress');
    await progress.waitFor();
    expect(await progress.getAttribute('data-status')).toBe('queued');
    const queued = await custos.app.discovery.listScans({ systemId });
    expect(queued[0]?.status).toBe('queued');
    expect(queued[0]?.requestedBy).toBe('admin');

    await progress.getByTestId('scan-cancel').click();
    await page.locator(`[data-testid="scan-row"][data-scan-id="${queued[0]!.id}"][data-status="cancelled"]`).waitFor();
    expect(await page.getByTestId('scan-progress').count()).toBe(0);
    expect((await custos.app.discovery.getScan(queued[0]!.id)).status).toBe('cancelled');
  });

  it('registers no server path as a system, shows why, and never shows the URL', async () => {
    await page.getByTestId('register-system-open').click();
    const url = page.getByTestId('register-system-url');
    expect(await url.getAttribute('type')).toBe('password');
    await page.getByTestId('register-system-name').fill('server-files');
    await url.fill('/etc');
    await page.getByTestId('register-system-submit').click();
    const error = page.getByTestId('register-system-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/CUSTOS_DISCOVERY_FILE_ROOTS/);
    expect((await custos.app.systems.listSystems()).some((s) => s.name === 'server-files')).toBe(false);
    expect(await page.locator('body').innerText()).not.toContain('/etc');
  });

  it('shows an analyst the findings but no scan, decision or registration controls', async () => {
    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-username').waitFor();
    await signIn('ana', ANALYST_PASSWORD);
    await page.getByTestId('nav-discovery').click();
    await row('customers', 'email').waitFor();
    await page.getByTestId('system-scans').first().waitFor();
    expect(await page.getByTestId('heatmap-cell').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('finding-confirm').count()).toBe(0);
    expect(await page.getByTestId('finding-reject').count()).toBe(0);
    expect(await page.getByTestId('scan-now').count()).toBe(0);
    expect(await page.getByTestId('register-system-open').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
