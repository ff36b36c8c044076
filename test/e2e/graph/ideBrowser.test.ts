import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';

/**
 * The IDE in a real browser (Debian's Chromium) cut off from everything but the gateway, as on a city
 * intranet without internet: it loads, takes a token, runs a query and shows data, with no request
 * leaving for another host, no failed request, and nothing refused by its content security policy.
 */
const CHROMIUM = '/usr/bin/chromium';
const platform = runningPlatforms()[0]!;
const gateway = new URL(platform.gatewayUrl).origin;

describe('the GraphQL IDE in Chromium, offline', () => {
  let userDataDir: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    userDataDir = mkdtempSync(join(tmpdir(), 'civic-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      // Without the networking flags Chromium's own background connections fail on a closed network.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('loads from the gateway alone, takes a token, runs a query and shows its data', async () => {
    const outside: string[] = [];
    const failed: string[] = [];
    const problems: string[] = [];
    // Offline: only the gateway answers; anything else the page asks for is recorded and refused.
    await browser.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${gateway}/`) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await browser.newPage();
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.url()}: ${response.status()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${gateway}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('#civic-token-input').fill(await tokenFor('police'));
    await page.locator('#civic-token-input').press('Enter');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    await result.getByText('"totalCount"').waitFor();
    // CodeMirror 5 keeps its editor on the element it renders into.
    const text = await page.evaluate(() => (document.querySelector('.graphiql-response .CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
    const answer = JSON.parse(text) as unknown;
    expect(answer).toMatchObject({ data: { residents: { totalCount: expect.any(Number), edges: expect.any(Array) } } });

    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
  });
});
