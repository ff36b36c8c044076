import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runningPlatforms } from './support/platforms';

/**
 * The console in a real browser (Debian's Chromium, never downloaded), cut off from everything but the
 * gateway as on a city intranet: a data officer signs in with the development sign-in, reads who sees
 * what, looks at one department, previews an operation as another department, switches to Chinese; an
 * officer without the data-officer role is refused, and the console says so. Each screen is saved
 * under test-artifacts/console/. With CI set, a missing browser fails the run instead of skipping it.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');
const gateway = new URL(runningPlatforms()[0]!.gatewayUrl).origin;
const browserThere = existsSync(CHROMIUM);
const describeInBrowser = browserThere || process.env.CI ? describe : describe.skip;

/** What went wrong in the page: requests elsewhere, failed requests, CSP violations, errors. */
interface PageTrouble {
  outside: string[];
  failed: string[];
  problems: string[];
}

async function watchedPage(browser: BrowserContext): Promise<[Page, PageTrouble]> {
  const trouble: PageTrouble = { outside: [], failed: [], problems: [] };
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } } as never);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${gateway}/`) || url.startsWith('data:')) return route.continue();
    trouble.outside.push(url);
    return route.abort('internetdisconnected');
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  page.on('requestfailed', (request) => trouble.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.failed.push(`${response.url()}: ${response.status()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') trouble.problems.push(message.text());
  });
  page.on('pageerror', (error) => trouble.problems.push(error.message));
  return [page, trouble];
}

const screenshot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });

/** Picks an option of the Ant Design select in the form item labelled `label`. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select').first().click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

async function signIn(page: Page, department: string, role: string): Promise<void> {
  await page.goto(`${gateway}/console`);
  // The language choice outlives a page (localStorage); these steps read the English labels.
  await page.evaluate(() => localStorage.removeItem('civic-console-language'));
  await page.reload();
  await page.getByTestId('signin-submit').waitFor();
  await pick(page, 'Department', department);
  await pick(page, 'Role', role);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('signed-in-as').waitFor();
}

const cell = (page: Page, field: string, department: string) => page.locator(`tr[data-row-key="${field}"] [data-testid="cell-${department}"]`);

describeInBrowser('the console in Chromium', () => {
  let userDataDir: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    if (!browserThere) throw new Error(`${CHROMIUM} is missing (CI is set, so this fails rather than skips): apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    userDataDir = mkdtempSync(join(tmpdir(), 'civic-console-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      locale: 'en-US',
      viewport: { width: 1600, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('a data officer signs in, reads who sees what, one department, and a preview, in English and Chinese', async () => {
    const [page, trouble] = await watchedPage(browser);
    await page.goto(`${gateway}/console`);
    await page.getByTestId('signin-submit').waitFor();
    await pick(page, 'Department', 'police');
    await screenshot(page, '1-sign-in');
    await pick(page, 'Role', 'data-officer');
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('police · data-officer');

    // Who sees what: the phone is masked for the fire service, ID numbers are the police's and civil affairs' only.
    await cell(page, 'Resident.phone', 'fire').waitFor();
    await expect(cell(page, 'Resident.phone', 'fire').getAttribute('data-state')).resolves.toBe('MASK');
    await expect(cell(page, 'Resident.phone', 'fire').textContent()).resolves.toContain('mask·phone');
    await expect(cell(page, 'Resident.idNumber', 'community').getAttribute('data-state')).resolves.toBe('SCOPED_MASK');
    await expect(cell(page, 'Resident.idNumber', 'fire').getAttribute('data-state')).resolves.toBe('DENY');
    await cell(page, 'Resident.phone', 'fire').hover();
    const detail = page.getByTestId('cell-detail').filter({ visible: true } as never);
    await detail.waitFor();
    await expect(detail.textContent()).resolves.toMatch(/Inside the jurisdiction:\s*MASK \(phone\) — rule \d+/);
    await screenshot(page, '2-who-sees-what');
    await page.mouse.move(0, 0);

    // Filter by field, then one department's view.
    await page.getByPlaceholder('Filter fields').fill('careCategories');
    await expect(page.locator('tr[data-row-key]').count()).resolves.toBe(1);
    await page.getByPlaceholder('Filter fields').fill('');
    await page.locator('.ant-select').filter({ hasText: 'One department' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="fire"]').click();
    await expect(page.getByTestId('can-see').textContent()).resolves.toContain('Resident.phone');
    await expect(page.getByTestId('cannot-see').textContent()).resolves.toContain('Resident.idNumber');
    await screenshot(page, '3-one-department');

    // Preview as the fire service: the phone would be masked, the ID number refused, by which rule.
    await page.locator('.ant-menu-item').filter({ hasText: 'Preview as a department' }).click();
    await page.getByTestId('preview-run').click();
    await expect(page.getByTestId('decision-residents.edges.node.phone').textContent()).resolves.toBe('MASK · phone');
    await expect(page.getByTestId('decision-residents.edges.node.idNumber').textContent()).resolves.toBe('DENY');
    await expect(page.getByTestId('preview-result').textContent()).resolves.toMatch(/rule \d+/);
    await screenshot(page, '4-preview');

    // 中文: the console's own words and Ant Design's.
    await page.locator('.ant-segmented-item').filter({ hasText: '中文' }).click();
    await page.locator('.ant-menu-item').filter({ hasText: '谁能看到什么' }).click();
    await cell(page, 'Resident.phone', 'fire').waitFor();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('当前用户');
    await screenshot(page, '5-who-sees-what-zh');

    expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    await page.close();
  });

  it('an officer without the data-officer role gets the refusal, shown as one', async () => {
    const [page, trouble] = await watchedPage(browser);
    await signIn(page, 'fire', 'officer');
    const error = page.getByTestId('graphql-error');
    await error.first().waitFor();
    await expect(error.first().textContent()).resolves.toContain('FORBIDDEN');
    await expect(page.locator('tr[data-row-key]').count()).resolves.toBe(0);
    await screenshot(page, '6-refused');
    expect(trouble.outside).toEqual([]);
    expect(trouble.problems).toEqual([]);
    await page.close();
  });
});
