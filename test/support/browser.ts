/**
 * The machine's Chromium for end-to-end tests (never a downloaded browser), and the console build
 * they serve. Without /usr/bin/chromium a suite skips with one line saying how to enable it; under
 * CI=true it fails instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROOT = REPO_ROOT;
const WEB = path.join(ROOT, 'web');
export const CHROMIUM = process.env.CUSTOS_CHROMIUM ?? '/usr/bin/chromium';
const IS_CI = process.env.CI === 'true';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Whether a browser suite should be skipped here (never under CI). */
export const SKIP_BROWSER = !HAVE_CHROMIUM && !IS_CI;

export function announceSkip(suite: string): void {
  if (SKIP_BROWSER) console.warn(`[custos tests] ${CHROMIUM} not found: ${suite} skipped; \`apt-get install chromium\` enables it.`);
}

export async function launchChromium(): Promise<Browser> {
  if (!HAVE_CHROMIUM) throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}; install it (apt-get install chromium) or set CUSTOS_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stat.mtimeMs);
}

/** Builds web/dist when it is missing or older than the console sources. */
export function ensureConsoleBuilt(): void {
  const built = path.join(WEB, 'dist', 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(WEB, p)).filter((p) => existsSync(p));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!existsSync(built)) throw new Error('vite build finished but web/dist/index.html is missing');
}

/** Where end-to-end tests save screenshots (git-ignored). */
export const SHOTS = path.join(REPO_ROOT, '.tmp', 'e2e');

/** A fresh page with the console's viewport; uncaught page errors are collected for the test to assert on. */
export async function openPage(browser: Browser, pageErrors: string[], options: { width?: number; timeoutMs?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1360, height: 900 }, acceptDownloads: false });
  context.setDefaultTimeout(options.timeoutMs ?? 15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page };
}

/** After a failed test: a full-page screenshot named after it, and one line saying where it is. */
export async function screenshotFailure(page: Page | undefined, suite: string, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (task.result?.state !== 'fail' || !page) return;
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${suite}-failed-${task.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  console.warn(`[${suite} e2e] screenshot of the failure: ${file}`);
}
