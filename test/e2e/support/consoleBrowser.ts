import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runningPlatforms } from './platforms';

/**
 * What every console test needs: Debian's Chromium (never downloaded), a page cut off from everything
 * but the gateway as on a city intranet and watched for failed requests, CSP violations and errors,
 * the development sign-in, and screenshots under test-artifacts/console/. With CI set, a missing
 * browser fails the run instead of skipping it.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
export const gateway = new URL(runningPlatforms()[0]!.gatewayUrl).origin;
export const browserThere = existsSync(CHROMIUM);
export const describeInBrowser = browserThere || process.env.CI ? describe : describe.skip;

/** What went wrong in the page: requests elsewhere, failed requests, CSP violations, errors. */
export interface PageTrouble {
  outside: string[];
  failed: string[];
  problems: string[];
}

export async function watchedPage(browser: BrowserContext): Promise<[Page, PageTrouble]> {
  const trouble: PageTrouble = { outside: [], failed: [], problems: [] };
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } } as never);
  await page.setViewportSize({ width: 1600, height: 1000 });
  // Every step waits for what a person would see; a generous ceiling for a busy machine, not a measure.
  page.setDefaultTimeout(90_000);
  page.setDefaultNavigationTimeout(90_000);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${gateway}/`) || url.startsWith('data:')) return route.continue();
    trouble.outside.push(url);
    return route.abort('internetdisconnected');
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is the page's or the browser's own cancelling: a reload or a change of screen drops the
    // requests under way (the icon, a GraphQL query seen cut once in CI), and Chromium reports a fetch read
    // to its end through a stream reader (the CSV export) as aborted after its 200 in about 4 runs out of 10.
    // What the server or the network does wrong is another error (ERR_EMPTY_RESPONSE, ERR_CONNECTION_RESET,
    // ERR_INCOMPLETE_CHUNKED_ENCODING...) or a status of 400 or more, and is still caught.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    trouble.failed.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.failed.push(`${response.url()}: ${response.status()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') trouble.problems.push(message.text());
  });
  page.on('pageerror', (error) => trouble.problems.push(error.message));
  return [page, trouble];
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });

/** Picks an option of the Ant Design select in the form item labelled `label`. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select').first().click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** Opens the console and waits for its settings, so that a reload right after cancels nothing under way. */
export async function openConsole(page: Page): Promise<void> {
  const settings = page.waitForResponse((response) => response.url().endsWith('/console/config.json'));
  await page.goto(`${gateway}/console`);
  await settings;
}

export async function signIn(page: Page, department: string, role: string): Promise<void> {
  await openConsole(page);
  // The language choice outlives a page (localStorage); these steps read the English labels.
  await page.evaluate(() => localStorage.removeItem('civic-console-language'));
  await page.reload();
  await page.getByTestId('signin-submit').waitFor();
  await pick(page, 'Department', department);
  await pick(page, 'Role', role);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('signed-in-as').waitFor();
}

export const cell = (page: Page, field: string, department: string) => page.locator(`tr[data-row-key="${field}"] [data-testid="cell-${department}"]`);

/** Opens a Chromium of its own for one describe block; close it with closeBrowser. */
export async function openBrowser(): Promise<{ browser: BrowserContext; userDataDir: string }> {
  if (!browserThere) throw new Error(`${CHROMIUM} is missing (CI is set, so this fails rather than skips): apt-get install -y chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'civic-console-chromium-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    locale: 'en-US',
    viewport: { width: 1600, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, userDataDir };
}

export async function closeBrowser(opened: { browser?: BrowserContext; userDataDir?: string } | undefined): Promise<void> {
  await opened?.browser?.close();
  if (opened?.userDataDir) rmSync(opened.userDataDir, { recursive: true, force: true });
}

/** Opens a page on the console, signed in through the development sign-in. */
export async function signedInPage(browser: BrowserContext, department: string, role: string): Promise<[Page, PageTrouble]> {
  const [page, trouble] = await watchedPage(browser);
  await signIn(page, department, role);
  return [page, trouble];
}

/** Clicks the console's menu item with this label. */
export const openScreen = (page: Page, label: string) => page.locator('.ant-menu-item').filter({ hasText: label }).click();
