import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { startGatewayProcess, subgraphUrlEnv, type GatewayProcess } from '../support/gatewayProcess';

/**
 * The browser side of the HTTP edge, in a real browser (Debian's Chromium). The IDE, cut off from
 * everything but the gateway as on a city intranet without internet: it loads, takes a token, runs a
 * query and shows data, with no request leaving for another host, no failed request, and nothing
 * refused by its content security policy. CORS as the browser enforces it: preflight and all.
 */
const CHROMIUM = '/usr/bin/chromium';
const platform = runningPlatforms()[0]!;
const gateway = new URL(platform.gatewayUrl).origin;

describe('in Chromium', () => {
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

  it('the IDE loads from the gateway alone, takes a token, runs a query and shows its data', async () => {
    const outside: string[] = [];
    const failed: string[] = [];
    const problems: string[] = [];
    // Offline: only the gateway answers; anything else the page asks for is recorded and refused.
    const page = await browser.newPage();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${gateway}/`) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
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

  describe('a browser app on another origin, with CORS_ORIGINS naming one app', () => {
    let apps: Server[];
    let allowedApp: string;
    let otherApp: string;
    let corsGateway: GatewayProcess;

    /** A tiny app page served from 127.0.0.1 on a port of its own: another origin than the gateway, on the same loopback. */
    async function appServer(): Promise<[Server, string]> {
      const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
    }

    beforeAll(async () => {
      const [allowed, other] = [await appServer(), await appServer()];
      apps = [allowed[0], other[0]];
      [allowedApp, otherApp] = [allowed[1], other[1]];
      corsGateway = await startGatewayProcess({ ...subgraphUrlEnv(platform.subgraphUrls), NODE_ENV: 'development', CORS_ORIGINS: allowedApp });
    });
    afterAll(async () => {
      await corsGateway?.stop();
      for (const app of apps ?? []) await new Promise((resolve) => app.close(resolve));
    });

    /** What the app's own script gets from a POST to the gateway: the answer's data, or the browser's refusal. */
    async function queryFrom(appOrigin: string): Promise<unknown> {
      const page = await browser.newPage();
      try {
        await page.goto(appOrigin);
        return await page.evaluate(
          async ({ url, token }) => {
            try {
              const response = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-access-purpose': 'a browser test' },
                body: JSON.stringify({ query: '{ residents(first: 1) { totalCount } }' }),
              });
              return { status: response.status, body: await response.json() };
            } catch (error) {
              return { refused: String(error) };
            }
          },
          { url: `${corsGateway.origin}/graphql`, token: await tokenFor('police') },
        );
      } finally {
        await page.close();
      }
    }

    it("the allowed app's preflighted POST is answered and its script reads the data", async () => {
      expect(await queryFrom(allowedApp)).toMatchObject({ status: 200, body: { data: { residents: { totalCount: expect.any(Number) } } } });
    });

    it('any other origin is stopped by the browser', async () => {
      expect(await queryFrom(otherApp)).toEqual({ refused: 'TypeError: Failed to fetch' });
    });
  });
});
