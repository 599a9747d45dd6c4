/**
 * The public subject portal end to end: a real Custos server that sends its one-time codes to a
 * real SMTP server on loopback (test/support/smtp.ts), served with the built console and driven by the
 * machine's Chromium through playwright-core. Nobody signs in. Skipped locally without
 * /usr/bin/chromium, fails under CI=true (as the console suite does).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCustos, type RunningCustos } from '../support/custos-server.js';
import { announceSkip, ensureConsoleBuilt, launchChromium, REPO_ROOT, SKIP_BROWSER, openPage, screenshotFailure } from '../support/browser.js';
import { codeFrom, startSmtp, type TestSmtp } from '../support/smtp.js';

const SHOTS = path.join(REPO_ROOT, '.tmp', 'e2e');
const SUBJECT = 'maria.keller@example.org';
announceSkip('portal e2e');

describe.skipIf(SKIP_BROWSER)('public subject portal (end to end)', () => {
  let smtp: TestSmtp;
  let custos: RunningCustos;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const apiCalls: string[] = [];

  async function shot(name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `portal-${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    smtp = await startSmtp();
    custos = await startCustos({ config: { smtp: smtp.config } });
    browser = await launchChromium();
    ({ context, page } = await openPage(browser, pageErrors, { width: 1280 }));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) apiCalls.push(`${request.method()} ${url.pathname}`);
    });
  });

  afterEach(async (ctx) => screenshotFailure(page, 'portal', ctx.task));

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await custos?.close();
    await smtp?.close();
  });

  it('opens /portal without signing in: no sign-in form, no staff navigation, no session call', async () => {
    await page.goto(`${custos.url}/portal`);
    await page.getByTestId('portal-request-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(await page.getByTestId('portal-heading').innerText()).toBe('Make a privacy request');
    expect(await page.getByTestId('login-form').count()).toBe(0);
    expect(await page.locator('nav, [data-testid^="nav-"], [data-testid="logout-button"]').count()).toBe(0);
    // Every right is offered, each with a plain-language description.
    const types = await page.getByTestId('portal-type').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-type')));
    expect(types).toEqual(expect.arrayContaining(['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'opt_out', 'consent_withdrawal']));
    expect(apiCalls.filter((c) => c.includes('/api/auth') || c.includes('/api/setup'))).toEqual([]);
    await shot('1-request');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('1-request-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('checks the form before sending, then reveals the extra fields a request needs', async () => {
    await page.getByTestId('portal-submit').click();
    expect(await page.getByText('Choose what you would like to do.').count()).toBe(1);
    expect(await page.getByTestId('portal-email').getAttribute('aria-invalid')).toBe('true');
    expect(smtp.mails).toHaveLength(0);

    await page.locator('[data-testid="portal-type"][data-type="rectification"]').click();
    await page.getByTestId('portal-details').waitFor();
    await page.getByTestId('portal-on-behalf').check();
    await page.getByTestId('portal-agent-name').waitFor();
    await shot('1-request-extra-fields');
    await page.getByTestId('portal-on-behalf').uncheck();
    expect(await page.getByTestId('portal-agent-name').count()).toBe(0);
  });

  it('submits an access request and shows the due date while waiting for the code', async () => {
    // Keyboard only: the radio group takes focus and arrow keys; Space picks the focused card.
    await page.locator('[data-testid="portal-type"][data-type="access"] input').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('[data-testid="portal-type"][data-type="access"] input').isChecked()).toBe(true);
    expect(await page.getByTestId('portal-details').count()).toBe(0);
    await page.getByTestId('portal-email').fill(SUBJECT);
    await page.getByTestId('portal-country').selectOption('DE');
    await page.getByTestId('portal-email').press('Enter');

    await page.locator('[data-testid="portal"][data-step="code"]').waitFor();
    expect(await page.getByTestId('portal-heading').innerText()).toBe('Check your e-mail');
    expect(await page.getByTestId('portal-code-email').innerText()).toBe(SUBJECT);
    const due = await page.getByTestId('portal-due-date').getAttribute('data-due');
    expect(Number.isNaN(Date.parse(due ?? ''))).toBe(false);
    expect(Date.parse(due!)).toBeGreaterThan(Date.now());
    expect(await page.getByTestId('portal-code').getAttribute('autocomplete')).toBe('one-time-code');
    expect(await page.getByTestId('portal-code').getAttribute('inputmode')).toBe('numeric');

    await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(1);
    expect(smtp.mails[0]!.to).toEqual([SUBJECT]);
    await shot('2-code');
  });

  it('refuses a wrong code and says how many attempts are left', async () => {
    const code = codeFrom(smtp.mails[0]!);
    const wrong = code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    await page.getByTestId('portal-code').fill(wrong);
    await page.getByTestId('portal-verify').click();
    const error = page.getByTestId('portal-code-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('VERIFICATION_FAILED');
    expect(await error.innerText()).toContain('That code is not right');
    expect(await error.innerText()).toMatch(/attempt/i);
    expect(await page.getByTestId('portal-code').getAttribute('aria-invalid')).toBe('true');
    await shot('2-code-wrong');
  });

  it('accepts the right code and confirms the request with its reference and due date', async () => {
    await page.getByTestId('portal-code').fill(codeFrom(smtp.mails[0]!));
    await page.getByTestId('portal-verify').click();
    await page.getByTestId('portal-confirmation').waitFor();
    expect(await page.getByTestId('portal-heading').innerText()).toBe('Your request is confirmed');
    const reference = (await page.getByTestId('portal-reference').innerText()).trim();
    expect(reference.length).toBeGreaterThan(0);
    expect(await page.getByTestId('portal-done-type').innerText()).toBe('See my data');
    const due = await page.getByTestId('portal-due-date').getAttribute('data-due');
    expect(Date.parse(due ?? '')).toBeGreaterThan(Date.now());
    expect((await page.getByTestId('portal-due-date').innerText()).length).toBeGreaterThan(6);
    await shot('3-done');

    expect(apiCalls.filter((c) => c.includes('/api/auth') || c.includes('/api/setup'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('still shows the sign-in form on the console paths', async () => {
    await page.goto(custos.url);
    await page.getByTestId('login-form').waitFor();
  });
});
