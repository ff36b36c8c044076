import type { BrowserContext, Page } from 'playwright-core';
import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { closeBrowser, describeInBrowser, openBrowser, openConsole, openScreen, screenshot, watchedPage } from '../support/consoleBrowser';

const streetOf = (gridCode: string) => gridCode.slice(0, 9);

/**
 * The duty desk in a real browser: a street's desk follows the live feeds through the gateway's port,
 * shows an incident of its street as soon as it is reported and its team once dispatched, and never one
 * of another street.
 */
describeInBrowser('the console in Chromium: duty desk', () => {
  const platform = runningPlatforms()[0]!;
  let opened: Awaited<ReturnType<typeof openBrowser>>;
  let browser: BrowserContext;
  let cityWide: string;
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const answer = await graphql(platform.gatewayUrl, query, variables, { token: cityWide });
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };
  const report = async (gridCode: string, title: string) =>
    (await ask('mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }', { input: { category: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'CRITICAL', title, description: 'Made by the duty desk test', gridCode } })).reportIncident.id as string;

  /** The desk's user, signed in with a token bound to the street (as the development sign-in gives one when a street is picked). */
  async function signInAs(page: Page, token: string) {
    await openConsole(page);
    await page.evaluate((saved) => {
      localStorage.removeItem('civic-console-language');
      sessionStorage.setItem('civic-console-token', saved);
    }, token);
    await page.reload();
    await page.getByTestId('signed-in-as').waitFor();
  }

  beforeAll(async () => {
    cityWide = await tokenFor('emergency', { subject: `duty-desk-${Date.now()}` });
    opened = await openBrowser();
    browser = opened.browser;
  });
  afterAll(() => closeBrowser(opened));

  it("a street's desk shows, live, an incident reported in its street and the team dispatched to it, and not one of another street", async () => {
    const team = (await ask('{ rescueTeams(first: 1, filter: { readiness: READY }) { edges { node { id name gridCode } } } }')).rescueTeams.edges[0].node as { id: string; name: string; gridCode: string };
    const street = streetOf(team.gridCode);
    const grids = (await ask('{ grids { code } }')).grids as { code: string }[];
    const inside = grids.find((grid) => streetOf(grid.code) === street)!;
    const outside = grids.find((grid) => streetOf(grid.code) !== street)!;

    const [page, trouble] = await watchedPage(browser);
    await signInAs(page, await tokenFor('police', { jurisdiction: street, subject: 'duty-desk' }));
    await openScreen(page, 'Duty desk');
    await page.locator('[data-testid="feed-mode"][data-mode="live"]').waitFor();
    // The first read is done (no spinner), so that what is reported next is new to the desk.
    await page.locator('.ant-table-wrapper .ant-table-tbody').waitFor();
    await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });

    const elsewhere = await report(outside.code, 'Smoke in another street');
    const here = await report(inside.code, 'Smoke in our street');
    // Appears without a reload, highlighted as new.
    await page.locator(`tr[data-row-key="${here}"][data-fresh="yes"]`).waitFor();

    await ask('mutation ($i: ID!, $t: ID!) { dispatchTeam(input: { incidentId: $i, teamId: $t, note: "duty desk test" }) { id } }', { i: here, t: team.id });
    await page.getByTestId(`dispatches-${here}`).getByTestId('dispatch').filter({ hasText: team.name }).waitFor();
    await expect(page.getByTestId('feed-mode').getAttribute('data-mode')).resolves.toBe('live');
    await screenshot(page, '12-duty-desk');

    // The other street's incident was reported first: every read of the desk since then would have shown it.
    expect(await page.getByTestId(`incident-${elsewhere}`).count()).toBe(0);
    expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    await page.close();
  });
});
