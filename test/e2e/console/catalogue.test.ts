import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { closeBrowser, describeInBrowser, openBrowser, openScreen, pick, screenshot, signedInPage } from '../support/consoleBrowser';

const REASON = 'Under review after a leak of call lists';

/** Searches with the filters picked, and waits for the answer to be shown (the count is set only then). */
async function filteredBy(page: Page, search: string) {
  const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && Boolean(response.request().postData()?.includes(`"search":"${search}"`)));
  await page.getByTestId('catalogue-search').fill(search);
  await page.getByTestId('catalogue-search').press('Enter');
  await answered;
  await page.locator('[data-testid="catalogue-count"][data-count]').waitFor();
  return page.getByTestId('catalogue-table');
}

/** Declares (or, with "DERIVED", clears) Resident.phone's class in the modal of the row's action. */
async function declarePhone(page: Page, sharingClass: string, reason: string) {
  await page.locator('tr[data-row-key="Resident.phone"]').getByTestId('declare-class-open').click();
  await page.getByTestId('declare-class').click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${sharingClass}"]`).click();
  await page.getByTestId('declare-reason').fill(reason);
  await page.getByTestId('declare-ok').click();
  await page.locator('.ant-modal').waitFor({ state: 'detached' });
}

/**
 * The Catalogue screen in a real browser, checked against schema/policy.yaml: a fire officer finds
 * Resident.phone owned by police (its type's owner), shared on conditions and masked for fire with the
 * phone style (its rule "Masked unless a time-limited grant ..."), and Resident.keyPersonnelCategory not
 * shared ("Police only."); the CSV download lists every entry of the table. Police's data officer
 * declares Resident.phone not shared, sees the declaration marked with its reason, and returns it.
 */
describeInBrowser('the console in Chromium: catalogue', () => {
  const platform = runningPlatforms()[0]!;
  let opened: Awaited<ReturnType<typeof openBrowser>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    opened = await openBrowser();
    browser = opened.browser;
  });
  afterAll(() => closeBrowser(opened));

  it("shows a fire officer each field's owner, class and what they get, and downloads it as CSV", async () => {
    const [page, trouble] = await signedInPage(browser, 'fire', 'officer');
    await openScreen(page, 'Catalogue');
    const count = page.locator('[data-testid="catalogue-count"][data-count]');
    const entries = Number(await count.getAttribute('data-count'));
    expect(entries).toBeGreaterThan(100);

    const download = page.waitForEvent('download');
    await page.getByTestId('catalogue-export-csv').click();
    const lines = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('field,subgraph,owner,classification,sharingClass,sharingClassSource,sharingClassReason,yourAccessInside,yourAccessOutside,howToGetMore,description');
    expect(lines).toHaveLength(entries + 1);

    await pick(page, 'Owner', 'police');
    const table = await filteredBy(page, 'phone');
    const phone = table.locator('tr[data-row-key="Resident.phone"]');
    await expect(phone.textContent()).resolves.toContain('police');
    await expect(phone.getByTestId('sharing-class').getAttribute('data-class')).resolves.toBe('CONDITIONAL');
    await expect(phone.getByTestId('sharing-class').textContent()).resolves.toBe('conditional');
    await expect(phone.getByTestId('access-inside').textContent()).resolves.toBe('mask · phone');
    // Not a data officer: nothing to declare.
    await expect(table.getByTestId('declare-class-open').count()).resolves.toBe(0);

    await pick(page, 'Sharing class', 'NOT_SHARED');
    await filteredBy(page, 'keyPersonnel');
    const keyPersonnel = table.locator('tr[data-row-key="Resident.keyPersonnelCategory"]');
    await expect(keyPersonnel.getByTestId('sharing-class').getAttribute('data-class')).resolves.toBe('NOT_SHARED');
    await expect(keyPersonnel.getByTestId('access-inside').getAttribute('data-effect')).resolves.toBe('DENY');
    // How to get more names the rule that closes it.
    await expect(keyPersonnel.textContent()).resolves.toContain('Police only.');
    await expect(table.locator('tbody tr[data-row-key]').count()).resolves.toBe(Number(await count.getAttribute('data-count')));

    expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    await page.close();
  });

  it("lets police's data officer declare Resident.phone not shared, with a reason, and return it to the derived class", async () => {
    const [page, trouble] = await signedInPage(browser, 'police', 'data-officer');
    try {
      await openScreen(page, 'Catalogue');
      await pick(page, 'Owner', 'police');
      const phone = (await filteredBy(page, 'phone')).locator('tr[data-row-key="Resident.phone"]');

      await declarePhone(page, 'NOT_SHARED', REASON);
      await phone.locator('[data-testid="sharing-class"][data-source="OWNER"]').waitFor();
      await expect(phone.getByTestId('sharing-class').getAttribute('data-class')).resolves.toBe('NOT_SHARED');
      await phone.getByTestId('declared-by-owner').hover();
      // The policy still implies conditional sharing (fire and others see it masked): the declaration says why it differs.
      await expect(page.locator('.ant-tooltip:visible').filter({ hasText: REASON }).textContent()).resolves.toContain('Derived from the policy: conditional');
      await screenshot(page, '14-catalogue');

      await declarePhone(page, 'DERIVED', 'Review done');
      await phone.locator('[data-testid="sharing-class"][data-source="POLICY"]').waitFor();
      await expect(phone.getByTestId('sharing-class').getAttribute('data-class')).resolves.toBe('CONDITIONAL');
      expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    } finally {
      await page.close();
      // Whatever happened above, the other tests find the class the policy implies.
      const cleared = await graphql(platform.gatewayUrl, 'mutation { setSharingClass(input: { field: "Resident.phone", sharingClass: null, reason: "test clean-up" }) { sharingClassSource } }', {}, { token: await tokenFor('police', { role: 'data-officer' }) });
      expect(cleared.data!.setSharingClass.sharingClassSource).toBe('POLICY');
    }
  });
});
